/**
 * A per-day chart with uPlot (canvas), and the same numbers as a table for
 * screen readers and keyboard users: the canvas is one labelled image, the
 * table (under "Show as table") is the text alternative (WCAG 1.1.1).
 * Stacked bars draw each series as the running total, largest first, so the
 * smaller ones cover its lower part.
 */
import { useEffect, useId, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { useFormat } from '../i18n/format';
import { ScrollRegion } from './scroll-region';

export interface ChartSeries {
  label: string;
  values: readonly number[];
  /** A CSS custom property on the chart, e.g. `--chart-1`, read at draw time for light and dark. */
  color: string;
}

export interface TimeChartProps {
  title: string;
  /** One line saying exactly what is counted. */
  definition: string;
  days: readonly string[];
  series: readonly ChartSeries[];
  kind: 'stacked-bars' | 'lines';
  /** "Show as table" */
  tableLabel: string;
  /** "Day" */
  dayLabel: string;
  /** The summary read for the canvas, e.g. "1 234 page views in 30 days". */
  summary: string;
}

const height = 220;

export function TimeChart(props: TimeChartProps) {
  const { title, definition, days, series, kind, tableLabel, dayLabel, summary } = props;
  const host = useRef<HTMLDivElement>(null);
  const format = useFormat();
  const id = useId();

  useEffect(() => {
    const element = host.current;
    if (element === null) return;
    let plot: uPlot | null = null;
    const x = days.map((day) => Date.parse(`${day}T12:00:00Z`) / 1000);
    const colour = (name: string) =>
      getComputedStyle(element).getPropertyValue(name).trim() || '#888';

    function draw() {
      plot?.destroy();
      if (element === null) return;
      const axis = colour('--chart-axis');
      const grid = colour('--chart-grid');
      const stacked = kind === 'stacked-bars';
      const totals = stacked
        ? series.map((_, index) =>
            days.map((_, day) =>
              series.slice(0, index + 1).reduce((sum, one) => sum + (one.values[day] ?? 0), 0),
            ),
          )
        : series.map((one) => [...one.values]);
      const order = stacked
        ? series.map((_, index) => series.length - 1 - index)
        : series.map((_, index) => index);
      const bars = uPlot.paths.bars?.({ size: [0.7, 48] });
      plot = new uPlot(
        {
          width: Math.max(240, element.clientWidth),
          height,
          legend: { show: false },
          cursor: { show: false },
          scales: {
            x: { time: true },
            y: { range: (_u, _min, max) => [0, Math.max(4, max * 1.1)] },
          },
          axes: [
            {
              stroke: axis,
              grid: { show: false },
              ticks: { stroke: grid },
              values: (_u, ticks) =>
                ticks.map((tick) =>
                  format.shortDay(new Date(tick * 1000).toISOString().slice(0, 10)),
                ),
            },
            {
              stroke: axis,
              grid: { stroke: grid, width: 1 },
              ticks: { show: false },
              values: (_u, ticks) =>
                ticks.map((tick) => (Number.isInteger(tick) ? format.number(tick) : '')),
              size: 48,
            },
          ],
          series: [
            {},
            ...order.map((index) => {
              const one = series[index];
              const stroke = colour(one?.color ?? '--chart-1');
              return stacked
                ? {
                    label: one?.label ?? '',
                    stroke,
                    fill: stroke,
                    width: 0,
                    ...(bars ? { paths: bars } : {}),
                    points: { show: false },
                  }
                : {
                    label: one?.label ?? '',
                    stroke,
                    width: 2,
                    points: { show: days.length <= 31, size: 5, fill: stroke },
                  };
            }),
          ],
        },
        [x, ...order.map((index) => totals[index] ?? [])],
        element,
      );
    }

    draw();
    const resize = new ResizeObserver(() =>
      plot?.setSize({ width: Math.max(240, element.clientWidth), height }),
    );
    resize.observe(element);
    const scheme = matchMedia('(prefers-color-scheme: dark)');
    scheme.addEventListener('change', draw);
    return () => {
      resize.disconnect();
      scheme.removeEventListener('change', draw);
      plot?.destroy();
    };
  }, [days, series, kind, format]);

  return (
    <figure class="chart" aria-labelledby={`${id}-title`}>
      <figcaption>
        <h2 id={`${id}-title`}>{title}</h2>
        <p class="definition">{definition}</p>
      </figcaption>
      <ul class="chart__legend" aria-hidden="true">
        {series.map((one) => (
          <li key={one.label}>
            <span class={`swatch swatch--${one.color.replace('--', '')}`} />
            {one.label}
          </li>
        ))}
      </ul>
      <div class="chart__plot" role="img" aria-label={summary} ref={host} />
      <details class="chart__table">
        <summary>{tableLabel}</summary>
        <ScrollRegion label={title}>
          <table>
            <caption class="visually-hidden">{title}</caption>
            <thead>
              <tr>
                <th scope="col">{dayLabel}</th>
                {series.map((one) => (
                  <th scope="col" key={one.label} class="num">
                    {one.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {days.map((day, index) => (
                <tr key={day}>
                  <th scope="row">{format.longDay(day)}</th>
                  {series.map((one) => (
                    <td key={one.label} class="num">
                      {format.number(one.values[index] ?? 0)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      </details>
    </figure>
  );
}

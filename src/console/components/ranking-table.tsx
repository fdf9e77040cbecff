/**
 * A ranked list as a table with a bar per row: top paths, referrers, devices,
 * browsers. Text first, so it reads the same to everyone; the bar is decoration.
 */
import { useId } from 'preact/hooks';
import type { Ranking } from '../../protocol/admin';
import { useFormat } from '../i18n/format';

export interface RankingTableProps {
  title: string;
  definition: string;
  labelHeading: string;
  countHeading: string;
  rows: Ranking;
  empty: string;
  /** Renders a row's label, e.g. a device type in words; the raw label by default. */
  describe?: (label: string) => string;
}

export function RankingTable({
  title,
  definition,
  labelHeading,
  countHeading,
  rows,
  empty,
  describe,
}: RankingTableProps) {
  const format = useFormat();
  const id = useId();
  const top = Math.max(1, ...rows.map((row) => row.count));
  const total = rows.reduce((sum, row) => sum + row.count, 0);
  return (
    <section class="card ranking" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{title}</h2>
      <p class="definition">{definition}</p>
      {rows.length === 0 ? (
        <p class="muted">{empty}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{labelHeading}</th>
              <th scope="col" class="num">
                {countHeading}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.label}>
                <th scope="row" class="ranking__label">
                  <span class="ranking__text">{describe ? describe(row.label) : row.label}</span>
                  <span class="ranking__bar" style={{ width: `${(row.count / top) * 100}%` }} />
                </th>
                <td class="num">
                  {format.number(row.count)}
                  <span class="muted small"> ({format.percent(row.count / total)})</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

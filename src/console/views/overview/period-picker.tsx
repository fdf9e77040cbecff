/** Presets (7, 30, 90 days) and a custom from–to, as a small form. */
import { useState } from 'preact/hooks';
import { useTexts } from '../../i18n/locale';
import { overviewTexts } from '../../i18n/overview-texts';
import { isValidPeriod, lastDays, type Period } from './period';

export function PeriodPicker({
  period,
  timeZone,
  onChange,
}: {
  period: Period;
  timeZone: string;
  onChange: (period: Period) => void;
}) {
  const texts = useTexts(overviewTexts);
  const [draft, setDraft] = useState(period);
  const [invalid, setInvalid] = useState(false);
  const presets: Array<[string, number]> = [
    [texts.last7, 7],
    [texts.last30, 30],
    [texts.last90, 90],
  ];
  return (
    <form
      class="period"
      aria-label={texts.period}
      onSubmit={(event) => {
        event.preventDefault();
        const ok = isValidPeriod(draft);
        setInvalid(!ok);
        if (ok) onChange(draft);
      }}
    >
      <fieldset class="period__presets">
        <legend class="visually-hidden">{texts.period}</legend>
        {presets.map(([label, days]) => {
          const preset = lastDays(days, timeZone);
          const active = preset.from === period.from && preset.to === period.to;
          return (
            <button
              key={days}
              type="button"
              class="chip"
              aria-pressed={active}
              onClick={() => {
                setDraft(preset);
                setInvalid(false);
                onChange(preset);
              }}
            >
              {label}
            </button>
          );
        })}
      </fieldset>
      <div class="period__custom">
        <div class="field field--inline">
          <label for="period-from">{texts.from}</label>
          <input
            id="period-from"
            type="date"
            value={draft.from}
            aria-invalid={invalid ? 'true' : undefined}
            aria-describedby={invalid ? 'period-error' : undefined}
            onInput={(event) =>
              setDraft({ ...draft, from: (event.currentTarget as HTMLInputElement).value })
            }
          />
        </div>
        <div class="field field--inline">
          <label for="period-to">{texts.to}</label>
          <input
            id="period-to"
            type="date"
            value={draft.to}
            aria-invalid={invalid ? 'true' : undefined}
            aria-describedby={invalid ? 'period-error' : undefined}
            onInput={(event) =>
              setDraft({ ...draft, to: (event.currentTarget as HTMLInputElement).value })
            }
          />
        </div>
        <button type="submit" class="button">
          {texts.show}
        </button>
      </div>
      {invalid && (
        <p id="period-error" class="field-error" role="alert">
          {texts.periodInvalid}
        </p>
      )}
    </form>
  );
}

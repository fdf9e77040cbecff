/** The overview's period: calendar days in the browser's time zone. */
import { maxStatsDays } from '../../../protocol/admin';

export interface Period {
  from: string;
  to: string;
}

/** The browser's IANA time zone; UTC when it cannot tell. */
export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** Today as `YYYY-MM-DD` in `timeZone`. */
export function today(timeZone: string, now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}

/** `day` moved by `delta` calendar days. */
export function addDays(day: string, delta: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + delta);
  return date.toISOString().slice(0, 10);
}

/** The last `days` days up to and including today. */
export function lastDays(days: number, timeZone: string, now = new Date()): Period {
  const to = today(timeZone, now);
  return { from: addDays(to, 1 - days), to };
}

/** Days from `from` to `to`, both included. */
export function dayCount({ from, to }: Period): number {
  return (
    Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1
  );
}

/** A period the server accepts: from ≤ to, at most `maxStatsDays` days. */
export function isValidPeriod(period: Period): boolean {
  const days = dayCount(period);
  return (
    /^\d{4}-\d{2}-\d{2}$/.test(period.from) &&
    /^\d{4}-\d{2}-\d{2}$/.test(period.to) &&
    days >= 1 &&
    days <= maxStatsDays
  );
}

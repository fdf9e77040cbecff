/**
 * Calendar days in a time zone as spans of epoch milliseconds, so the
 * database can count per local day without knowing time zones (SQLite does
 * not). A day across a daylight-saving change is 23 or 25 hours long.
 */
import type { DayBounds } from './storage/create-stats-store';

/** True when `timeZone` is an IANA name this runtime knows. */
export function isKnownTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** How far `timeZone`'s wall clock is ahead of UTC at instant `ms`, in ms. */
function offsetAt(ms: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(new Date(ms));
  const part = (type: string) => Number(parts.find((entry) => entry.type === type)?.value ?? 0);
  const wall = Date.UTC(
    part('year'),
    part('month') - 1,
    part('day'),
    part('hour'),
    part('minute'),
    part('second'),
  );
  return wall - Math.floor(ms / 1000) * 1000;
}

/** The instant `day` (`YYYY-MM-DD`) begins in `timeZone`. */
export function startOfDay(day: string, timeZone: string): number {
  const utcMidnight = Date.parse(`${day}T00:00:00Z`);
  const guess = utcMidnight - offsetAt(utcMidnight, timeZone);
  // The offset may differ at the guess itself when a change falls in between.
  return utcMidnight - offsetAt(guess, timeZone);
}

/** `day` plus `delta` calendar days. */
export function addDays(day: string, delta: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + delta);
  return date.toISOString().slice(0, 10);
}

/** Every day from `from` to `to`, both included, with its span in `timeZone`. */
export function dayBounds(from: string, to: string, timeZone: string): DayBounds[] {
  const days: DayBounds[] = [];
  for (let day = from; day <= to; day = addDays(day, 1)) {
    days.push({
      day,
      start: startOfDay(day, timeZone),
      end: startOfDay(addDays(day, 1), timeZone),
    });
  }
  return days;
}

/**
 * Adds calendar months the way EU law counts them (Regulation 1182/71 art.
 * 3(2)(c)): a period of a month ends on the same date of the next month, or
 * on that month's last day when it has no such date, so 31 January plus one
 * month is 28 (or 29) February, not 2 or 3 March as `setUTCMonth` would give.
 * Used for a rights request's deadline (GDPR art. 12(3): one month) and the
 * visitor's pause. Times are UTC; the time of day is kept.
 */
export function addCalendarMonths(from: Date, months: number): Date {
  const result = new Date(from.getTime());
  const day = result.getUTCDate();
  result.setUTCDate(1);
  result.setUTCMonth(result.getUTCMonth() + months);
  const lastDay = new Date(
    Date.UTC(result.getUTCFullYear(), result.getUTCMonth() + 1, 0),
  ).getUTCDate();
  result.setUTCDate(Math.min(day, lastDay));
  return result;
}

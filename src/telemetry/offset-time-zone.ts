/**
 * The device event's `timeZone`: the browser's offset from UTC, in whole
 * hours, as an IANA `Etc/GMT` zone name ("Etc/GMT-1" is UTC+1 — the tz
 * database's POSIX-style names invert the sign), or "UTC".
 *
 * Coarser than the city zone `Intl.DateTimeFormat().resolvedOptions()` gives
 * ("Europe/Stockholm" names a country; "Etc/GMT-1" is half of Europe), which
 * is all the statistics need, and cheap: a page's first `Intl.DateTimeFormat`
 * costs 35–60 ms of main-thread time loading ICU data (135–260 ms at 4× CPU
 * throttling), one long task (src/i18n/define-texts.ts (formatList)).
 */

/**
 * `utcOffsetMinutes`: local time minus UTC in minutes, i.e.
 * `-new Date().getTimezoneOffset()` (60 for Stockholm in winter). Rounded to
 * the nearest hour (India's +5:30 becomes Etc/GMT-6) and kept within the
 * names that exist, UTC−12 to UTC+14; not a number gives "UTC".
 */
export function offsetTimeZone(utcOffsetMinutes: number): string {
  const hours = Math.min(14, Math.max(-12, Math.round(utcOffsetMinutes / 60)));
  if (!hours) return 'UTC';
  return `Etc/GMT${hours > 0 ? '-' : '+'}${Math.abs(hours)}`;
}

/**
 * `GET /v1/admin/sites/{site}/stats?from=YYYY-MM-DD&to=YYYY-MM-DD[&tz=Area/City]`
 * (contract §9). Per-day series are arrays aligned with `days`. Rows marked
 * restricted (GDPR art. 18) are not counted.
 */
import { consentMethod } from '../consent-choice';
import { timeZonePattern } from '../regexes';
import { z } from '../zod-setup';

/**
 * True when `day` names a day the calendar has: `Date` rolls `2026-02-30` over
 * to 2 March instead of refusing it, so the day must survive the round trip.
 */
function isCalendarDay(day: string): boolean {
  const date = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === day;
}

/** A calendar day, `YYYY-MM-DD`, one that exists (no 30 February). */
export const calendarDay = z
  .string()
  .check(
    z.regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'must be a day as YYYY-MM-DD'),
    z.refine(isCalendarDay, 'must be a day the calendar has'),
  );

/** Longest period one stats request may cover, in days. */
export const maxStatsDays = 366;

export const statsQuery = z.strictObject({
  from: calendarDay,
  to: calendarDay,
  /** IANA time zone the days are counted in; UTC by default. */
  tz: z.optional(z.string().check(z.maxLength(64), z.regex(timeZonePattern))),
});

const count = z.int().check(z.nonnegative());
const series = z.array(count);
/** A ranked list: a label and how often it occurred. */
const ranking = z.array(z.strictObject({ label: z.string().check(z.maxLength(600)), count }));

export const siteStats = z.strictObject({
  site: z.string(),
  from: calendarDay,
  to: calendarDay,
  timeZone: z.string(),
  days: z.array(calendarDay),
  consent: z.strictObject({
    /** Decisions per day, one series per method. */
    byMethod: z.record(consentMethod, series),
    /** Per policy version: decisions, and how many granted each purpose. */
    byPolicyVersion: z.array(
      z.strictObject({
        policyVersion: z.string(),
        decisions: count,
        analytics: count,
        marketing: count,
        acceptedAll: count,
      }),
    ),
  }),
  traffic: z.strictObject({
    pageViews: series,
    /** Distinct visitor ids per day. */
    visitors: series,
    /** Distinct visitor ids in the whole period (not the sum of the days). */
    visitorsInPeriod: count,
    topPaths: ranking,
    referrers: ranking,
    devices: ranking,
    browsers: ranking,
  }),
  conversations: series,
  leads: series,
});

export type StatsQuery = z.infer<typeof statsQuery>;
export type SiteStats = z.infer<typeof siteStats>;
export type Ranking = z.infer<typeof ranking>;

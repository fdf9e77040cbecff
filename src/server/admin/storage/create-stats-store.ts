/**
 * The overview's figures, counted in the database. Days are calendar days in
 * the caller's time zone: the caller passes each day's start and end as
 * epoch milliseconds, and rows are joined to that small VALUES table, which
 * both engines read the same way (columns `column1` to `column3`).
 */
import { type RawBuilder, sql } from 'kysely';
import type { SiteStats } from '../../../protocol/admin';
import { consentMethod } from '../../../protocol/consent-choice';
import type { ConsoleDatabase } from './console-database';

/** One calendar day and the instants it spans, [start, end). */
export interface DayBounds {
  day: string;
  start: number;
  end: number;
}

/** Rows each ranking keeps. */
export const rankingSize = 10;

export interface StatsStore {
  siteStats(site: string, days: readonly DayBounds[], timeZone: string): Promise<SiteStats>;
}

export interface StatsStoreOptions {
  /**
   * A condition that is true for rows the visitor restricted (GDPR art. 18),
   * given the table alias; such rows are not counted. None by default.
   */
  restricted?: (
    table: 'events' | 'consent_receipts' | 'leads',
    alias: string,
  ) => RawBuilder<boolean> | null;
}

export function createStatsStore(
  { db, dialect }: ConsoleDatabase,
  { restricted = () => null }: StatsStoreOptions = {},
): StatsStore {
  /** A text field of a JSON column: `json_extract` on SQLite, `->>` on PostgreSQL's jsonb. */
  const jsonText = (column: string, key: string) =>
    dialect === 'sqlite'
      ? sql<string>`json_extract(${sql.ref(column)}, ${`$.${key}`})`
      : sql<string>`(${sql.ref(column)} ->> ${key})`;

  const dayTable = (days: readonly DayBounds[]) =>
    sql`(VALUES ${sql.join(days.map((day) => sql`(CAST(${day.day} AS TEXT), CAST(${day.start} AS BIGINT), CAST(${day.end} AS BIGINT))`))})`;

  const notRestricted = (table: 'events' | 'consent_receipts' | 'leads', alias: string) => {
    const condition = restricted(table, alias);
    return condition === null ? sql`1 = 1` : sql`NOT (${condition})`;
  };

  async function perDay(
    days: readonly DayBounds[],
    source: RawBuilder<unknown>,
    alias: string,
    at: string,
    value: RawBuilder<number>,
    extra: RawBuilder<unknown> = sql`1 = 1`,
    groupColumn?: string,
  ): Promise<Array<{ day: string; group: string | null; n: number }>> {
    const group = groupColumn ? sql.ref(groupColumn) : sql`NULL`;
    const result = await sql<{ day: string; grp: string | null; n: number }>`
      SELECT d.column1 AS day, ${group} AS grp, ${value} AS n
      FROM ${source} AS ${sql.raw(alias)}
      JOIN ${dayTable(days)} AS d ON ${sql.ref(`${alias}.${at}`)} >= d.column2 AND ${sql.ref(`${alias}.${at}`)} < d.column3
      WHERE ${extra}
      GROUP BY d.column1${groupColumn ? sql`, ${sql.ref(groupColumn)}` : sql``}`.execute(db);
    return result.rows.map((row) => ({
      day: String(row.day),
      group: row.grp === null ? null : String(row.grp),
      n: Number(row.n),
    }));
  }

  function series(
    days: readonly DayBounds[],
    rows: ReadonlyArray<{ day: string; n: number }>,
  ): number[] {
    const index = new Map(days.map((day, position) => [day.day, position]));
    const values = days.map(() => 0);
    for (const row of rows) {
      const position = index.get(row.day);
      if (position !== undefined) values[position] = (values[position] ?? 0) + row.n;
    }
    return values;
  }

  async function ranking(
    site: string,
    start: number,
    end: number,
    type: string,
    key: string,
    requireKey: boolean,
  ) {
    const label = jsonText('e.payload', key);
    // By position, not by repeating the expression: each repetition binds the
    // key as a parameter of its own, and PostgreSQL cannot tell they are equal.
    const result = await sql<{ label: string; n: number }>`
      SELECT ${label} AS label, count(*) AS n FROM events AS e
      WHERE e.site = ${site} AND e.type = ${type} AND e.received_at >= ${start} AND e.received_at < ${end}
        AND ${notRestricted('events', 'e')} ${requireKey ? sql`AND ${label} IS NOT NULL` : sql``}
      GROUP BY 1 ORDER BY n DESC, label LIMIT ${rankingSize}`.execute(db);
    return result.rows.map((row) => ({ label: String(row.label ?? ''), count: Number(row.n) }));
  }

  return {
    async siteStats(site, days, timeZone) {
      const first = days[0];
      const last = days.at(-1);
      if (first === undefined || last === undefined)
        throw new Error('siteStats needs at least one day');
      const start = first.start;
      const end = last.end;
      const inSite = (alias: string) => sql`${sql.ref(`${alias}.site`)} = ${site}`;

      const receipts = await perDay(
        days,
        sql`consent_receipts`,
        'r',
        'received_at',
        sql<number>`count(*)`,
        sql`${inSite('r')} AND ${notRestricted('consent_receipts', 'r')}`,
        'r.method',
      );
      const byMethod = Object.fromEntries(
        consentMethod.options.map((method) => [
          method,
          series(
            days,
            receipts.filter((row) => row.group === method),
          ),
        ]),
      ) as SiteStats['consent']['byMethod'];

      const versions = await sql<{
        policy_version: string;
        decisions: number;
        analytics: number;
        marketing: number;
        everything: number;
      }>`
        SELECT r.policy_version, count(*) AS decisions,
          sum(CASE WHEN r.analytics THEN 1 ELSE 0 END) AS analytics,
          sum(CASE WHEN r.marketing THEN 1 ELSE 0 END) AS marketing,
          sum(CASE WHEN r.analytics AND r.marketing THEN 1 ELSE 0 END) AS everything
        FROM consent_receipts AS r
        WHERE r.site = ${site} AND r.received_at >= ${start} AND r.received_at < ${end} AND ${notRestricted('consent_receipts', 'r')}
        GROUP BY r.policy_version ORDER BY decisions DESC, r.policy_version LIMIT 20`.execute(db);

      const pageViewFilter = sql`${inSite('e')} AND e.type = 'page-view' AND ${notRestricted('events', 'e')}`;
      const views = await perDay(
        days,
        sql`events`,
        'e',
        'received_at',
        sql<number>`count(*)`,
        pageViewFilter,
      );
      const visitors = await perDay(
        days,
        sql`events`,
        'e',
        'received_at',
        sql<number>`count(DISTINCT e.visitor_id)`,
        sql`${inSite('e')} AND ${notRestricted('events', 'e')}`,
      );
      const period = await sql<{ n: number }>`
        SELECT count(DISTINCT e.visitor_id) AS n FROM events AS e
        WHERE e.site = ${site} AND e.received_at >= ${start} AND e.received_at < ${end} AND ${notRestricted('events', 'e')}`.execute(
        db,
      );

      const conversations = await perDay(
        days,
        sql`(SELECT site, conversation_id, min(received_at) AS started FROM conversation_messages WHERE site = ${site} GROUP BY site, conversation_id)`,
        'c',
        'started',
        sql<number>`count(*)`,
      );
      const leads = await perDay(
        days,
        sql`leads`,
        'l',
        'received_at',
        sql<number>`count(*)`,
        sql`${inSite('l')} AND ${notRestricted('leads', 'l')}`,
      );

      return {
        site,
        from: first.day,
        to: last.day,
        timeZone,
        days: days.map((day) => day.day),
        consent: {
          byMethod,
          byPolicyVersion: versions.rows.map((row) => ({
            policyVersion: String(row.policy_version),
            decisions: Number(row.decisions),
            analytics: Number(row.analytics),
            marketing: Number(row.marketing),
            acceptedAll: Number(row.everything),
          })),
        },
        traffic: {
          pageViews: series(days, views),
          visitors: series(days, visitors),
          visitorsInPeriod: Number(period.rows[0]?.n ?? 0),
          topPaths: await ranking(site, start, end, 'page-view', 'path', true),
          referrers: await ranking(site, start, end, 'page-view', 'referrer', true),
          devices: await ranking(site, start, end, 'device', 'deviceType', true),
          browsers: await ranking(site, start, end, 'device', 'browser', true),
        },
        conversations: series(days, conversations),
        leads: series(days, leads),
      };
    },
  };
}

/**
 * The collector's side of the visitor's rights (contract §8; GDPR art. 16,
 * 18, 21), on the same database as the rest, through Kysely for SQLite and
 * PostgreSQL alike. Tables in migration `0030-rights-requests`:
 *
 * - `rights_requests`: every request once, by id, with kind, status and
 *   deadline (one calendar month, art. 12(3)), what it named, and what was
 *   done (handled, lifted), kept until the site owner handles it and, as
 *   proof, `receiptsMonths` after (see `purge`).
 * - `rights_restrictions`: the ids a restriction (scope `all`) or an
 *   objection to marketing (scope `marketing`) covers. Statistics and
 *   marketing leave out matching rows (`restrictedRows`); lifting deletes them.
 *
 * A request is applied in the transaction that stores it, and only then: a
 * retry of the same id changes nothing, so an old correction arriving again
 * never undoes a newer one.
 */
import { type RawBuilder, sql } from 'kysely';
import type { LeadFields } from '../../protocol/lead';
import { type RightsRequest, rightsRequestDeadline } from '../../protocol/rights';
import { z } from '../zod-messages';
import type { ErasureTarget, InsertResult } from './collector-storage';
import type { SamtalDatabase } from './samtal-database';

/** Epoch milliseconds: a number, or a bigint's text on some drivers. */
type EpochMs = number;

export interface RightsRequestsTable {
  site: string;
  id: string;
  kind: RightsRequest['kind'];
  status: RightsStatus;
  submitted_at: string;
  received_at: EpochMs;
  deadline: EpochMs;
  visitor_id: string | null;
  /** JSON arrays of ids: text on SQLite, `jsonb` on PostgreSQL. */
  consent_ids: unknown;
  lead_ids: unknown;
  /** The corrected fields as JSON (rectify), else null. */
  changes: unknown;
  applied: number;
  handled_at: EpochMs | null;
  handled_by: string | null;
  note: string | null;
  lifted_at: EpochMs | null;
  lifted_by: string | null;
}

export interface RightsRestrictionsTable {
  site: string;
  subject: RestrictionSubject;
  subject_id: string;
  request_id: string;
  scope: RestrictionScope;
}

/** The tables of migration 0030; widen a handle with `db.withTables<RightsTables>()`. */
export type RightsTables = {
  rights_requests: RightsRequestsTable;
  rights_restrictions: RightsRestrictionsTable;
};

/** `open` until the site owner marks it handled. */
export type RightsStatus = 'open' | 'handled';

/** What kind of id a restriction row names. */
export type RestrictionSubject = 'visitor' | 'consent' | 'lead';

/** `all`: a restriction (no statistics, no marketing); `marketing`: an objection. */
export type RestrictionScope = 'all' | 'marketing';

/** What a query uses rows for: statistics leave out restricted rows, marketing objected ones too. */
export type RestrictionPurpose = 'statistics' | 'marketing';

/** The tables whose rows a restriction can cover. */
export type RestrictableTable = 'events' | 'consent_receipts' | 'leads';

/** A request as stored, times as ISO strings. */
export interface StoredRightsRequest {
  id: string;
  site: string;
  kind: RightsRequest['kind'];
  status: RightsStatus;
  /** As the visitor's browser sent it. */
  submittedAt: string;
  receivedAt: string;
  deadline: string;
  visitorId: string | null;
  consentIds: string[];
  leadIds: string[];
  /** rectify: the corrected fields; null for the other kinds, or once the leads were erased. */
  changes: LeadFields | null;
  /** Leads corrected (rectify) or ids marked (restrict, object) when it arrived. */
  applied: number;
  handledAt: string | null;
  handledBy: string | null;
  note: string | null;
  /** restrict, object: when the site owner lifted it; null while it holds. */
  liftedAt: string | null;
  liftedBy: string | null;
}

/** What `submit` did: stored once (a retry is a duplicate), and how many rows it applied to. */
export interface RightsSubmitResult extends InsertResult {
  applied: number;
}

export interface RightsStorage {
  /**
   * Stores `request` and applies it in one transaction: a rectification
   * merges `changes` into each named lead of the site; a restriction or an
   * objection marks the visitor id and each named consent and lead id the
   * site holds. A request already stored (same site and id) changes nothing.
   */
  submit(request: RightsRequest, receivedAt: number): Promise<RightsSubmitResult>;
  /** Newest first; all sites when `site` is undefined. At most `limit` (500). */
  list(query?: {
    site?: string;
    status?: RightsStatus;
    limit?: number;
  }): Promise<StoredRightsRequest[]>;
  get(site: string, id: string): Promise<StoredRightsRequest | null>;
  /** Marks an open request handled; false when there is no such open request. */
  markHandled(
    site: string,
    id: string,
    handled: { by: string; note: string | null },
    at: number,
  ): Promise<boolean>;
  /**
   * Ends a restriction or objection: its rows count again. GDPR art. 18(3):
   * tell the visitor before lifting a restriction. False when there is no
   * such request in force.
   */
  lift(site: string, id: string, by: string, at: number): Promise<boolean>;
  /** Open and overdue (deadline passed) requests per site. */
  openCounts(
    sites: readonly string[],
    now: number,
  ): Promise<Map<string, { open: number; overdue: number }>>;
  /**
   * A condition, for a query over `table` as `alias`, that is true for rows
   * that must not be used for `purpose`: statistics leave out restricted
   * rows, marketing also those the visitor objected to.
   * `WHERE NOT (${rights.restrictedRows('events', 'e', 'statistics')})`.
   */
  restrictedRows(
    table: RestrictableTable,
    alias: string,
    purpose: RestrictionPurpose,
  ): RawBuilder<boolean>;
  /** Which of these lead ids of `site` must not be used for `purpose`. */
  restrictedLeads(
    site: string,
    ids: readonly string[],
    purpose: RestrictionPurpose,
  ): Promise<Set<string>>;
  /**
   * After an erasure: the erased ids leave the restrictions and the
   * requests that named them (and a rectification's values go with its
   * leads); the requests stay, as proof that they were answered.
   */
  forget(target: ErasureTarget): Promise<void>;
  /** Deletes handled requests handled before `handledBefore`, except restrictions still in force. */
  purge(handledBefore: number): Promise<number>;
}

/** Most requests one `list` returns. */
export const maxListed = 500;

const epochMs = z.pipe(z.union([z.int(), z.string()]), z.transform(Number));

/** JSON text on SQLite, already parsed `jsonb` on PostgreSQL. */
function json<T extends z.ZodMiniType>(schema: T) {
  return z.pipe(
    z.pipe(
      z.unknown(),
      z.transform((value) => (typeof value === 'string' ? (JSON.parse(value) as unknown) : value)),
    ),
    schema,
  );
}

const stringList = z.array(z.string());
const storedFields = z.partialRecord(
  z.enum(['name', 'email', 'phone', 'orgnr']),
  z.string().check(z.maxLength(254)),
);

const requestRow = z.object({
  site: z.string(),
  id: z.string(),
  kind: z.enum(['rectify', 'restrict', 'object']),
  status: z.enum(['open', 'handled']),
  submitted_at: z.string(),
  received_at: epochMs,
  deadline: epochMs,
  visitor_id: z.nullable(z.string()),
  consent_ids: json(stringList),
  lead_ids: json(stringList),
  changes: z.nullable(json(z.nullable(storedFields))),
  applied: epochMs,
  handled_at: z.nullable(epochMs),
  handled_by: z.nullable(z.string()),
  note: z.nullable(z.string()),
  lifted_at: z.nullable(epochMs),
  lifted_by: z.nullable(z.string()),
});

const iso = (ms: number): string => new Date(ms).toISOString();
const isoOrNull = (ms: number | null): string | null => (ms === null ? null : iso(ms));

/** A stored row in its API shape; a row that no longer parses is a bug worth a loud failure. */
function readRequest(row: unknown): StoredRightsRequest {
  const data = requestRow.parse(row);
  return {
    id: data.id,
    site: data.site,
    kind: data.kind,
    status: data.status,
    submittedAt: data.submitted_at,
    receivedAt: iso(data.received_at),
    deadline: iso(data.deadline),
    visitorId: data.visitor_id,
    consentIds: data.consent_ids,
    leadIds: data.lead_ids,
    changes: data.changes ?? null,
    applied: data.applied,
    handledAt: isoOrNull(data.handled_at),
    handledBy: data.handled_by,
    note: data.note,
    liftedAt: isoOrNull(data.lifted_at),
    liftedBy: data.lifted_by,
  };
}

const scopesFor: Record<RestrictionPurpose, RestrictionScope[]> = {
  statistics: ['all'],
  marketing: ['all', 'marketing'],
};

/** Columns of each table that hold an id a restriction can name. */
const subjectColumns: Record<RestrictableTable, Array<[RestrictionSubject, string]>> = {
  events: [
    ['visitor', 'visitor_id'],
    ['consent', 'consent_id'],
  ],
  consent_receipts: [['consent', 'id']],
  leads: [
    ['lead', 'id'],
    ['consent', 'consent_id'],
  ],
};

/**
 * The deadline counts from the request, as contract §8 says, but never from
 * later than its arrival: a browser clock that runs ahead must not buy the
 * site owner time the law does not give (art. 12(3) counts from receipt).
 */
export function requestDeadline(submittedAt: string, receivedAt: number): number {
  const submitted = Date.parse(submittedAt);
  return rightsRequestDeadline(new Date(Math.min(submitted, receivedAt))).getTime();
}

export function createRightsStorage(database: SamtalDatabase): RightsStorage {
  const db = database.db.withTables<RightsTables>();

  const restrictedRows: RightsStorage['restrictedRows'] = (table, alias, purpose) => {
    const scopes = scopesFor[purpose];
    const conditions = subjectColumns[table].map(
      ([subject, column]) =>
        sql<boolean>`EXISTS (SELECT 1 FROM rights_restrictions AS rights_restriction
          WHERE rights_restriction.site = ${sql.ref(`${alias}.site`)}
            AND rights_restriction.subject = ${subject}
            AND rights_restriction.subject_id = ${sql.ref(`${alias}.${column}`)}
            AND rights_restriction.scope IN (${sql.join(scopes)}))`,
    );
    return sql<boolean>`(${sql.join(conditions, sql` OR `)})`;
  };

  return {
    async submit(request, receivedAt) {
      return db.transaction().execute(async (trx): Promise<RightsSubmitResult> => {
        const { site } = request;
        const inserted = await trx
          .insertInto('rights_requests')
          .values({
            site,
            id: request.id,
            kind: request.kind,
            status: 'open',
            submitted_at: request.submittedAt,
            received_at: receivedAt,
            deadline: requestDeadline(request.submittedAt, receivedAt),
            visitor_id: request.visitorId,
            consent_ids: JSON.stringify(request.consentIds),
            lead_ids: JSON.stringify(request.leadIds),
            changes: request.kind === 'rectify' ? JSON.stringify(request.changes) : null,
            applied: 0,
          })
          .onConflict((conflict) => conflict.doNothing())
          .executeTakeFirst();
        if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 0) {
          return { stored: 0, duplicates: 1, applied: 0 };
        }

        let applied = 0;
        if (request.kind === 'rectify') {
          const leads = await trx
            .selectFrom('leads')
            .select(['id', 'fields'])
            .where('site', '=', site)
            .where('id', 'in', request.leadIds)
            .execute();
          for (const lead of leads) {
            const current = json(storedFields).safeParse(lead.fields);
            // A lead that no longer reads as contact fields is left as it is.
            if (!current.success) continue;
            await trx
              .updateTable('leads')
              .set({ fields: JSON.stringify({ ...current.data, ...request.changes }) })
              .where('site', '=', site)
              .where('id', '=', lead.id)
              .execute();
            applied += 1;
          }
        } else {
          // Only ids the collector holds, plus the visitor id for events still
          // on their way: what a request names cannot grow the table by itself.
          const held = async (
            table: 'consent_receipts' | 'leads',
            ids: readonly string[],
          ): Promise<string[]> =>
            ids.length === 0
              ? []
              : (
                  await trx
                    .selectFrom(table)
                    .select('id')
                    .where('site', '=', site)
                    .where('id', 'in', ids)
                    .execute()
                ).map((row) => row.id);
          const subjects: ReadonlyArray<readonly [RestrictionSubject, string]> = [
            ...(request.visitorId === null ? [] : [['visitor', request.visitorId] as const]),
            ...(await held('consent_receipts', request.consentIds)).map(
              (id) => ['consent', id] as const,
            ),
            ...(await held('leads', request.leadIds)).map((id) => ['lead', id] as const),
          ];
          if (subjects.length > 0) {
            const marked = await trx
              .insertInto('rights_restrictions')
              .values(
                subjects.map(([subject, subjectId]) => ({
                  site,
                  subject,
                  subject_id: subjectId,
                  request_id: request.id,
                  scope: request.kind === 'restrict' ? ('all' as const) : ('marketing' as const),
                })),
              )
              .onConflict((conflict) => conflict.doNothing())
              .executeTakeFirst();
            applied = Number(marked.numInsertedOrUpdatedRows ?? 0n);
          }
        }
        await trx
          .updateTable('rights_requests')
          .set({ applied })
          .where('site', '=', site)
          .where('id', '=', request.id)
          .execute();
        return { stored: 1, duplicates: 0, applied };
      });
    },

    async list({ site, status, limit = maxListed } = {}) {
      const rows = await db
        .selectFrom('rights_requests')
        .selectAll()
        .$if(site !== undefined, (query) => query.where('site', '=', site ?? ''))
        .$if(status !== undefined, (query) => query.where('status', '=', status ?? 'open'))
        .orderBy('received_at', 'desc')
        .orderBy('id')
        .limit(Math.min(limit, maxListed))
        .execute();
      return rows.map(readRequest);
    },

    async get(site, id) {
      const row = await db
        .selectFrom('rights_requests')
        .selectAll()
        .where('site', '=', site)
        .where('id', '=', id)
        .executeTakeFirst();
      return row === undefined ? null : readRequest(row);
    },

    async markHandled(site, id, { by, note }, at) {
      const result = await db
        .updateTable('rights_requests')
        .set({ status: 'handled', handled_at: at, handled_by: by, note })
        .where('site', '=', site)
        .where('id', '=', id)
        .where('status', '=', 'open')
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },

    async lift(site, id, by, at) {
      return db.transaction().execute(async (trx) => {
        const result = await trx
          .updateTable('rights_requests')
          .set({ lifted_at: at, lifted_by: by })
          .where('site', '=', site)
          .where('id', '=', id)
          .where('kind', 'in', ['restrict', 'object'])
          .where('lifted_at', 'is', null)
          .executeTakeFirst();
        if (Number(result.numUpdatedRows) === 0) return false;
        await trx
          .deleteFrom('rights_restrictions')
          .where('site', '=', site)
          .where('request_id', '=', id)
          .execute();
        return true;
      });
    },

    async openCounts(sites, now) {
      const counts = new Map(sites.map((site) => [site, { open: 0, overdue: 0 }]));
      if (sites.length === 0) return counts;
      const rows = await db
        .selectFrom('rights_requests')
        .select(({ fn }) => [
          'site',
          fn.countAll<number | string>().as('open'),
          fn
            .sum<number | string | null>(sql<number>`CASE WHEN deadline < ${now} THEN 1 ELSE 0 END`)
            .as('overdue'),
        ])
        .where('site', 'in', sites)
        .where('status', '=', 'open')
        .groupBy('site')
        .execute();
      for (const row of rows) {
        counts.set(row.site, { open: Number(row.open), overdue: Number(row.overdue ?? 0) });
      }
      return counts;
    },

    restrictedRows,

    async restrictedLeads(site, ids, purpose) {
      if (ids.length === 0) return new Set();
      const rows = await db
        .selectFrom('leads as l')
        .select('l.id')
        .where('l.site', '=', site)
        .where('l.id', 'in', ids)
        .where(restrictedRows('leads', 'l', purpose))
        .execute();
      return new Set(rows.map((row) => row.id));
    },

    async forget({ site, visitorId, consentIds, leadIds }) {
      const erased = new Set([...consentIds, ...leadIds]);
      const changed = await db.transaction().execute(async (trx) => {
        const named: Array<[RestrictionSubject, readonly string[]]> = [
          ['visitor', visitorId === null ? [] : [visitorId]],
          ['consent', consentIds],
          ['lead', leadIds],
        ];
        let deleted = 0;
        for (const [subject, ids] of named) {
          if (ids.length === 0) continue;
          const result = await trx
            .deleteFrom('rights_restrictions')
            .where('site', '=', site)
            .where('subject', '=', subject)
            .where('subject_id', 'in', ids)
            .executeTakeFirst();
          deleted += Number(result.numDeletedRows);
        }
        if (visitorId === null && erased.size === 0) return deleted;
        // A site's requests are few (people rarely ask), so they are read whole.
        const requests = (
          await trx.selectFrom('rights_requests').selectAll().where('site', '=', site).execute()
        ).map(readRequest);
        for (const request of requests) {
          const consentLeft = request.consentIds.filter((id) => !erased.has(id));
          const leadsLeft = request.leadIds.filter((id) => !erased.has(id));
          const visitorGone = visitorId !== null && request.visitorId === visitorId;
          const leadsErased = leadsLeft.length < request.leadIds.length;
          if (!visitorGone && !leadsErased && consentLeft.length === request.consentIds.length)
            continue;
          await trx
            .updateTable('rights_requests')
            .set({
              visitor_id: visitorGone ? null : request.visitorId,
              consent_ids: JSON.stringify(consentLeft),
              lead_ids: JSON.stringify(leadsLeft),
              // The corrected values are the erased person's contact details.
              ...(leadsErased ? { changes: null } : {}),
            })
            .where('site', '=', site)
            .where('id', '=', request.id)
            .execute();
          deleted += 1;
        }
        return deleted;
      });
      if (changed > 0) await database.afterDelete();
    },

    async purge(handledBefore) {
      const result = await db
        .deleteFrom('rights_requests')
        .where('status', '=', 'handled')
        .where('handled_at', '<', handledBefore)
        .where((eb) => eb.or([eb('kind', '=', 'rectify'), eb('lifted_at', 'is not', null)]))
        .executeTakeFirst();
      const deleted = Number(result.numDeletedRows);
      if (deleted > 0) await database.afterDelete();
      return deleted;
    },
  };
}

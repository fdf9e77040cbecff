/**
 * The leads inbox over the collector's `leads` table and the console's
 * `console_lead_states`: newest first, by status, a page at a time, with the
 * counts the badges show. Every query is scoped by site.
 */
import { type ExpressionBuilder, sql } from 'kysely';
import type { AdminLead, LeadStatus } from '../../../protocol/admin';
import { leadFields } from '../../../protocol/lead';
import type { CollectorTables } from '../../storage/collector-tables';
import type { ConsoleDatabase } from './console-database';
import { readJson } from './console-database';
import type { ConsoleTables } from './console-tables';

/** Largest page of leads one request returns. */
export const maxLeadsPage = 200;

/** Where the next page starts: the last row's received time and id. */
export interface LeadCursor {
  receivedAt: number;
  id: string;
}

export interface LeadCounts {
  open: number;
  handled: number;
  new: number;
}

export interface LeadsStore {
  /** Newest first; `limit + 1` rows are read to know whether there is a next page. */
  list(
    site: string,
    query: { status?: LeadStatus; cursor?: LeadCursor; limit: number },
  ): Promise<{ leads: AdminLead[]; next: LeadCursor | null }>;
  get(site: string, id: string): Promise<AdminLead | null>;
  counts(site: string): Promise<LeadCounts>;
  /** New (unseen, open) leads per site, for the badges. */
  newCounts(sites: readonly string[]): Promise<Map<string, number>>;
  markSeen(site: string, id: string, now: number): Promise<boolean>;
  markHandled(
    site: string,
    id: string,
    handled: { by: string; note: string | null },
    now: number,
  ): Promise<boolean>;
  reopen(site: string, id: string): Promise<boolean>;
  /** Every lead of a site with the given status, newest first, for the CSV export. */
  all(site: string, status?: LeadStatus): AsyncIterable<AdminLead>;
}

type Db = CollectorTables & ConsoleTables;
type LeadRow = {
  site: string;
  id: string;
  submitted_at: string;
  consent_id: string | null;
  fields: unknown;
  received_at: number;
  seen_at: number | null;
  handled_at: number | null;
  handled_by: string | null;
  note: string | null;
};

const iso = (ms: number | null): string | null =>
  ms === null ? null : new Date(Number(ms)).toISOString();

function toLead(row: LeadRow, restricted: boolean): AdminLead {
  const handledAt = iso(row.handled_at);
  return {
    id: row.id,
    site: row.site,
    submittedAt: row.submitted_at,
    receivedAt: new Date(Number(row.received_at)).toISOString(),
    consentId: row.consent_id,
    fields: leadFields.parse(readJson(row.fields)),
    status: handledAt === null ? 'open' : 'handled',
    seenAt: iso(row.seen_at),
    handledAt,
    handledBy: row.handled_by,
    note: row.note,
    restricted,
  };
}

export interface LeadsStoreOptions {
  /** Which of these lead ids the visitor asked to restrict (GDPR art. 18); none by default. */
  restrictedLeads?: (site: string, ids: readonly string[]) => Promise<Set<string>>;
}

export function createLeadsStore(
  { db }: ConsoleDatabase,
  { restrictedLeads = async () => new Set() }: LeadsStoreOptions = {},
): LeadsStore {
  const base = (site: string) =>
    db
      .selectFrom('leads as l')
      .leftJoin('console_lead_states as s', (join) =>
        join.onRef('s.site', '=', 'l.site').onRef('s.lead_id', '=', 'l.id'),
      )
      .select([
        'l.site',
        'l.id',
        'l.submitted_at',
        'l.consent_id',
        'l.fields',
        'l.received_at',
        's.seen_at',
        's.handled_at',
        's.handled_by',
        's.note',
      ])
      .where('l.site', '=', site);

  const byStatus =
    (status: LeadStatus | undefined) =>
    (eb: ExpressionBuilder<Db & { l: Db['leads']; s: Db['console_lead_states'] }, 'l' | 's'>) =>
      status === undefined
        ? eb.lit(true)
        : status === 'open'
          ? eb('s.handled_at', 'is', null)
          : eb('s.handled_at', 'is not', null);

  async function withRestrictions(site: string, rows: LeadRow[]): Promise<AdminLead[]> {
    const restricted =
      rows.length === 0
        ? new Set<string>()
        : await restrictedLeads(
            site,
            rows.map((row) => row.id),
          );
    return rows.map((row) => toLead(row, restricted.has(row.id)));
  }

  async function upsertState(
    site: string,
    id: string,
    patch: Partial<Omit<ConsoleTables['console_lead_states'], 'site' | 'lead_id'>>,
  ): Promise<boolean> {
    return db.transaction().execute(async (trx) => {
      const exists = await trx
        .selectFrom('leads')
        .select('id')
        .where('site', '=', site)
        .where('id', '=', id)
        .executeTakeFirst();
      if (!exists) return false;
      const state = await trx
        .selectFrom('console_lead_states')
        .select('lead_id')
        .where('site', '=', site)
        .where('lead_id', '=', id)
        .executeTakeFirst();
      if (state) {
        await trx
          .updateTable('console_lead_states')
          .set(patch)
          .where('site', '=', site)
          .where('lead_id', '=', id)
          .execute();
      } else {
        await trx
          .insertInto('console_lead_states')
          .values({
            site,
            lead_id: id,
            seen_at: null,
            handled_at: null,
            handled_by: null,
            note: null,
            ...patch,
          })
          .execute();
      }
      return true;
    });
  }

  return {
    async list(site, { status, cursor, limit }) {
      let query = base(site).where(byStatus(status));
      if (cursor) {
        query = query.where((eb) =>
          eb.or([
            eb('l.received_at', '<', cursor.receivedAt),
            eb.and([eb('l.received_at', '=', cursor.receivedAt), eb('l.id', '<', cursor.id)]),
          ]),
        );
      }
      const rows = (await query
        .orderBy('l.received_at', 'desc')
        .orderBy('l.id', 'desc')
        .limit(limit + 1)
        .execute()) as LeadRow[];
      const page = rows.slice(0, limit);
      const last = page.at(-1);
      return {
        leads: await withRestrictions(site, page),
        next:
          rows.length > limit && last
            ? { receivedAt: Number(last.received_at), id: last.id }
            : null,
      };
    },

    async get(site, id) {
      const row = (await base(site).where('l.id', '=', id).executeTakeFirst()) as
        | LeadRow
        | undefined;
      if (!row) return null;
      return (await withRestrictions(site, [row]))[0] ?? null;
    },

    async counts(site) {
      const row = await db
        .selectFrom('leads as l')
        .leftJoin('console_lead_states as s', (join) =>
          join.onRef('s.site', '=', 'l.site').onRef('s.lead_id', '=', 'l.id'),
        )
        .select([
          sql<number>`count(*)`.as('total'),
          sql<number>`sum(CASE WHEN s.handled_at IS NULL THEN 1 ELSE 0 END)`.as('open'),
          sql<number>`sum(CASE WHEN s.handled_at IS NULL AND s.seen_at IS NULL THEN 1 ELSE 0 END)`.as(
            'fresh',
          ),
        ])
        .where('l.site', '=', site)
        .executeTakeFirstOrThrow();
      const open = Number(row.open ?? 0);
      return { open, handled: Number(row.total) - open, new: Number(row.fresh ?? 0) };
    },

    async newCounts(sites) {
      const counts = new Map<string, number>(sites.map((site) => [site, 0]));
      if (sites.length === 0) return counts;
      const rows = await db
        .selectFrom('leads as l')
        .leftJoin('console_lead_states as s', (join) =>
          join.onRef('s.site', '=', 'l.site').onRef('s.lead_id', '=', 'l.id'),
        )
        .select(['l.site', sql<number>`count(*)`.as('fresh')])
        .where('l.site', 'in', [...sites])
        .where('s.handled_at', 'is', null)
        .where('s.seen_at', 'is', null)
        .groupBy('l.site')
        .execute();
      for (const row of rows) counts.set(row.site, Number(row.fresh));
      return counts;
    },

    markSeen: (site, id, now) => upsertState(site, id, { seen_at: now }),

    async markHandled(site, id, { by, note }, now) {
      const current = await db
        .selectFrom('console_lead_states')
        .select('seen_at')
        .where('site', '=', site)
        .where('lead_id', '=', id)
        .executeTakeFirst();
      return upsertState(site, id, {
        seen_at: current?.seen_at ?? now,
        handled_at: now,
        handled_by: by,
        note,
      });
    },

    reopen: (site, id) => upsertState(site, id, { handled_at: null, handled_by: null, note: null }),

    async *all(site, status) {
      let cursor: LeadCursor | undefined;
      for (;;) {
        const page = await this.list(site, {
          limit: 500,
          ...(status ? { status } : {}),
          ...(cursor ? { cursor } : {}),
        });
        yield* page.leads;
        if (page.next === null) return;
        cursor = page.next;
      }
    },
  };
}

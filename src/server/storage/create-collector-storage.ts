/**
 * The collector's storage, written once with Kysely for SQLite and PostgreSQL.
 * Every write that must be whole is one statement or one transaction, and a
 * 2xx is sent only after it committed. Every delete is driven by an index:
 * one statement per kind of id, never an `OR` across columns, which neither
 * engine can serve from one index.
 */
import { type Kysely, type RawBuilder, sql } from 'kysely';
import {
  type RowResult,
  readCountRow,
  readEventRow,
  readLeadRow,
  readMessageRow,
  readReceiptRow,
  type StoredEvent,
  type StoredLead,
  type StoredMessage,
  type StoredReceipt,
} from './collector-rows';
import type {
  CollectorStorage,
  DeletedCounts,
  InsertResult,
  StorageStats,
  UnreadableRow,
} from './collector-storage';
import type { CollectorTables } from './collector-tables';
import type { SamtalDatabase } from './samtal-database';

/** Rows a write touched, from Kysely's bigint count. */
const count = (
  result: { numInsertedOrUpdatedRows?: bigint | undefined } | { numDeletedRows: bigint },
): number =>
  Number(
    'numDeletedRows' in result ? result.numDeletedRows : (result.numInsertedOrUpdatedRows ?? 0n),
  );

function inserted(
  result: { numInsertedOrUpdatedRows?: bigint | undefined } | undefined,
  total: number,
): InsertResult {
  const stored = result === undefined ? 0 : count(result);
  return { stored, duplicates: total - stored };
}

/** Keeps the rows that parse and reports the others with the table and key they came from. */
function sortRows<T>(
  rows: readonly Record<string, unknown>[],
  read: (row: unknown) => RowResult<T>,
  table: string,
  keyColumns: readonly string[],
  unreadable: UnreadableRow[],
): T[] {
  const readable: T[] = [];
  for (const row of rows) {
    const result = read(row);
    if (result.success) readable.push(result.data);
    else {
      unreadable.push({
        table,
        key: Object.fromEntries(keyColumns.map((column) => [column, String(row[column])])),
        problem: result.problem,
        row,
      });
    }
  }
  return readable;
}

/** Rows one purge statement deletes at most (one short transaction each). */
const purgeBatchRows = 5_000;

/**
 * An event stamped more than this after it was received came from a clock
 * running ahead (migration 0004-events-ahead, whose index predicate matches
 * the one purge writes with this literal).
 */
const clockAheadMs = 86_400_000;

const removedAny = (deleted: DeletedCounts): boolean =>
  deleted.events + deleted.leads + deleted.receipts + deleted.conversations > 0;

/** The counts of a purge that left its round to another process. */
const nothingDeleted: DeletedCounts = { events: 0, leads: 0, conversations: 0, receipts: 0 };

/**
 * One kind of row retention removes: the rows of `table` whose `time` (epoch
 * ms) lies before the cutoff of `counts`, optionally only those `only` holds
 * for, named by their primary key `key`.
 */
interface RetainedRows {
  /** The `DeletedCounts` and `RetentionCutoffs` entry: what the rows are counted as, and kept for. */
  counts: keyof DeletedCounts;
  table: keyof CollectorTables & string;
  key: readonly [string, string];
  time: string;
  /** Raw SQL, written exactly as a partial index's predicate where one serves it. */
  only?: RawBuilder<boolean>;
}

/**
 * Every kind of row the purge removes, in the order it does. Keeping personal
 * data no longer than its purpose needs is GDPR Art. 5(1)(e) (storage
 * limitation); the periods are in `retention-cutoffs.ts`.
 */
const retainedRows: readonly RetainedRows[] = [
  // Events by when they happened (whole months on PostgreSQL go with their partition first).
  { counts: 'events', table: 'events', key: ['site', 'id'], time: 'occurred_at' },
  // Events from a clock running ahead: from when they were received, not from a time still to come.
  {
    counts: 'events',
    table: 'events',
    key: ['site', 'id'],
    time: 'received_at',
    only: sql<boolean>`occurred_at > received_at + ${sql.lit(clockAheadMs)}`,
  },
  // Contact details from the last contact with the person, not from the first.
  { counts: 'leads', table: 'leads', key: ['site', 'id'], time: 'last_contact_at' },
  {
    counts: 'conversations',
    table: 'conversation_messages',
    key: ['site', 'message_id'],
    time: 'received_at',
  },
  { counts: 'receipts', table: 'consent_receipts', key: ['site', 'id'], time: 'received_at' },
];

/**
 * Deletes the rows `retained` names from before `cutoff` (epoch ms), at most
 * `purgeBatchRows` a statement, each statement its own short transaction:
 * requests (and other processes) write between them, so a large backlog never
 * holds a long lock. Returns how many rows went.
 */
async function deleteExpired(
  db: Kysely<CollectorTables>,
  retained: RetainedRows,
  cutoff: number,
): Promise<number> {
  const { table, key, time, only } = retained;
  const [first, second] = [sql.ref(key[0]), sql.ref(key[1])];
  let total = 0;
  for (;;) {
    // Named by key through a bounded select: neither engine limits a DELETE itself.
    const result = await sql`DELETE FROM ${sql.table(table)} WHERE (${first}, ${second}) IN (
        SELECT ${first}, ${second} FROM ${sql.table(table)}
        WHERE ${sql.ref(time)} < ${cutoff}${only === undefined ? sql`` : sql` AND ${only}`}
        LIMIT ${purgeBatchRows})`.execute(db);
    const deleted = Number(result.numAffectedRows ?? 0n);
    total += deleted;
    if (deleted < purgeBatchRows) return total;
  }
}

/** Runs a delete keyed by `ids` only when there are some: `IN ()` is no valid SQL. */
async function deleteByIds(
  ids: readonly string[],
  run: (ids: readonly string[]) => Promise<{ numDeletedRows: bigint }>,
): Promise<number> {
  return ids.length === 0 ? 0 : count(await run(ids));
}

export function createCollectorStorage(database: SamtalDatabase): CollectorStorage {
  const { db } = database;

  return {
    async insertReceipt(receipt, receivedAt) {
      const result = await db
        .insertInto('consent_receipts')
        .values({
          site: receipt.site,
          id: receipt.id,
          policy_version: receipt.policyVersion,
          analytics: receipt.purposes.analytics ? 1 : 0,
          marketing: receipt.purposes.marketing ? 1 : 0,
          decided_at: receipt.decidedAt,
          method: receipt.method,
          locale: receipt.locale,
          text_hash: receipt.textHash,
          received_at: receivedAt,
        })
        .onConflict((conflict) => conflict.doNothing())
        .executeTakeFirst();
      return inserted(result, 1);
    },

    async insertEvents(batch, ipPrefix, receivedAt) {
      // One multi-row statement: atomic on its own in both engines, and a
      // duplicate id (a retry) is skipped row by row, not failing the batch.
      const result = await db
        .insertInto('events')
        .values(
          batch.events.map((event) => ({
            site: batch.site,
            id: event.id,
            visitor_id: batch.visitorId,
            consent_id: batch.consentId,
            type: event.type,
            at: event.at,
            ip_prefix: ipPrefix,
            received_at: receivedAt,
            payload: JSON.stringify(event),
            occurred_at: Date.parse(event.at),
          })),
        )
        .onConflict((conflict) => conflict.doNothing())
        .executeTakeFirst();
      return inserted(result, batch.events.length);
    },

    async insertLead(submitted, receivedAt) {
      const result = await db
        .insertInto('leads')
        .values({
          site: submitted.site,
          id: submitted.id,
          submitted_at: submitted.submittedAt,
          consent_id: submitted.consentId ?? null,
          fields: JSON.stringify(submitted.fields),
          received_at: receivedAt,
          last_contact_at: receivedAt,
        })
        .onConflict((conflict) => conflict.doNothing())
        .executeTakeFirst();
      return inserted(result, 1);
    },

    async insertConversationMessages(messages, receivedAt) {
      if (messages.length === 0) return { stored: 0, duplicates: 0 };
      const result = await db
        .insertInto('conversation_messages')
        .values(
          messages.map((message) => ({
            site: message.site,
            message_id: message.messageId,
            conversation_id: message.conversationId,
            sender: message.from,
            text: message.text,
            received_at: receivedAt,
          })),
        )
        .onConflict((conflict) => conflict.doNothing())
        .executeTakeFirst();
      return inserted(result, messages.length);
    },

    async erase(target, erasedAt) {
      const { site, visitorId, consentIds, leadIds } = target;
      const conversationIds = target.conversationIds ?? [];
      const visitorIds = visitorId === null ? [] : [visitorId];
      const deleted = await db.transaction().execute(async (trx): Promise<DeletedCounts> => {
        // Each delete names its rows by primary key, found through the index
        // on the id it was asked for: SQLite's planner otherwise walks the
        // whole site's rows by the key's first column (tests/server/query-plans.test.ts).
        const eventsBy = (column: 'visitor_id' | 'consent_id', ids: readonly string[]) =>
          deleteByIds(ids, (values) =>
            trx
              .deleteFrom('events')
              .where('site', '=', site)
              .where('id', 'in', (eb) =>
                eb
                  .selectFrom('events')
                  .select('id')
                  .where('site', '=', site)
                  .where(column, 'in', values),
              )
              .executeTakeFirstOrThrow(),
          );
        const counts: DeletedCounts = {
          events:
            (await eventsBy('visitor_id', visitorIds)) + (await eventsBy('consent_id', consentIds)),
          leads:
            (await deleteByIds(leadIds, (ids) =>
              trx
                .deleteFrom('leads')
                .where('site', '=', site)
                .where('id', 'in', ids)
                .executeTakeFirstOrThrow(),
            )) +
            (await deleteByIds(consentIds, (ids) =>
              trx
                .deleteFrom('leads')
                .where('site', '=', site)
                .where('id', 'in', (eb) =>
                  eb
                    .selectFrom('leads')
                    .select('id')
                    .where('site', '=', site)
                    .where('consent_id', 'in', ids),
                )
                .executeTakeFirstOrThrow(),
            )),
          receipts: await deleteByIds(consentIds, (ids) =>
            trx
              .deleteFrom('consent_receipts')
              .where('site', '=', site)
              .where('id', 'in', ids)
              .executeTakeFirstOrThrow(),
          ),
          conversations: await deleteByIds(conversationIds, (ids) =>
            trx
              .deleteFrom('conversation_messages')
              .where('site', '=', site)
              .where('message_id', 'in', (eb) =>
                eb
                  .selectFrom('conversation_messages')
                  .select('message_id')
                  .where('site', '=', site)
                  .where('conversation_id', 'in', ids),
              )
              .executeTakeFirstOrThrow(),
          ),
        };
        // An erasure that found nothing leaves no trace: a record per empty
        // request would let anyone grow the table without bound.
        if (removedAny(counts)) {
          await trx
            .insertInto('erasures')
            .values({ site, erased_at: erasedAt, ...counts })
            .execute();
        }
        return counts;
      });
      if (removedAny(deleted)) {
        await database.afterDelete();
      }
      return deleted;
    },

    async purge(cutoffs, now = Date.now()) {
      const purged = await database.purgeSession(async (session) => {
        const deleted: DeletedCounts = {
          events: await session.maintainEventPartitions(cutoffs.events, now),
          leads: 0,
          conversations: 0,
          receipts: 0,
        };
        for (const kind of retainedRows) {
          deleted[kind.counts] += await deleteExpired(session.db, kind, cutoffs[kind.counts]);
        }
        return deleted;
      });
      if (!purged.ran) return { ...nothingDeleted, skipped: true };
      if (removedAny(purged.value)) await database.afterDelete();
      return { ...purged.value, skipped: false };
    },

    async exportData(query) {
      // Repeatable read: every select sees the same snapshot (PostgreSQL would
      // otherwise see each statement's own; SQLite's one connection already does).
      return db
        .transaction()
        .setIsolationLevel('repeatable read')
        .execute(async (trx) => {
          const unreadable: UnreadableRow[] = [];
          const site = query.site;
          const consentIds = new Set(query.consentIds ?? []);
          const leadIds = [...new Set(query.leadIds ?? [])];
          const conversationIds = [...new Set(query.conversationIds ?? [])];

          // Rows are named by primary key through the index on the id asked
          // for (see erase); `(site, id)` because an export may span sites.
          const eventColumns = [
            'site',
            'id',
            'visitor_id',
            'consent_id',
            'ip_prefix',
            'received_at',
            'payload',
            'at',
          ] as const;
          const eventsBy = (column: 'visitor_id' | 'consent_id', ids: readonly string[]) =>
            ids.length === 0
              ? Promise.resolve([])
              : trx
                  .selectFrom('events')
                  .select(eventColumns)
                  .where(({ eb, refTuple, selectFrom }) =>
                    eb(
                      refTuple('site', 'id'),
                      'in',
                      selectFrom('events')
                        .select(['site', 'id'])
                        .$if(site !== undefined, (select) => select.where('site', '=', site ?? ''))
                        .where(column, 'in', ids)
                        .$asTuple('site', 'id'),
                    ),
                  )
                  .execute();
          const byVisitor = await eventsBy(
            'visitor_id',
            query.visitorId === undefined ? [] : [query.visitorId],
          );
          for (const row of byVisitor) consentIds.add(row.consent_id);
          const seenEvents = new Set(byVisitor.map((row) => `${row.site}\n${row.id}`));
          const eventRows: Record<string, unknown>[] = [
            ...byVisitor,
            ...(await eventsBy('consent_id', [...consentIds])).filter(
              (row) => !seenEvents.has(`${row.site}\n${row.id}`),
            ),
          ];
          // The order one `ORDER BY at, id` would give, had there been one query.
          const order = (row: Record<string, unknown>) => `${String(row.at)}\n${String(row.id)}`;
          eventRows.sort((a, b) => (order(a) < order(b) ? -1 : order(a) > order(b) ? 1 : 0));

          const leadKeys = (column: 'id' | 'consent_id', ids: readonly string[]) =>
            trx
              .selectFrom('leads')
              .select(['site', 'id'])
              .$if(site !== undefined, (select) => select.where('site', '=', site ?? ''))
              .where(column, 'in', ids)
              .$asTuple('site', 'id');
          const leadSources = [
            ...(leadIds.length > 0 ? [leadKeys('id', leadIds)] : []),
            ...(consentIds.size > 0 ? [leadKeys('consent_id', [...consentIds])] : []),
          ];
          const leadRows =
            leadSources.length === 0
              ? []
              : await trx
                  .selectFrom('leads')
                  .select(['site', 'id', 'submitted_at', 'consent_id', 'fields', 'received_at'])
                  .where(({ eb, or, refTuple }) =>
                    or(leadSources.map((keys) => eb(refTuple('site', 'id'), 'in', keys))),
                  )
                  .orderBy('submitted_at')
                  .orderBy('id')
                  .execute();
          const leads: StoredLead[] = sortRows(
            leadRows,
            readLeadRow,
            'leads',
            ['site', 'id'],
            unreadable,
          );
          for (const row of leads) if (row.consentId !== undefined) consentIds.add(row.consentId);

          const receiptIds = [...consentIds];
          const receiptRows =
            receiptIds.length === 0
              ? []
              : await trx
                  .selectFrom('consent_receipts')
                  .selectAll()
                  .$if(site !== undefined, (select) => select.where('site', '=', site ?? ''))
                  .where('id', 'in', receiptIds)
                  .orderBy('decided_at')
                  .orderBy('id')
                  .execute();

          const messageRows =
            conversationIds.length === 0
              ? []
              : await trx
                  .selectFrom('conversation_messages')
                  .select([
                    'site',
                    'conversation_id',
                    'message_id',
                    'sender',
                    'text',
                    'received_at',
                  ])
                  .where(({ eb, refTuple, selectFrom }) =>
                    eb(
                      refTuple('site', 'message_id'),
                      'in',
                      selectFrom('conversation_messages')
                        .select(['site', 'message_id'])
                        .$if(site !== undefined, (select) => select.where('site', '=', site ?? ''))
                        .where('conversation_id', 'in', conversationIds)
                        .$asTuple('site', 'message_id'),
                    ),
                  )
                  .orderBy('received_at')
                  .orderBy(sql`CASE sender WHEN 'visitor' THEN 0 ELSE 1 END`)
                  .execute();

          const receipts: StoredReceipt[] = sortRows(
            receiptRows,
            readReceiptRow,
            'consent_receipts',
            ['site', 'id'],
            unreadable,
          );
          const events: StoredEvent[] = sortRows(
            eventRows,
            readEventRow,
            'events',
            ['site', 'id'],
            unreadable,
          );
          const conversations: StoredMessage[] = sortRows(
            messageRows,
            readMessageRow,
            'conversation_messages',
            ['site', 'message_id'],
            unreadable,
          );
          return { receipts, events, leads, conversations, unreadable };
        });
    },

    async stats() {
      const perSite = (table: keyof CollectorTables & string, kind: string) =>
        db
          .selectFrom(table)
          .select([
            sql.ref<string>('site').as('site'),
            sql.lit(kind).as('kind'),
            (eb) => eb.fn.countAll().as('n'),
          ])
          .groupBy('site');
      const rows = await perSite('consent_receipts', 'receipts')
        .unionAll(perSite('events', 'events'))
        .unionAll(perSite('leads', 'leads'))
        .unionAll(perSite('conversation_messages', 'conversations'))
        .unionAll(perSite('erasures', 'erasures'))
        .execute();
      const sites: StorageStats['sites'] = {};
      for (const raw of rows) {
        const row = readCountRow(raw);
        const counts = sites[row.site] ?? {
          receipts: 0,
          events: 0,
          leads: 0,
          conversations: 0,
          erasures: 0,
        };
        counts[row.kind] = row.n;
        sites[row.site] = counts;
      }
      return { sites };
    },
  };
}

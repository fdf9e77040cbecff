/**
 * The collector's storage in one SQLite file (better-sqlite3), in WAL mode so
 * exports and stats read while requests write. Synchronous calls on purpose:
 * a batch is one short transaction, and a 2xx is sent only after it committed.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { consentReceipt, lead, telemetryEvent } from '../protocol';
import type {
  CollectorStorage,
  DeletedCounts,
  StorageStats,
  VisitorExport,
} from './collector-storage';

/** How hard a commit is pushed to disk. */
export type Durability = 'full' | 'normal';

export interface SqliteStorageOptions {
  /**
   * `full` (default) syncs the log on every commit, so an acknowledged request
   * survives a power cut; `normal` survives a crash of the process but may
   * lose the last commits on power loss, and is faster.
   */
  durability?: Durability;
  /** Where the numbered `NNNN-name.sql` files are; next to this module by default. */
  migrationsDir?: string;
}

const defaultMigrationsDir = fileURLToPath(new URL('./migrations/', import.meta.url));

/** Applies the migrations the file has not seen yet, each in its own transaction. */
export function migrate(db: Database.Database, migrationsDir: string): void {
  const applied = Number(db.pragma('user_version', { simple: true }));
  const files = readdirSync(migrationsDir)
    .map((name) => ({ name, version: Number(/^(\d+)-.+\.sql$/.exec(name)?.[1] ?? Number.NaN) }))
    .filter((file) => Number.isInteger(file.version) && file.version > applied)
    .sort((a, b) => a.version - b.version);
  for (const file of files) {
    const sql = readFileSync(`${migrationsDir}/${file.name}`, 'utf8');
    db.transaction(() => {
      db.exec(sql);
      db.pragma(`user_version = ${file.version}`);
    })();
  }
}

const iso = (ms: number): string => new Date(ms).toISOString();

/** Opens (and creates or migrates) the database at `path`. */
export function createSqliteStorage(
  path: string,
  options: SqliteStorageOptions = {},
): CollectorStorage {
  const { durability = 'full', migrationsDir = defaultMigrationsDir } = options;
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${durability === 'full' ? 'FULL' : 'NORMAL'}`);
  // A second process (the CLI next to a running server) waits instead of failing at once.
  db.pragma('busy_timeout = 5000');
  migrate(db, migrationsDir);

  const insertReceipt = db.prepare(
    `INSERT INTO consent_receipts (site, id, policy_version, analytics, marketing, decided_at, method, locale, text_hash, received_at)
     VALUES (@site, @id, @policyVersion, @analytics, @marketing, @decidedAt, @method, @locale, @textHash, @receivedAt)
     ON CONFLICT DO NOTHING`,
  );
  const insertEvent = db.prepare(
    `INSERT INTO events (site, id, visitor_id, consent_id, type, at, ip_prefix, received_at, payload)
     VALUES (@site, @id, @visitorId, @consentId, @type, @at, @ipPrefix, @receivedAt, @payload)
     ON CONFLICT DO NOTHING`,
  );
  const insertLead = db.prepare(
    `INSERT INTO leads (site, id, submitted_at, consent_id, fields, received_at, last_contact_at)
     VALUES (@site, @id, @submittedAt, @consentId, @fields, @receivedAt, @receivedAt)
     ON CONFLICT DO NOTHING`,
  );
  const insertMessage = db.prepare(
    `INSERT INTO conversation_messages (site, message_id, conversation_id, sender, text, received_at)
     VALUES (@site, @messageId, @conversationId, @sender, @text, @receivedAt)
     ON CONFLICT DO NOTHING`,
  );

  const inList = (column: string, param: string) =>
    `${column} IN (SELECT value FROM json_each(@${param}))`;
  const eraseEvents = db.prepare(
    `DELETE FROM events WHERE site = @site AND (visitor_id = @visitorId OR ${inList('consent_id', 'consentIds')})`,
  );
  const eraseLeads = db.prepare(
    `DELETE FROM leads WHERE site = @site AND (${inList('id', 'leadIds')} OR ${inList('consent_id', 'consentIds')})`,
  );
  const eraseReceipts = db.prepare(
    `DELETE FROM consent_receipts WHERE site = @site AND ${inList('id', 'consentIds')}`,
  );
  const eraseMessages = db.prepare(
    `DELETE FROM conversation_messages WHERE site = @site AND ${inList('conversation_id', 'conversationIds')}`,
  );
  const recordErasure = db.prepare(
    `INSERT INTO erasures (site, erased_at, events, leads, receipts, conversations)
     VALUES (@site, @erasedAt, @events, @leads, @receipts, @conversations)`,
  );

  const purgeEvents = db.prepare('DELETE FROM events WHERE received_at < ?');
  const purgeLeads = db.prepare('DELETE FROM leads WHERE last_contact_at < ?');
  const purgeMessages = db.prepare('DELETE FROM conversation_messages WHERE received_at < ?');
  const purgeReceipts = db.prepare('DELETE FROM consent_receipts WHERE received_at < ?');

  const siteFilter = '(@site IS NULL OR site = @site)';
  const selectVisitorConsentIds = db.prepare(
    `SELECT DISTINCT consent_id FROM events WHERE ${siteFilter} AND visitor_id = @visitorId`,
  );
  const selectEvents = db.prepare(
    `SELECT site, visitor_id, consent_id, ip_prefix, received_at, payload FROM events
     WHERE ${siteFilter} AND (visitor_id = @visitorId OR ${inList('consent_id', 'consentIds')})
     ORDER BY at, id`,
  );
  const selectLeads = db.prepare(
    `SELECT site, id, submitted_at, consent_id, fields, received_at FROM leads
     WHERE ${siteFilter} AND (${inList('id', 'leadIds')} OR ${inList('consent_id', 'consentIds')})
     ORDER BY submitted_at, id`,
  );
  const selectReceipts = db.prepare(
    `SELECT * FROM consent_receipts WHERE ${siteFilter} AND ${inList('id', 'consentIds')} ORDER BY decided_at, id`,
  );
  const selectMessages = db.prepare(
    `SELECT site, conversation_id, message_id, sender, text, received_at FROM conversation_messages
     WHERE ${siteFilter} AND ${inList('conversation_id', 'conversationIds')} ORDER BY received_at, CASE sender WHEN 'visitor' THEN 0 ELSE 1 END`,
  );
  const selectCounts = db.prepare(
    `SELECT site, 'receipts' AS kind, count(*) AS n FROM consent_receipts GROUP BY site
     UNION ALL SELECT site, 'events', count(*) FROM events GROUP BY site
     UNION ALL SELECT site, 'leads', count(*) FROM leads GROUP BY site
     UNION ALL SELECT site, 'conversations', count(*) FROM conversation_messages GROUP BY site
     UNION ALL SELECT site, 'erasures', count(*) FROM erasures GROUP BY site`,
  );

  const eraseAll = db.transaction(
    (
      params: {
        site: string;
        visitorId: string | null;
        consentIds: string;
        leadIds: string;
        conversationIds: string;
      },
      erasedAt: number,
    ): DeletedCounts => {
      const deleted = {
        events: eraseEvents.run(params).changes,
        leads: eraseLeads.run(params).changes,
        receipts: eraseReceipts.run(params).changes,
        conversations: eraseMessages.run(params).changes,
      };
      recordErasure.run({ site: params.site, erasedAt, ...deleted });
      return deleted;
    },
  );

  return {
    insertReceipt(receipt, receivedAt) {
      const { changes } = insertReceipt.run({
        ...receipt,
        analytics: receipt.purposes.analytics ? 1 : 0,
        marketing: receipt.purposes.marketing ? 1 : 0,
        receivedAt,
      });
      return { stored: changes, duplicates: 1 - changes };
    },

    insertEvents: db.transaction((batch, ipPrefix, receivedAt) => {
      let stored = 0;
      for (const event of batch.events) {
        stored += insertEvent.run({
          site: batch.site,
          id: event.id,
          visitorId: batch.visitorId,
          consentId: batch.consentId,
          type: event.type,
          at: event.at,
          ipPrefix,
          receivedAt,
          payload: JSON.stringify(event),
        }).changes;
      }
      return { stored, duplicates: batch.events.length - stored };
    }),

    insertLead(submitted, receivedAt) {
      const { changes } = insertLead.run({
        site: submitted.site,
        id: submitted.id,
        submittedAt: submitted.submittedAt,
        consentId: submitted.consentId ?? null,
        fields: JSON.stringify(submitted.fields),
        receivedAt,
      });
      return { stored: changes, duplicates: 1 - changes };
    },

    insertConversationMessages: db.transaction((messages, receivedAt) => {
      let stored = 0;
      for (const message of messages) {
        stored += insertMessage.run({
          site: message.site,
          messageId: message.messageId,
          conversationId: message.conversationId,
          sender: message.from,
          text: message.text,
          receivedAt,
        }).changes;
      }
      return { stored, duplicates: messages.length - stored };
    }),

    erase(target, erasedAt) {
      return eraseAll(
        {
          site: target.site,
          visitorId: target.visitorId,
          consentIds: JSON.stringify(target.consentIds),
          leadIds: JSON.stringify(target.leadIds),
          conversationIds: JSON.stringify(target.conversationIds ?? []),
        },
        erasedAt,
      );
    },

    purge: db.transaction((cutoffs) => ({
      events: purgeEvents.run(cutoffs.events).changes,
      leads: purgeLeads.run(cutoffs.leads).changes,
      conversations: purgeMessages.run(cutoffs.conversations).changes,
      receipts: purgeReceipts.run(cutoffs.receipts).changes,
    })),

    exportData(query) {
      // One read transaction, so the export is a consistent snapshot.
      return db.transaction((): VisitorExport => {
        const site = query.site ?? null;
        const visitorId = query.visitorId ?? null;
        const consentIds = new Set(query.consentIds ?? []);
        if (visitorId !== null) {
          for (const row of selectVisitorConsentIds.all({ site, visitorId }) as Array<{
            consent_id: string;
          }>) {
            consentIds.add(row.consent_id);
          }
        }
        const consentList = JSON.stringify([...consentIds]);
        const leads = (
          selectLeads.all({
            site,
            leadIds: JSON.stringify(query.leadIds ?? []),
            consentIds: consentList,
          }) as LeadRow[]
        ).map((row) => ({
          ...lead.parse({
            id: row.id,
            site: row.site,
            submittedAt: row.submitted_at,
            ...(row.consent_id === null ? {} : { consentId: row.consent_id }),
            fields: JSON.parse(row.fields),
          }),
          receivedAt: iso(row.received_at),
        }));
        for (const row of leads) if (row.consentId !== undefined) consentIds.add(row.consentId);
        const receipts = (
          selectReceipts.all({ site, consentIds: JSON.stringify([...consentIds]) }) as ReceiptRow[]
        ).map((row) => ({
          ...consentReceipt.parse({
            id: row.id,
            site: row.site,
            policyVersion: row.policy_version,
            purposes: { analytics: row.analytics === 1, marketing: row.marketing === 1 },
            decidedAt: row.decided_at,
            method: row.method,
            locale: row.locale,
            textHash: row.text_hash,
          }),
          receivedAt: iso(row.received_at),
        }));
        const events = (
          selectEvents.all({ site, visitorId, consentIds: consentList }) as EventRow[]
        ).map((row) => ({
          site: row.site,
          visitorId: row.visitor_id,
          consentId: row.consent_id,
          ipPrefix: row.ip_prefix,
          receivedAt: iso(row.received_at),
          event: telemetryEvent.parse(JSON.parse(row.payload)),
        }));
        const conversations = (
          selectMessages.all({
            site,
            conversationIds: JSON.stringify(query.conversationIds ?? []),
          }) as MessageRow[]
        ).map((row) => ({
          site: row.site,
          conversationId: row.conversation_id,
          messageId: row.message_id,
          from: row.sender,
          text: row.text,
          at: iso(row.received_at),
        }));
        return { receipts, events, leads, conversations };
      })();
    },

    stats() {
      const sites: StorageStats['sites'] = {};
      for (const row of selectCounts.all() as Array<{
        site: string;
        kind: keyof StorageStats['sites'][string];
        n: number;
      }>) {
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

    close() {
      db.close();
    },
  };
}

interface LeadRow {
  site: string;
  id: string;
  submitted_at: string;
  consent_id: string | null;
  fields: string;
  received_at: number;
}

interface ReceiptRow {
  site: string;
  id: string;
  policy_version: string;
  analytics: number;
  marketing: number;
  decided_at: string;
  method: string;
  locale: string;
  text_hash: string;
  received_at: number;
}

interface EventRow {
  site: string;
  visitor_id: string;
  consent_id: string;
  ip_prefix: string | null;
  received_at: number;
  payload: string;
}

interface MessageRow {
  site: string;
  conversation_id: string;
  message_id: string;
  sender: 'visitor' | 'bot';
  text: string;
  received_at: number;
}

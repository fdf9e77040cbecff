/**
 * The collector's tables as Kysely sees them: one interface per table, the
 * column types as both engines hand them back. Times the server sets are epoch
 * milliseconds; times the browser sent stay the ISO strings it sent.
 *
 * Another feature adds its own tables without editing this file: declare an
 * interface like `CollectorTables` for them and widen the handle where it is
 * used, `database.db.withTables<BotTables>()` (see the README, "Storage").
 */
import type { Generated } from 'kysely';

/** Bigint columns come back as numbers: `open-postgres-database.ts` parses int8 so. */
type EpochMs = number;

/** A boolean written as 0/1 (SQLite has no boolean); PostgreSQL hands back `true`/`false`. */
type Flag = number | boolean;

export interface ConsentReceiptsTable {
  site: string;
  id: string;
  policy_version: string;
  analytics: Flag;
  marketing: Flag;
  decided_at: string;
  method: string;
  locale: string;
  text_hash: string;
  received_at: EpochMs;
}

export interface EventsTable {
  site: string;
  id: string;
  visitor_id: string;
  consent_id: string;
  type: string;
  at: string;
  ip_prefix: string | null;
  received_at: EpochMs;
  /** The event as JSON text on SQLite, `jsonb` (parsed) on PostgreSQL. */
  payload: unknown;
  /** `at` as epoch ms: retention counts from it; PostgreSQL partitions by its month. */
  occurred_at: EpochMs;
}

export interface LeadsTable {
  site: string;
  id: string;
  submitted_at: string;
  consent_id: string | null;
  /** The normalised contact fields as JSON: text on SQLite, `jsonb` on PostgreSQL. */
  fields: unknown;
  received_at: EpochMs;
  last_contact_at: EpochMs;
}

export interface ConversationMessagesTable {
  site: string;
  message_id: string;
  conversation_id: string;
  sender: 'visitor' | 'bot';
  text: string;
  received_at: EpochMs;
}

export interface ErasuresTable {
  /** Set by the database (SQLite rowid, PostgreSQL identity); never written. */
  seq: Generated<number>;
  site: string;
  erased_at: EpochMs;
  events: number;
  leads: number;
  receipts: number;
  conversations: number;
}

/** The tables of migration 0001, which every Samtal database has. */
export interface CollectorTables {
  consent_receipts: ConsentReceiptsTable;
  events: EventsTable;
  leads: LeadsTable;
  conversation_messages: ConversationMessagesTable;
  erasures: ErasuresTable;
}

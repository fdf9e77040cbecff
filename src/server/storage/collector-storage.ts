/**
 * What the collector needs from a database, and nothing more, implemented
 * once (`createCollectorStorage`) for SQLite and PostgreSQL alike. Every
 * method is scoped by site, so one site never reads or deletes another's rows.
 */
import type { ConsentReceipt, EventBatch, Lead } from '../../protocol';
import type { RetentionCutoffs } from '../retention-cutoffs';
import type { StoredEvent, StoredLead, StoredMessage, StoredReceipt } from './collector-rows';

/** What one insert did: new rows, and rows already there by id (a retried request). */
export interface InsertResult {
  stored: number;
  duplicates: number;
}

/** The ids an erasure request names, plus conversations for the command line. */
export interface ErasureTarget {
  site: string;
  visitorId: string | null;
  consentIds: readonly string[];
  leadIds: readonly string[];
  conversationIds?: readonly string[];
}

/** Rows deleted per kind. */
export interface DeletedCounts {
  events: number;
  leads: number;
  receipts: number;
  conversations: number;
}

/** What one retention purge did. */
export interface PurgeResult extends DeletedCounts {
  /**
   * True when another process was purging the same database at that moment:
   * this one deleted nothing and left the round to it (PostgreSQL; see
   * `SamtalDatabase.purgeSession`).
   */
  skipped: boolean;
}

/** One chat turn, kept only when the operator enables conversation storage. */
export interface ConversationMessage {
  site: string;
  conversationId: string;
  messageId: string;
  from: 'visitor' | 'bot';
  text: string;
}

/** Which rows an access request asks for. */
export interface ExportQuery {
  site?: string;
  visitorId?: string;
  consentIds?: readonly string[];
  leadIds?: readonly string[];
  conversationIds?: readonly string[];
}

/**
 * A stored row that no longer matches its schema (written by an older
 * version, or changed by hand). It is still the person's data, so an export
 * hands it over as it is, with what is wrong, instead of failing.
 */
export interface UnreadableRow {
  table: string;
  /** The row's key columns, to find it again. */
  key: Record<string, string>;
  problem: string;
  /** The row as the database returned it. */
  row: unknown;
}

/** Everything held about one person, as stored (access and portability, GDPR art. 15 and 20). */
export interface VisitorExport {
  receipts: StoredReceipt[];
  events: StoredEvent[];
  leads: StoredLead[];
  conversations: StoredMessage[];
  /** Rows that matched the query but no longer parse; empty normally. */
  unreadable: UnreadableRow[];
}

/** Row counts per site, for `samtal-server stats`. */
export interface StorageStats {
  sites: Record<
    string,
    { receipts: number; events: number; leads: number; conversations: number; erasures: number }
  >;
}

/** The collector's reads and writes. Times are epoch milliseconds. */
export interface CollectorStorage {
  insertReceipt(receipt: ConsentReceipt, receivedAt: number): Promise<InsertResult>;
  /** All of the batch or none of it: one transaction. */
  insertEvents(
    batch: EventBatch,
    ipPrefix: string | null,
    receivedAt: number,
  ): Promise<InsertResult>;
  insertLead(lead: Lead, receivedAt: number): Promise<InsertResult>;
  insertConversationMessages(
    messages: readonly ConversationMessage[],
    receivedAt: number,
  ): Promise<InsertResult>;
  /** Deletes every matching row and keeps a record that an erasure happened, without any id. */
  erase(target: ErasureTarget, erasedAt: number): Promise<DeletedCounts>;
  /**
   * Deletes what is older than the cutoffs (events by when they happened, in
   * bounded batches); `now` places PostgreSQL's partitions ahead. One purge
   * at a time runs on a database: one that finds another process purging
   * returns at once with `skipped`.
   */
  purge(cutoffs: RetentionCutoffs, now?: number): Promise<PurgeResult>;
  /** One consistent snapshot of everything held about the people the query names. */
  exportData(query: ExportQuery): Promise<VisitorExport>;
  stats(): Promise<StorageStats>;
}

/**
 * What the collector needs from a database, and nothing more. SQLite
 * (`createSqliteStorage`) implements it for one machine; a PostgreSQL
 * implementation of the same interface replaces it when one is not enough.
 * Every method is scoped by site, so one site never reads or deletes
 * another's rows.
 */
import type { ConsentReceipt, EventBatch, Lead } from '../protocol';
import type { RetentionCutoffs } from './retention-cutoffs';

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

/** Everything held about one person, as stored (access and portability, GDPR art. 15 and 20). */
export interface VisitorExport {
  receipts: Array<ConsentReceipt & { receivedAt: string }>;
  events: Array<{
    site: string;
    visitorId: string;
    consentId: string;
    ipPrefix: string | null;
    receivedAt: string;
    event: EventBatch['events'][number];
  }>;
  leads: Array<Lead & { receivedAt: string }>;
  conversations: Array<ConversationMessage & { at: string }>;
}

/** Row counts per site, for `samtal-server stats`. */
export interface StorageStats {
  sites: Record<
    string,
    { receipts: number; events: number; leads: number; conversations: number; erasures: number }
  >;
}

export interface CollectorStorage {
  insertReceipt(receipt: ConsentReceipt, receivedAt: number): InsertResult;
  /** All of the batch or none of it: one transaction. */
  insertEvents(batch: EventBatch, ipPrefix: string | null, receivedAt: number): InsertResult;
  insertLead(lead: Lead, receivedAt: number): InsertResult;
  insertConversationMessages(
    messages: readonly ConversationMessage[],
    receivedAt: number,
  ): InsertResult;
  /** Deletes every matching row and keeps a record that an erasure happened, without any id. */
  erase(target: ErasureTarget, erasedAt: number): DeletedCounts;
  purge(cutoffs: RetentionCutoffs): DeletedCounts;
  exportData(query: ExportQuery): VisitorExport;
  stats(): StorageStats;
  close(): void;
}

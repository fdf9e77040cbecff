/**
 * Stored chat transcripts for the console: the conversations that began in a
 * span of time, a search over message text, and one transcript. Scoped by site.
 */
import { sql } from 'kysely';
import type { ConversationSummary, Transcript } from '../../../protocol/admin';
import type { ConsoleDatabase } from './console-database';

/** Most conversations one list returns. */
export const maxConversations = 200;

export interface ConversationsStore {
  /** Conversations whose first message arrived in [start, end), newest first. */
  startedBetween(
    site: string,
    start: number,
    end: number,
  ): Promise<{ conversations: ConversationSummary[]; truncated: boolean }>;
  /** Conversations with a message containing `text` (case-insensitive), newest first. */
  search(
    site: string,
    text: string,
  ): Promise<{ conversations: ConversationSummary[]; truncated: boolean }>;
  transcript(site: string, conversationId: string): Promise<Transcript | null>;
}

/** Escapes LIKE's wildcards so the visitor's text is matched literally. */
export function likePattern(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
}

const iso = (ms: number) => new Date(Number(ms)).toISOString();

export function createConversationsStore({ db }: ConsoleDatabase): ConversationsStore {
  async function summaries(site: string, ids: readonly string[]): Promise<ConversationSummary[]> {
    if (ids.length === 0) return [];
    const rows = await db
      .selectFrom('conversation_messages')
      .select([
        'conversation_id',
        sql<number>`min(received_at)`.as('started'),
        sql<number>`max(received_at)`.as('last'),
        sql<number>`count(*)`.as('n'),
      ])
      .where('site', '=', site)
      .where('conversation_id', 'in', [...ids])
      .groupBy('conversation_id')
      .execute();
    const firsts = await db
      .selectFrom('conversation_messages')
      .select(['conversation_id', 'text', 'received_at'])
      .where('site', '=', site)
      .where('conversation_id', 'in', [...ids])
      .where('sender', '=', 'visitor')
      .orderBy('received_at')
      .execute();
    const preview = new Map<string, string>();
    for (const row of firsts)
      if (!preview.has(row.conversation_id))
        preview.set(row.conversation_id, row.text.slice(0, 200));
    return rows
      .map((row) => ({
        id: row.conversation_id,
        startedAt: iso(row.started),
        lastMessageAt: iso(row.last),
        messages: Number(row.n),
        preview: preview.get(row.conversation_id) ?? '',
      }))
      .sort((a, b) => b.startedAt.localeCompare(a.startedAt));
  }

  return {
    async startedBetween(site, start, end) {
      const rows = await db
        .selectFrom('conversation_messages')
        .select(['conversation_id', sql<number>`min(received_at)`.as('started')])
        .where('site', '=', site)
        .groupBy('conversation_id')
        .having(sql<number>`min(received_at)`, '>=', start)
        .having(sql<number>`min(received_at)`, '<', end)
        .orderBy('started', 'desc')
        .limit(maxConversations + 1)
        .execute();
      const ids = rows.slice(0, maxConversations).map((row) => row.conversation_id);
      return {
        conversations: await summaries(site, ids),
        truncated: rows.length > maxConversations,
      };
    },

    async search(site, text) {
      const rows = await db
        .selectFrom('conversation_messages')
        .select(['conversation_id', sql<number>`max(received_at)`.as('last')])
        .where('site', '=', site)
        .where(sql<boolean>`lower(text) LIKE ${likePattern(text)} ESCAPE '\\'`)
        .groupBy('conversation_id')
        .orderBy('last', 'desc')
        .limit(maxConversations + 1)
        .execute();
      const ids = rows.slice(0, maxConversations).map((row) => row.conversation_id);
      return {
        conversations: await summaries(site, ids),
        truncated: rows.length > maxConversations,
      };
    },

    async transcript(site, conversationId) {
      const rows = await db
        .selectFrom('conversation_messages')
        .select(['message_id', 'sender', 'text', 'received_at'])
        .where('site', '=', site)
        .where('conversation_id', '=', conversationId)
        .orderBy('received_at')
        .orderBy(sql`CASE sender WHEN 'visitor' THEN 0 ELSE 1 END`)
        .execute();
      if (rows.length === 0) return null;
      return {
        id: conversationId,
        messages: rows.map((row) => ({
          id: row.message_id,
          from: row.sender,
          text: row.text,
          at: iso(row.received_at),
        })),
      };
    },
  };
}

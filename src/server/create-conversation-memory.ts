/**
 * The last few turns of recent conversations, in memory only, so a language
 * model can follow up on what was just said. Bounded in conversations, turns
 * and time; never written to disk; gone on restart; erased with the rest when
 * a visitor's erasure names the conversation.
 */
import type { ConversationTurn } from '../bot/build-model-prompt';

export interface ConversationMemory {
  turns(site: string, conversationId: string): ConversationTurn[];
  add(site: string, conversationId: string, turn: ConversationTurn): void;
  forget(site: string, conversationIds: readonly string[]): void;
}

export interface ConversationMemoryOptions {
  maxConversations?: number;
  maxTurns?: number;
  /** Milliseconds a conversation is kept after its last turn. */
  ttlMs?: number;
  now?: () => number;
}

export function createConversationMemory({
  maxConversations = 5000,
  maxTurns = 6,
  ttlMs = 30 * 60 * 1000,
  now = Date.now,
}: ConversationMemoryOptions = {}): ConversationMemory {
  // A Map keeps insertion order; re-inserting on use makes the first key the stalest.
  const kept = new Map<string, { at: number; turns: ConversationTurn[] }>();
  const key = (site: string, id: string) => `${site}\n${id}`;
  return {
    turns(site, conversationId) {
      const found = kept.get(key(site, conversationId));
      if (found === undefined || now() - found.at > ttlMs) return [];
      return [...found.turns];
    },
    add(site, conversationId, turn) {
      const id = key(site, conversationId);
      const found = kept.get(id);
      const turns = found && now() - found.at <= ttlMs ? found.turns : [];
      turns.push({ from: turn.from, text: turn.text.slice(0, 4000) });
      kept.delete(id);
      kept.set(id, { at: now(), turns: turns.slice(-maxTurns) });
      while (kept.size > maxConversations) {
        const stalest = kept.keys().next().value;
        if (stalest === undefined) break;
        kept.delete(stalest);
      }
    },
    forget(site, conversationIds) {
      for (const id of conversationIds) kept.delete(key(site, id));
    },
  };
}

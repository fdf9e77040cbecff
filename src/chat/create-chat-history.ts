/**
 * The conversation's history in Samtal's own IndexedDB store (key
 * `conversation`, per site through the store's prefix). Storing the
 * conversation the visitor started is needed for the service itself, so it
 * needs no consent; it expires `historyDays` after the last message.
 *
 * Two tabs may write at once. Each write re-reads the stored conversation
 * and merges it with this tab's by message id in one transaction, and a
 * BroadcastChannel tells the other tabs (and the other history objects of
 * this tab) to re-read. The channel is closed while the page is in the
 * back/forward cache, and a restored page re-reads.
 */
import type { KeyValueStore } from '../storage/create-key-value-store';
import {
  type ChannelFactory,
  createTabChannel,
  type PageEvents,
} from '../storage/create-tab-channel';
import {
  type ChatMessage,
  type StoredConversation,
  storedConversation,
  storedConversationIds,
} from './conversation';

/** The storage key, after the store's site prefix. */
export const conversationKey = 'conversation';

/** Where the ids of this browser's conversations are kept, for erasure. */
export const conversationIdsKey = 'conversation-ids';

/** How long a conversation's id is kept: longer than a server keeps its messages (12 months). */
export const conversationIdDays = 400;

const dayMs = 24 * 60 * 60 * 1000;

export interface ChatHistory {
  /** The stored conversation, or undefined when there is none or it expired (then it is deleted). */
  load(): Promise<StoredConversation | undefined>;
  /** Merges `conversation` with what is stored (same id, not expired) and writes the result. */
  save(conversation: { conversationId: string; messages: ChatMessage[] }): Promise<void>;
  /** Deletes the stored conversation; its id stays listed for an erasure. */
  clear(): Promise<void>;
  /** Every conversation id this browser used in the last `conversationIdDays`, oldest first. */
  conversationIds(): Promise<string[]>;
  /** Forgets those ids too (after an erasure named them). */
  clearConversationIds(): Promise<void>;
  /** Called when another tab or another history object changed or cleared the stored conversation. */
  onChange(listener: () => void): () => void;
  dispose(): void;
}

export type { ChannelFactory } from '../storage/create-tab-channel';

export interface ChatHistoryOptions {
  store: KeyValueStore;
  site: string;
  historyDays: number;
  now?: () => number;
  channel?: ChannelFactory;
  /** Where `pagehide` and `pageshow` are heard; the window by default. */
  page?: PageEvents | null;
}

// How far along a visitor's message is; in a merge the further one wins, so
// a tab that missed a reply cannot turn a sent message back into a failed
// one. Pending and failed tie: a send that failed and a retry both change
// one into the other, and the tab that made the change is the one writing.
const progress = { failed: 0, pending: 0, sent: 1 } as const;

function newer(a: ChatMessage, b: ChatMessage): ChatMessage {
  if (a.from === 'visitor' && b.from === 'visitor') {
    if (progress[a.status] !== progress[b.status])
      return progress[b.status] > progress[a.status] ? b : a;
    // `interrupted` is a guess made from a message left pending; the tab
    // that sent it knows the real reason, and that one decides a resend.
    return a.failure === 'interrupted' && b.failure !== undefined ? b : a;
  }
  if (a.from === 'bot' && b.from === 'bot' && a.streaming && !b.streaming) return b;
  return a;
}

/** This tab's messages merged with the stored ones, each id once, in time order. */
export function mergeMessages(local: ChatMessage[], stored: ChatMessage[]): ChatMessage[] {
  const byId = new Map<string, ChatMessage>();
  for (const message of local) byId.set(message.id, message);
  for (const message of stored) {
    const mine = byId.get(message.id);
    byId.set(message.id, mine ? newer(mine, message) : message);
  }
  return [...byId.values()].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
}

export function createChatHistory({
  store,
  site,
  historyDays,
  now = Date.now,
  channel,
  page,
}: ChatHistoryOptions): ChatHistory {
  const listeners = new Set<() => void>();
  const notify = () => {
    for (const listener of [...listeners]) listener();
  };
  const broadcast = createTabChannel(`samtal:${site}:conversation`, {
    onMessage: notify,
    onResume: notify,
    open: channel,
    ...(page === undefined ? {} : { page }),
  });

  const expired = (stored: StoredConversation) =>
    Date.parse(stored.updatedAt) + historyDays * dayMs <= now();
  const read = async (): Promise<StoredConversation | undefined> => {
    const stored = await store.get(conversationKey, storedConversation);
    if (stored === undefined) return undefined;
    if (expired(stored)) {
      await store.delete(conversationKey);
      return undefined;
    }
    return stored;
  };

  const fresh = (entry: { startedAt: string }) =>
    Date.parse(entry.startedAt) + conversationIdDays * dayMs > now();
  const remember = (id: string) =>
    store.update(conversationIdsKey, storedConversationIds, (list) => {
      const kept = (list?.conversations ?? []).filter((entry) => fresh(entry) && entry.id !== id);
      const startedAt = new Date(now()).toISOString();
      return { version: 1 as const, conversations: [...kept, { id, startedAt }].slice(-200) };
    });

  return {
    load: read,
    async save({ conversationId, messages }) {
      // Streaming replies are half a message; they are stored once finished.
      const finished = messages.filter(
        (message) => message.from === 'visitor' || !message.streaming,
      );
      let isNew = false;
      // Read, merge and write in one transaction: another tab's message
      // written in between would otherwise be overwritten.
      await store.update(conversationKey, storedConversation, (stored): StoredConversation => {
        isNew = stored?.conversationId !== conversationId;
        const merged =
          stored !== undefined && !expired(stored) && stored.conversationId === conversationId
            ? mergeMessages(finished, stored.messages)
            : finished;
        const last = merged[merged.length - 1];
        return {
          version: 1,
          conversationId,
          updatedAt: last?.at ?? new Date(now()).toISOString(),
          messages: merged.slice(-500),
        };
      });
      if (isNew) await remember(conversationId);
      broadcast.post('changed');
    },
    async conversationIds() {
      const list = await store.get(conversationIdsKey, storedConversationIds);
      return (list?.conversations ?? []).filter(fresh).map((entry) => entry.id);
    },
    async clearConversationIds() {
      await store.delete(conversationIdsKey);
    },
    async clear() {
      await store.delete(conversationKey);
      broadcast.post('changed');
    },
    onChange(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    dispose() {
      listeners.clear();
      broadcast.close();
    },
  };
}

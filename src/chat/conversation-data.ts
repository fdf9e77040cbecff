/**
 * The conversation's part of `Samtal.data.export()` and `.erase()`. Loaded
 * only when one of them is called, so a page view never opens IndexedDB for
 * it. Erasing tells the live conversation (through the history's
 * BroadcastChannel, which also reaches other objects in the same tab) to
 * start afresh.
 */
import type { DataSection } from '../data/create-data-registry';
import type { KeyValueStore } from '../storage/create-key-value-store';
import { createChatHistory } from './create-chat-history';

export interface ConversationDataOptions {
  store: () => Promise<KeyValueStore>;
  site: string;
  historyDays: number;
}

/** The registry section for the stored conversation. */
export function conversationData({
  store,
  site,
  historyDays,
}: ConversationDataOptions): DataSection {
  const withHistory = async <Result>(
    run: (history: ReturnType<typeof createChatHistory>) => Promise<Result>,
  ): Promise<Result> => {
    const history = createChatHistory({ store: await store(), site, historyDays });
    try {
      return await run(history);
    } finally {
      history.dispose();
    }
  };
  return {
    export: () =>
      withHistory(async (history) => {
        const stored = await history.load();
        if (stored === undefined) return null;
        return {
          conversationIds: await history.conversationIds(),
          conversationId: stored.conversationId,
          updatedAt: stored.updatedAt,
          expiresAfterDays: historyDays,
          messages: stored.messages.map(({ from, at, text }) => ({ from, at, text })),
        };
      }),
    erase: () =>
      withHistory(async (history) => {
        await history.clear();
        await history.clearConversationIds();
      }),
    erasureIds: () =>
      withHistory(async (history) => ({ conversationIds: await history.conversationIds() })),
  };
}

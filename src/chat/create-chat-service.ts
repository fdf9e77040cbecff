/**
 * The conversation: what the visitor wrote, what the bot answered, what is
 * on its way. It lives from the moment the panel chunk loads until
 * `destroy()`, closed panel or not, so a reply that arrives while the panel
 * is closed is still received and counted as unread.
 *
 * Messages are sent one at a time in order. Before one leaves, redaction
 * removes the numbers the site asked to keep out of the chat; the history
 * keeps only the redacted text. A failed message stays in the conversation
 * with its reason, to be sent again.
 */
import type { MessageEventPayload } from '../api/samtal-api';
import type { RedactionKind } from '../config/config-schema';
import { redactMessage } from '../fields/redact-message';
import { redactionTexts } from '../i18n/redaction-texts';
import { type ChatAction, maxMessageLength } from '../protocol/chat';
import type { Locale } from '../protocol/common';
import { createObservable, type Observable } from '../state/create-observable';
import type { BotMessage, ChatMessage, VisitorMessage } from './conversation';
import { type ChatHistory, mergeMessages } from './create-chat-history';
import type { ChatTransport } from './create-chat-transport';
import { type LengthBucket, messageLengthBucket } from './message-length-bucket';

export interface ChatState {
  conversationId: string;
  messages: ChatMessage[];
  /** A message is on its way and its answer has not finished. */
  waiting: boolean;
  /** The stored history has been read (or could not be). */
  loaded: boolean;
}

/**
 * What became of a message the visitor wrote: on its way (or shown, without
 * a chat endpoint), blank and ignored, or longer than a message may be once
 * redaction has put its placeholders in, by `excess` characters. Redaction
 * can lengthen a text (`1212121212` becomes `[personal identity number]`),
 * so the limit is applied to the text as it would be sent, never to the
 * text as typed: a message over it would be refused by every server, and
 * "Try again" could never help.
 */
export type SendResult =
  | { status: 'sent' }
  | { status: 'empty' }
  | { status: 'too-long'; excess: number };

export interface ChatService {
  state: Observable<ChatState>;
  /** Sends what the visitor wrote, redacted; nothing is kept or sent unless it is `sent`. */
  send(text: string): SendResult;
  /** The length of `text` as it would be sent: trimmed and redacted. */
  lengthAsSent(text: string): number;
  /** Sends a failed message again. */
  retry(messageId: string): void;
  /** Forgets the conversation on screen and in storage, and starts one with a new id. */
  newConversation(): void;
  dispose(): void;
}

export interface ChatServiceOptions {
  site: string;
  locale: Locale;
  redact: readonly RedactionKind[];
  /** Null when the site has no chat endpoint. */
  transport: ChatTransport | null;
  /** The history, once the storage chunk is loaded. */
  history: Promise<ChatHistory>;
  onMessage(message: MessageEventPayload): void;
  /** A bot reply finished arriving. */
  onBotReply(): void;
  onSent(bucket: LengthBucket): void;
  /** Subscribes to the browser coming back online; returns the unsubscribe. */
  onOnline?: (listener: () => void) => () => void;
  now?: () => Date;
  newId?: () => string;
}

const onWindowOnline = (listener: () => void) => {
  if (typeof window === 'undefined') return () => {};
  window.addEventListener('online', listener);
  return () => window.removeEventListener('online', listener);
};

/** Failures that going back online may have cured. */
const connectionFailures = new Set(['offline', 'network']);

export function createChatService({
  site,
  locale,
  redact,
  transport,
  history: historyPromise,
  onMessage,
  onBotReply,
  onSent,
  onOnline = onWindowOnline,
  now = () => new Date(),
  newId = () => crypto.randomUUID(),
}: ChatServiceOptions): ChatService {
  const state = createObservable<ChatState>({
    conversationId: newId(),
    messages: [],
    waiting: false,
    loaded: false,
  });
  let history: ChatHistory | null = null;
  let inFlight: AbortController | null = null;
  let disposed = false;
  const cleanups: (() => void)[] = [];

  const update = (change: (current: ChatState) => Partial<ChatState>) => {
    state.set((current) => ({ ...current, ...change(current) }));
  };
  const updateMessage = (id: string, change: (message: ChatMessage) => ChatMessage) => {
    update(({ messages }) => ({
      messages: messages.map((message) => (message.id === id ? change(message) : message)),
    }));
  };
  const persist = async () => {
    if (history === null || disposed) return;
    const { conversationId, messages } = state.get();
    await history.save({ conversationId, messages }).catch(() => undefined);
  };

  // Adopts the stored conversation, merged with this tab's by message id
  // (the further status wins, so another tab's answer turns a message here
  // sent). A message pending in storage but not here belonged to a page that
  // closed before its answer came, or is another tab's to send: this tab
  // shows it as interrupted and never sends it on its own.
  const adopt = async (source: ChatHistory) => {
    const stored = await source.load().catch(() => undefined);
    if (disposed) return;
    const current = state.get();
    if (stored === undefined) {
      // Erased or started afresh elsewhere: this conversation ends here too.
      if (current.loaded && current.messages.length > 0) {
        inFlight?.abort();
        update(() => ({ conversationId: newId(), messages: [], waiting: false }));
      }
      update(() => ({ loaded: true }));
      return;
    }
    const sendingHere = new Set(
      current.messages.flatMap((message) =>
        message.from === 'visitor' && message.status === 'pending' ? [message.id] : [],
      ),
    );
    const sameConversation = stored.conversationId === current.conversationId || !current.loaded;
    const merged = mergeMessages(sameConversation ? current.messages : [], stored.messages);
    update(() => ({
      conversationId: stored.conversationId,
      messages: merged.map(
        (message): ChatMessage =>
          message.from === 'visitor' && message.status === 'pending' && !sendingHere.has(message.id)
            ? { ...message, status: 'failed', failure: 'interrupted' }
            : message,
      ),
      loaded: true,
    }));
  };

  const ready = historyPromise.then(
    async (loaded) => {
      if (disposed) {
        loaded.dispose();
        return;
      }
      history = loaded;
      cleanups.push(
        loaded.onChange(() => void adopt(loaded)),
        () => loaded.dispose(),
      );
      // Messages written before the history was read (a fast visitor) are
      // stored now, so a page closed before their answer still has them.
      const early = state.get().messages.length > 0;
      await adopt(loaded);
      if (early) await persist();
    },
    () => update(() => ({ loaded: true })),
  );

  const deliver = async (message: VisitorMessage) => {
    if (transport === null) return;
    const controller = new AbortController();
    inFlight = controller;
    update(() => ({ waiting: true }));
    // Reply ids are the server's; each gets an id of the widget's own.
    const localIds = new Map<string, string>();
    const outcome = await transport.send(
      {
        site,
        conversationId: state.get().conversationId,
        message: { id: message.id, text: message.text },
        locale,
      },
      {
        replyStart(replyId) {
          const id = newId();
          localIds.set(replyId, id);
          const reply: BotMessage = {
            from: 'bot',
            id,
            at: now().toISOString(),
            text: '',
            streaming: true,
          };
          update(({ messages }) => ({ messages: [...messages, reply] }));
        },
        replyDelta(replyId, text) {
          const id = localIds.get(replyId);
          if (id !== undefined)
            updateMessage(id, (reply) => ({ ...reply, text: reply.text + text }));
        },
        replyEnd(replyId, actions: ChatAction[] | undefined) {
          const id = localIds.get(replyId);
          if (id === undefined) return;
          localIds.delete(replyId);
          updateMessage(id, (reply) => {
            if (reply.from !== 'bot') return reply;
            const { streaming: _streaming, ...finished } = reply;
            return actions && actions.length > 0 ? { ...finished, actions } : finished;
          });
          const finished = state.get().messages.find((reply) => reply.id === id);
          if (finished) onMessage({ id, from: 'bot', text: finished.text });
          onBotReply();
          void persist();
        },
      },
      controller.signal,
    );
    if (inFlight === controller) inFlight = null;
    // Aborted by a new conversation or destroy: that message is gone with its conversation.
    if (controller.signal.aborted) {
      if (!disposed) update(() => ({ waiting: false }));
      return;
    }
    // A reply cut off half-way is dropped; sending again asks for all of it.
    const unfinished = new Set(localIds.values());
    updateMessage(message.id, (sent) => {
      if (sent.from !== 'visitor') return sent;
      const { failure: _failure, ...rest } = sent;
      return outcome.success
        ? { ...rest, status: 'sent' }
        : { ...rest, status: 'failed', failure: outcome.error };
    });
    update(({ messages }) => ({
      waiting: false,
      messages: messages.filter((reply) => !unfinished.has(reply.id)),
    }));
    await persist();
  };

  let pumping = false;
  const pump = async () => {
    if (pumping) return;
    pumping = true;
    try {
      await ready;
      for (;;) {
        if (disposed) return;
        const next = state
          .get()
          .messages.find(
            (message): message is VisitorMessage =>
              message.from === 'visitor' && message.status === 'pending',
          );
        if (next === undefined) return;
        await deliver(next);
      }
    } finally {
      pumping = false;
    }
  };

  const sendAgain = (messageId: string) =>
    updateMessage(messageId, (failed) => {
      if (failed.from !== 'visitor') return failed;
      const { failure: _failure, ...rest } = failed;
      return { ...rest, status: 'pending' };
    });

  // Back online, a message this tab could not send for want of a connection
  // goes once more by itself; once, so a flaky connection cannot loop it.
  // Only this tab's own messages: another tab retries its own.
  const sentHere = new Set<string>();
  const retriedOnline = new Set<string>();
  if (transport !== null) {
    cleanups.push(
      onOnline(() => {
        const due = state
          .get()
          .messages.filter(
            (message) =>
              message.from === 'visitor' &&
              message.status === 'failed' &&
              connectionFailures.has(message.failure ?? '') &&
              sentHere.has(message.id) &&
              !retriedOnline.has(message.id),
          );
        if (due.length === 0) return;
        for (const message of due) {
          retriedOnline.add(message.id);
          sendAgain(message.id);
        }
        void persist().then(pump);
      }),
    );
  }

  const prepare = (input: string) => redactMessage(input.trim(), redact, redactionTexts[locale]);

  return {
    state,
    lengthAsSent: (input) => prepare(input).text.length,
    send(input) {
      if (input.trim() === '' || disposed) return { status: 'empty' };
      const { text, removed } = prepare(input);
      if (text.length > maxMessageLength) {
        return { status: 'too-long', excess: text.length - maxMessageLength };
      }
      const message: VisitorMessage = {
        from: 'visitor',
        id: newId(),
        at: now().toISOString(),
        text,
        status: transport === null ? 'sent' : 'pending',
        ...(removed.length > 0 ? { redacted: removed } : {}),
      };
      sentHere.add(message.id);
      update(({ messages }) => ({ messages: [...messages, message] }));
      onMessage({ id: message.id, from: 'visitor', text });
      onSent(messageLengthBucket(text.length));
      void persist().then(pump);
      return { status: 'sent' };
    },
    retry(messageId) {
      const message = state.get().messages.find((candidate) => candidate.id === messageId);
      if (message?.from !== 'visitor' || message.status !== 'failed') return;
      sendAgain(messageId);
      void persist().then(pump);
    },
    newConversation() {
      inFlight?.abort();
      update(() => ({ conversationId: newId(), messages: [], waiting: false }));
      void ready.then(() => history?.clear()).catch(() => undefined);
    },
    dispose() {
      disposed = true;
      inFlight?.abort();
      for (const cleanup of cleanups.splice(0)) cleanup();
    },
  };
}

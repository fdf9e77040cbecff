import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { createChatHistory } from '../../src/chat/create-chat-history';
import { type ChatService, createChatService } from '../../src/chat/create-chat-service';
import type {
  ChatAnswerHandlers,
  ChatOutcome,
  ChatTransport,
} from '../../src/chat/create-chat-transport';
import type { RedactionKind } from '../../src/config/config-schema';
import type { ChatRequest } from '../../src/protocol/chat';
import { createKeyValueStore } from '../../src/storage/create-key-value-store';
import type { ChannelFactory } from '../../src/storage/create-tab-channel';
import { channelHub } from './support/channel-hub';

let sites = 0;

/** A fresh site on the shared fake IndexedDB, so tests never see each other's data. */
function newSite(): string {
  sites += 1;
  return `service-${sites}`;
}

interface PendingSend {
  request: ChatRequest;
  handlers: ChatAnswerHandlers;
  finish(outcome: ChatOutcome): void;
}

/** A transport the test answers by hand: each send waits until the test finishes it. */
function manualTransport() {
  const sends: PendingSend[] = [];
  const transport: ChatTransport = {
    send: (request, handlers) =>
      new Promise<ChatOutcome>((finish) => sends.push({ request, handlers, finish })),
  };
  const answer = (send: PendingSend | undefined, text: string) => {
    if (!send) throw new Error('nothing was sent');
    send.handlers.replyStart('r1');
    send.handlers.replyDelta('r1', text);
    send.handlers.replyEnd('r1', undefined);
    send.finish({ success: true });
  };
  return { transport, sends, answer };
}

/** Stands in for the window's `online` event. */
function fakeOnline() {
  const listeners = new Set<() => void>();
  return {
    subscribe: (listener: () => void) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    fire: () => {
      for (const listener of [...listeners]) listener();
    },
    count: () => listeners.size,
  };
}

function open(
  site: string,
  options: {
    transport?: ChatTransport;
    channel?: ChannelFactory;
    onOnline?: (listener: () => void) => () => void;
    redact?: RedactionKind[];
    locale?: 'sv' | 'en';
  } = {},
): ChatService {
  return createChatService({
    site,
    locale: options.locale ?? 'sv',
    redact: options.redact ?? [],
    transport: options.transport ?? manualTransport().transport,
    history: Promise.resolve(
      createChatHistory({
        store: createKeyValueStore(site),
        site,
        historyDays: 30,
        channel: options.channel ?? (() => null),
      }),
    ),
    onMessage: () => {},
    onBotReply: () => {},
    onSent: () => {},
    onOnline: options.onOnline ?? (() => () => {}),
  });
}

const visitorMessages = (chat: ChatService) =>
  chat.state.get().messages.flatMap((message) => (message.from === 'visitor' ? [message] : []));

describe('the chat service', () => {
  it('applies the length limit after redaction: a message that redaction lengthens past it is kept back, not sent', async () => {
    const site = newSite();
    const sent = manualTransport();
    const chat = open(site, { transport: sent.transport, redact: ['personnummer'], locale: 'en' });
    // 2,000 characters as typed; `[personal identity number]` is 16 longer than the number.
    const typed = `Mitt nummer är 1212121212. ${'a'.repeat(1_973)}`;
    expect(typed).toHaveLength(2_000);
    expect(chat.lengthAsSent(typed)).toBe(2_016);
    expect(chat.send(typed)).toEqual({ status: 'too-long', excess: 16 });
    expect(chat.state.get().messages).toEqual([]);

    // Shortened by the excess, it goes, redacted, and fits what servers accept.
    expect(chat.send(typed.slice(0, -16))).toEqual({ status: 'sent' });
    await vi.waitFor(() => expect(sent.sends).toHaveLength(1));
    expect(sent.sends[0]?.request.message.text).toHaveLength(2_000);
    expect(sent.sends[0]?.request.message.text).toContain('[personal identity number]');
    expect(chat.send('   ')).toEqual({ status: 'empty' });
    chat.dispose();
  });

  it('brings back a message that was pending when the page closed as interrupted, and retries it', async () => {
    const site = newSite();
    const first = manualTransport();
    const closing = open(site, { transport: first.transport });
    closing.send('Hej');
    await vi.waitFor(() => expect(first.sends).toHaveLength(1));
    // The page closes before the answer comes.
    closing.dispose();
    first.sends[0]?.finish({ success: false, error: 'network' });

    const next = manualTransport();
    const reopened = open(site, { transport: next.transport });
    await vi.waitFor(() => expect(reopened.state.get().loaded).toBe(true));
    const [restored] = visitorMessages(reopened);
    expect(restored).toMatchObject({ text: 'Hej', status: 'failed', failure: 'interrupted' });
    expect(next.sends).toHaveLength(0);

    reopened.retry(restored?.id ?? '');
    await vi.waitFor(() => expect(next.sends).toHaveLength(1));
    expect(next.sends[0]?.request.message).toEqual({ id: restored?.id, text: 'Hej' });
    next.answer(next.sends[0], 'Hej själv');
    await vi.waitFor(() => expect(visitorMessages(reopened)[0]?.status).toBe('sent'));
    reopened.dispose();
  });

  it('shows another tab’s message and reply, and sends neither itself', async () => {
    const site = newSite();
    const channel = channelHub().factory;
    const writing = manualTransport();
    const watching = manualTransport();
    const tabA = open(site, { transport: writing.transport, channel });
    const tabB = open(site, { transport: watching.transport, channel });
    await vi.waitFor(() => expect(tabB.state.get().loaded).toBe(true));

    tabA.send('Från flik A');
    await vi.waitFor(() => expect(writing.sends).toHaveLength(1));
    writing.answer(writing.sends[0], 'Svar till flik A');
    await vi.waitFor(() => expect(visitorMessages(tabA)[0]?.status).toBe('sent'));

    await vi.waitFor(() =>
      expect(tabB.state.get().messages.map((message) => [message.from, message.text])).toEqual([
        ['visitor', 'Från flik A'],
        ['bot', 'Svar till flik A'],
      ]),
    );
    expect(visitorMessages(tabB)[0]?.status).toBe('sent');
    expect(tabB.state.get().conversationId).toBe(tabA.state.get().conversationId);
    expect(watching.sends).toHaveLength(0);
    tabA.dispose();
    tabB.dispose();
  });

  it('sends a message that failed offline once more, by itself, when the browser is back online', async () => {
    const online = fakeOnline();
    const { transport, sends, answer } = manualTransport();
    const chat = open(newSite(), { transport, onOnline: online.subscribe });
    chat.send('Hej');
    await vi.waitFor(() => expect(sends).toHaveLength(1));
    sends[0]?.finish({ success: false, error: 'offline' });
    await vi.waitFor(() => expect(visitorMessages(chat)[0]?.failure).toBe('offline'));
    expect(sends).toHaveLength(1);

    online.fire();
    await vi.waitFor(() => expect(sends).toHaveLength(2));
    expect(sends[1]?.request.message).toEqual(sends[0]?.request.message);
    answer(sends[1], 'Hej själv');
    await vi.waitFor(() => expect(visitorMessages(chat)[0]?.status).toBe('sent'));
    chat.dispose();
  });

  it('resends a message automatically only once, and never one the server refused', async () => {
    const online = fakeOnline();
    const { transport, sends } = manualTransport();
    const chat = open(newSite(), { transport, onOnline: online.subscribe });
    chat.send('Först');
    await vi.waitFor(() => expect(sends).toHaveLength(1));
    sends[0]?.finish({ success: false, error: 'network' });
    chat.send('Sedan');
    await vi.waitFor(() => expect(sends).toHaveLength(2));
    sends[1]?.finish({ success: false, error: 'server' });
    await vi.waitFor(() => expect(visitorMessages(chat)[1]?.status).toBe('failed'));

    online.fire();
    await vi.waitFor(() => expect(sends).toHaveLength(3));
    expect(sends[2]?.request.message.text).toBe('Först');
    sends[2]?.finish({ success: false, error: 'network' });
    await vi.waitFor(() => expect(visitorMessages(chat)[0]?.status).toBe('failed'));

    // The resend is decided on the event itself: a message due goes pending at once.
    online.fire();
    expect(visitorMessages(chat).map((message) => message.status)).toEqual(['failed', 'failed']);
    expect(sends).toHaveLength(3);
    expect(visitorMessages(chat).map((message) => message.failure)).toEqual(['network', 'server']);
    chat.dispose();
  });

  it('leaves a message another tab could not send to that tab when back online', async () => {
    const site = newSite();
    const channel = channelHub().factory;
    const online = fakeOnline();
    const writing = manualTransport();
    const watching = manualTransport();
    const tabA = open(site, { transport: writing.transport, channel });
    const tabB = open(site, { transport: watching.transport, channel, onOnline: online.subscribe });
    tabA.send('Från flik A');
    await vi.waitFor(() => expect(writing.sends).toHaveLength(1));
    writing.sends[0]?.finish({ success: false, error: 'offline' });
    await vi.waitFor(() => expect(visitorMessages(tabB)[0]?.failure).toBe('offline'));
    online.fire();
    expect(visitorMessages(tabB)[0]?.status).toBe('failed');
    expect(watching.sends).toHaveLength(0);
    tabA.dispose();
    tabB.dispose();
  });

  it('stops listening for the browser coming online when disposed', () => {
    const online = fakeOnline();
    const chat = open(newSite(), { onOnline: online.subscribe });
    expect(online.count()).toBe(1);
    chat.dispose();
    expect(online.count()).toBe(0);
  });
});

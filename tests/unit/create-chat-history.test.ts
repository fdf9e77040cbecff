import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { ChatMessage, VisitorMessage } from '../../src/chat/conversation';
import { storedConversation } from '../../src/chat/conversation';
import {
  type ChannelFactory,
  conversationKey,
  createChatHistory,
} from '../../src/chat/create-chat-history';
import { createKeyValueStore } from '../../src/storage/create-key-value-store';
import { channelHub } from './support/channel-hub';

const day = 24 * 60 * 60 * 1000;
const start = Date.parse('2026-03-01T10:00:00.000Z');
const conversationId = '3f0c7f4e-3d5b-4c1e-9a57-2b6f1c9d8e01';
let sites = 0;

/** A fresh site on the shared fake IndexedDB, so tests never see each other's data. */
function newSite(): string {
  sites += 1;
  return `chat-${sites}`;
}

function visitor(text: string, at: number): VisitorMessage {
  return {
    from: 'visitor',
    id: crypto.randomUUID(),
    at: new Date(at).toISOString(),
    text,
    status: 'sent',
  };
}

/** One tab: its own connection to the site's storage, its own history object. */
function tab(site: string, options: { now?: () => number; channel?: ChannelFactory } = {}) {
  return createChatHistory({
    store: createKeyValueStore(site),
    site,
    historyDays: 30,
    now: options.now ?? (() => start),
    channel: options.channel ?? (() => null),
  });
}

describe('the chat history', () => {
  it('drops a bad stored message on its own and keeps the rest of the conversation', async () => {
    const site = newSite();
    const good = visitor('Hej', start);
    const reply = { from: 'bot', id: crypto.randomUUID(), at: good.at, text: 'Svar' };
    await createKeyValueStore(site).set(conversationKey, {
      version: 1,
      conversationId,
      updatedAt: good.at,
      messages: [
        good,
        { ...visitor('x', start), text: 'x'.repeat(2_015) },
        { from: 'bot', id: 'not-a-uuid', at: good.at, text: 'Trasig' },
        null,
        reply,
      ],
      addedByANewerVersion: true,
    });
    const history = tab(site);
    expect((await history.load())?.messages.map((message) => message.text)).toEqual([
      'Hej',
      'Svar',
    ]);
    // Writing back keeps the good ones and leaves the bad behind.
    await history.save({ conversationId, messages: [visitor('Igen', start + 1)] });
    expect((await tab(site).load())?.messages.map((message) => message.text)).toEqual([
      'Hej',
      'Svar',
      'Igen',
    ]);
  });

  it('keeps the conversation until historyDays after the last message, then deletes it', async () => {
    const site = newSite();
    let now = start;
    const history = tab(site, { now: () => now });
    const last = visitor('Hej', start + day);
    await history.save({ conversationId, messages: [visitor('Först', start), last] });

    now = start + day + 30 * day - 1;
    expect((await history.load())?.messages.map((message) => message.text)).toEqual([
      'Först',
      'Hej',
    ]);

    now = start + day + 30 * day;
    expect(await history.load()).toBeUndefined();
    const raw = createKeyValueStore(site);
    expect(await raw.get(conversationKey, storedConversation)).toBeUndefined();
    expect(await raw.keys()).not.toContain(conversationKey);
  });

  it('counts expiry from the last message, so a new message keeps the conversation', async () => {
    const site = newSite();
    let now = start;
    const history = tab(site, { now: () => now });
    await history.save({ conversationId, messages: [visitor('Först', start)] });
    now = start + 29 * day;
    const stored = await history.load();
    await history.save({
      conversationId,
      messages: [...(stored?.messages ?? []), visitor('Igen', now)],
    });
    now = start + 31 * day;
    expect((await history.load())?.messages).toHaveLength(2);
  });

  it('does not lose either tab’s message when two tabs save the same conversation at once', async () => {
    const site = newSite();
    const first = tab(site);
    const second = tab(site);
    const fromFirst = visitor('Från flik ett', start);
    const fromSecond = visitor('Från flik två', start + 1);
    await Promise.all([
      first.save({ conversationId, messages: [fromFirst] }),
      second.save({ conversationId, messages: [fromSecond] }),
    ]);
    const afterReload = tab(site);
    expect((await afterReload.load())?.messages.map((message) => message.id)).toEqual([
      fromFirst.id,
      fromSecond.id,
    ]);
  });

  it('tells the other tab when the conversation changed or was cleared, never itself', async () => {
    const site = newSite();
    const hub = channelHub();
    const first = tab(site, { channel: hub.factory });
    const second = tab(site, { channel: hub.factory });
    const heardByFirst: string[] = [];
    const heardBySecond: string[] = [];
    first.onChange(() => heardByFirst.push('change'));
    second.onChange(() => heardBySecond.push('change'));

    const message = visitor('Hej', start);
    await first.save({ conversationId, messages: [message] });
    expect(heardByFirst).toEqual([]);
    expect(heardBySecond).toEqual(['change']);
    expect((await second.load())?.messages.map((stored) => stored.id)).toEqual([message.id]);

    await second.clear();
    expect(heardByFirst).toEqual(['change']);
    expect(await first.load()).toBeUndefined();

    first.dispose();
    second.dispose();
    expect(hub.openChannels()).toBe(0);
  });

  it('never stores a reply that is still streaming', async () => {
    const site = newSite();
    const history = tab(site);
    const streaming: ChatMessage = {
      from: 'bot',
      id: crypto.randomUUID(),
      at: new Date(start + 1).toISOString(),
      text: 'Halv',
      streaming: true,
    };
    await history.save({ conversationId, messages: [visitor('Hej', start), streaming] });
    expect((await history.load())?.messages.map((message) => message.from)).toEqual(['visitor']);
  });

  it('lets the sending tab record a failure over the pending copy, and a sent message over both', async () => {
    const site = newSite();
    const history = tab(site);
    const message = visitor('Hej', start);
    const pending = { ...message, status: 'pending' } as const;
    await history.save({ conversationId, messages: [pending] });
    await history.save({
      conversationId,
      messages: [{ ...message, status: 'failed', failure: 'offline' }],
    });
    expect((await history.load())?.messages[0]).toMatchObject({
      status: 'failed',
      failure: 'offline',
    });
    await history.save({ conversationId, messages: [message] });
    // A tab that missed the answer still holds the failed copy.
    await tab(site).save({
      conversationId,
      messages: [{ ...message, status: 'failed', failure: 'offline' }],
    });
    expect((await history.load())?.messages[0]).toMatchObject({ status: 'sent' });
  });
});

describe('conversation ids kept for an erasure', () => {
  it('lists every conversation this browser started, after a new one replaced it, for 400 days', async () => {
    const site = newSite();
    let now = start;
    const history = tab(site, { now: () => now });
    const second = '9d2c1a7b-6e5f-4d3c-8b2a-1f0e9d8c7b6a';
    await history.save({ conversationId, messages: [visitor('Hej', start)] });
    await history.save({ conversationId, messages: [visitor('Igen', start + 1000)] });
    await history.clear();
    now = start + day;
    await history.save({ conversationId: second, messages: [visitor('Ny', now)] });
    expect(await history.conversationIds()).toEqual([conversationId, second]);

    now = start + 400 * day + 1;
    expect(await history.conversationIds()).toEqual([second]);
    await history.clearConversationIds();
    expect(await history.conversationIds()).toEqual([]);
  });
});

import { describe, expect, it, vi } from 'vitest';
import { backoffDelay, maxDelayMs, parseRetryAfter } from '../../src/net/backoff';
import { createSender, type SenderOptions } from '../../src/net/create-sender';
import { createKeyValueStore } from '../../src/storage/create-key-value-store';

interface Sent {
  url: string;
  init: RequestInit;
}

function setup(
  answers: (() => Response | Promise<Response>)[],
  overrides: Partial<SenderOptions> = {},
) {
  const sent: Sent[] = [];
  let clock = 1_000_000;
  const timers: { run: () => void; at: number }[] = [];
  const store = createKeyValueStore('acme', null);
  const sender = createSender({
    collector: 'https://collect.example.se/v1',
    gate: () => true,
    store,
    fetch: async (url, init) => {
      sent.push({ url: String(url), init: init ?? {} });
      const answer = answers.shift();
      if (!answer) throw new Error('no answer left');
      return answer();
    },
    now: () => clock,
    random: () => 0.5,
    setTimer: (run, ms) => {
      const timer = { run, at: clock + ms };
      timers.push(timer);
      return timer;
    },
    clearTimer: (handle) => {
      timers.splice(timers.indexOf(handle as (typeof timers)[number]), 1);
    },
    onOnline: () => () => {},
    sendBeacon: null,
    ...overrides,
  });
  async function advance(ms: number) {
    clock += ms;
    for (const timer of timers.filter((t) => t.at <= clock)) {
      timers.splice(timers.indexOf(timer), 1);
      timer.run();
    }
    await vi.waitFor(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
  return { sender, sent, store, advance, timers };
}

describe('the sender', () => {
  it('posts JSON without cookies or Referer', async () => {
    const { sender, sent } = setup([() => new Response(null, { status: 204 })]);
    await expect(sender.post('consent', { a: 1 })).resolves.toEqual({ status: 'sent' });
    expect(sent[0]?.url).toBe('https://collect.example.se/v1/consent');
    expect(sent[0]?.init).toMatchObject({
      method: 'POST',
      body: '{"a":1}',
      credentials: 'omit',
      referrerPolicy: 'no-referrer',
      keepalive: false,
    });
  });

  it('sends nothing the gate refuses', async () => {
    const { sender, sent } = setup([], { gate: (endpoint) => endpoint !== 'events' });
    await expect(sender.post('events', { a: 1 })).resolves.toEqual({ status: 'blocked' });
    expect(sent).toHaveLength(0);
  });

  it('asks for a retry on 5xx, 408, 429 and network errors, honouring Retry-After', async () => {
    const { sender } = setup([
      () => new Response(null, { status: 503 }),
      () => new Response(null, { status: 429, headers: { 'retry-after': '30' } }),
      () => new Response(null, { status: 408 }),
      () => Promise.reject(new TypeError('offline')),
      () => new Response(null, { status: 400 }),
    ]);
    await expect(sender.post('leads', {})).resolves.toEqual({
      status: 'retry',
      retryAfterMs: null,
    });
    await expect(sender.post('leads', {})).resolves.toEqual({
      status: 'retry',
      retryAfterMs: 30_000,
    });
    await expect(sender.post('leads', {})).resolves.toEqual({
      status: 'retry',
      retryAfterMs: null,
    });
    await expect(sender.post('leads', {})).resolves.toEqual({
      status: 'retry',
      retryAfterMs: null,
    });
    await expect(sender.post('leads', {})).resolves.toEqual({
      status: 'rejected',
      httpStatus: 400,
    });
  });

  it('keeps a durable item until the collector stores it, retrying with backoff', async () => {
    const { sender, sent, advance } = setup([
      () => new Response(null, { status: 500 }),
      () => new Response(null, { status: 503, headers: { 'retry-after': '10' } }),
      () => new Response(null, { status: 201 }),
    ]);
    await sender.deliver('consent', 'r1', { id: 'r1' });
    expect(sent).toHaveLength(1);
    expect(await sender.pending()).toHaveLength(1);
    await advance(backoffDelay(1, 0.5));
    expect(sent).toHaveLength(2);
    await advance(9_000);
    expect(sent).toHaveLength(2);
    await advance(1_000);
    expect(sent).toHaveLength(3);
    expect(await sender.pending()).toEqual([]);
    expect(sent.map((s) => s.init.body)).toEqual(['{"id":"r1"}', '{"id":"r1"}', '{"id":"r1"}']);
  });

  it('drops an item the collector refuses with a 4xx, and says so to the caller, the host and the console', async () => {
    const warn = vi.fn();
    const onRefused = vi.fn();
    const { sender } = setup([() => new Response(null, { status: 422 })], { warn, onRefused });
    await expect(sender.deliver('erasure', 'e1', { site: 'acme' })).resolves.toBe('refused');
    expect(await sender.pending()).toEqual([]);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('HTTP 422'));
    expect(onRefused).toHaveBeenCalledWith({ endpoint: 'erasure', id: 'e1', httpStatus: 422 });
  });

  it('tells the caller whether a durable item was stored or waits', async () => {
    const { sender } = setup([
      () => new Response(null, { status: 204 }),
      () => new Response(null, { status: 503 }),
    ]);
    await expect(sender.deliver('leads', 'l1', { id: 'l1' })).resolves.toBe('sent');
    await expect(sender.deliver('leads', 'l2', { id: 'l2' })).resolves.toBe('queued');
  });

  it('sends on a later page what an earlier page could not', async () => {
    const first = setup([() => Promise.reject(new TypeError('offline'))]);
    await first.sender.deliver('erasure', 'e1', { site: 'acme' });
    first.sender.dispose();
    const sent: string[] = [];
    const second = createSender({
      collector: 'https://collect.example.se/v1',
      gate: () => true,
      store: first.store,
      fetch: async (url) => {
        sent.push(String(url));
        return new Response(null, { status: 204 });
      },
      now: () => Date.now() + 3_600_000,
      onOnline: () => () => {},
    });
    await second.resume();
    expect(sent).toEqual(['https://collect.example.se/v1/erasure']);
    expect(await second.pending()).toEqual([]);
    second.dispose();
  });

  it('aborts a request with a timeout still in flight when the browser comes back online, as a retry', async () => {
    let online = () => {};
    let signal: AbortSignal | null | undefined;
    const { sender } = setup([], {
      // The request went as the network did: no answer comes.
      fetch: (_url, init) =>
        new Promise<Response>((_resolve, reject) => {
          signal = init?.signal;
          signal?.addEventListener('abort', () =>
            reject(new DOMException('aborted', 'AbortError')),
          );
        }),
      onOnline: (listener) => {
        online = listener;
        return () => {};
      },
    });
    const outcome = sender.post('events', { a: 1 }, 'keepalive', 30_000);
    await vi.waitFor(() => expect(signal).toBeInstanceOf(AbortSignal));
    online();
    const waited = new Promise((resolve) => setTimeout(() => resolve('still in flight'), 200));
    await expect(Promise.race([outcome, waited])).resolves.toEqual({
      status: 'retry',
      retryAfterMs: null,
    });
  });

  it('stops retrying once disposed', async () => {
    const { sender, sent, advance, timers } = setup([() => new Response(null, { status: 500 })]);
    await sender.deliver('consent', 'r1', {});
    sender.dispose();
    expect(timers).toHaveLength(0);
    await advance(maxDelayMs);
    expect(sent).toHaveLength(1);
  });
});

describe('backoff', () => {
  it('grows exponentially with jitter, within bounds', () => {
    for (let attempt = 1; attempt <= 12; attempt++) {
      const ceiling = Math.min(maxDelayMs, 1000 * 2 ** (attempt - 1));
      for (const random of [0, 0.25, 0.999]) {
        const delay = backoffDelay(attempt, random);
        expect(delay).toBeGreaterThanOrEqual(500);
        expect(delay).toBeLessThanOrEqual(Math.max(500, ceiling));
      }
    }
  });

  it('never retries sooner than Retry-After', () => {
    expect(backoffDelay(1, 0, 60_000)).toBe(60_000);
  });

  it('reads Retry-After as seconds or an HTTP date, capped at an hour', () => {
    const now = Date.parse('2026-11-25T10:00:00Z');
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter('Wed, 25 Nov 2026 10:01:00 GMT', now)).toBe(60_000);
    expect(parseRetryAfter('999999', now)).toBe(3_600_000);
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter(null, now)).toBeNull();
  });
});

/**
 * The telemetry chunk's lifecycle in a DOM: after `stop()` (analytics
 * withdrawn) nothing of it is left listening, ticking or writing, even when
 * the lazy services arrive only afterwards.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ConsentSnapshot } from '../../src/api/samtal-api';
import { createSender } from '../../src/net/create-sender';
import { z } from '../../src/protocol/zod-setup';
import { createObservable } from '../../src/state/create-observable';
import { createKeyValueStore, type KeyValueStore } from '../../src/storage/create-key-value-store';
import { startTelemetry } from '../../src/telemetry/start-telemetry';
import { queuePrefix, visitorIdKey } from '../../src/telemetry/telemetry-keys';

const consentId = '6ba7b810-9dad-41d1-80b4-00c04fd430c8';
const granted: ConsentSnapshot = {
  status: 'decided',
  purposes: { necessary: true, analytics: true, marketing: false },
  id: consentId,
  decidedAt: '2026-03-01T10:00:00.000Z',
  method: 'accept',
  policyVersion: '1',
  globalPrivacyControl: false,
};

/** Listeners added to `target` and not removed since, by type. */
function watchListeners(target: EventTarget): () => string[] {
  const live = new Map<EventListenerOrEventListenerObject, string>();
  const add = target.addEventListener.bind(target);
  const remove = target.removeEventListener.bind(target);
  vi.spyOn(target, 'addEventListener').mockImplementation((type, listener, options) => {
    if (listener) live.set(listener, type);
    add(type, listener, options);
  });
  vi.spyOn(target, 'removeEventListener').mockImplementation((type, listener, options) => {
    if (listener) live.delete(listener);
    remove(type, listener, options);
  });
  return () => [...live.values()];
}

function setup(
  current: () => ConsentSnapshot = () => granted,
  config: { keepParams: string[]; debug: boolean; warn?: (message: string) => void } = {
    keepParams: [],
    debug: false,
  },
) {
  const store = createKeyValueStore('acme-se', null);
  const fetchSpy = vi.fn(async () => new Response(null, { status: 204 }));
  const sender = createSender({
    collector: 'https://collector.example/v1',
    gate: () => true,
    store,
    fetch: fetchSpy,
    sendBeacon: null,
    onOnline: () => () => {},
  });
  let arrive: () => void = () => {};
  const arrived = new Promise<{ store: KeyValueStore; sender: typeof sender }>((resolve) => {
    arrive = () => resolve({ store, sender });
  });
  const telemetry = startTelemetry({
    config: { site: 'acme-se', keepParams: config.keepParams, debug: config.debug },
    consent: { snapshot: createObservable(granted), current },
    services: () => arrived,
    locks: null,
    session: null,
    ...(config.warn === undefined ? {} : { warn: config.warn }),
  });
  return { telemetry, store, fetchSpy, arrive };
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
});

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('stopping telemetry', () => {
  it('leaves no listener, timer or history wrapper behind', async () => {
    const windowListeners = watchListeners(window);
    const documentListeners = watchListeners(document);
    const { pushState, replaceState } = history;
    const { telemetry, arrive, fetchSpy } = setup();
    arrive();
    await vi.waitFor(() => expect(vi.getTimerCount()).toBeGreaterThan(0));
    expect(windowListeners().length).toBeGreaterThan(0);

    await telemetry.stop();
    expect(windowListeners()).toEqual([]);
    expect(documentListeners()).toEqual([]);
    expect(vi.getTimerCount()).toBe(0);
    expect(history.pushState).toBe(pushState);
    expect(history.replaceState).toBe(replaceState);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it('stores no visitor id and no event when the services arrive after withdrawal', async () => {
    const { telemetry, store, arrive, fetchSpy } = setup();
    // Withdrawn while the services chunk still loads (its stored queue is deleted once it has).
    const stopping = telemetry.stop();
    arrive();
    await stopping;
    await vi.advanceTimersByTimeAsync(60_000);
    // Give the store's promise chains their turns.
    for (let turn = 0; turn < 20; turn++) await Promise.resolve();
    expect(await store.get(visitorIdKey, z.string())).toBeUndefined();
    expect(await store.list(queuePrefix, z.unknown())).toEqual([]);
    expect(vi.getTimerCount()).toBe(0);
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it('captures nothing once the stored choice no longer grants analytics, heard or not', async () => {
    // Another tab withdrew; this one re-reads the stored choice as it captures.
    let stored = granted;
    const { telemetry, arrive } = setup(() => stored);
    arrive();
    await vi.waitFor(async () => expect((await telemetry.exportData()).visitorId).not.toBeNull());
    const before = (await telemetry.exportData()).queuedEvents.length;
    stored = {
      ...granted,
      purposes: { ...granted.purposes, analytics: false },
      method: 'withdraw',
    };
    telemetry.track('opened');
    history.pushState({}, '', '/after-withdrawal');
    expect((await telemetry.exportData()).queuedEvents).toHaveLength(before);
    await telemetry.stop();
  });
});

describe('kept parameters', () => {
  it('says in debug mode which listed names it will never keep, as the collector refuses them', async () => {
    const warn = vi.fn();
    const keepParams = ['utm_source', 'epost', 'tel', 'Personnummer'];
    const { telemetry, arrive } = setup(() => granted, { keepParams, debug: true, warn });
    expect(warn.mock.calls).toEqual([
      [
        'Samtal: keepParams epost, tel, Personnummer name contact or identity data; they are never kept (the collector refuses them).',
      ],
    ]);
    arrive();
    await telemetry.stop();
    const quiet = vi.fn();
    const second = setup(() => granted, { keepParams, debug: false, warn: quiet });
    expect(quiet).not.toHaveBeenCalled();
    second.arrive();
    await second.telemetry.stop();
  });
});

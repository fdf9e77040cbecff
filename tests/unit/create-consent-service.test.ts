import { describe, expect, it, vi } from 'vitest';
import { createConsentService } from '../../src/consent/create-consent-service';
import type { ConsentReceipt } from '../../src/protocol/consent-receipt';
import {
  createPreferenceStore,
  type StorageBackend,
} from '../../src/storage/create-preference-store';
import type { ChannelFactory } from '../../src/storage/create-tab-channel';
import { channelHub } from './support/channel-hub';
import { memoryBackend } from './support/memory-backend';

function setup({
  backend = memoryBackend() as StorageBackend | null,
  policyVersion = '2026-01',
  now = '2026-03-01T09:30:00.000Z',
  globalPrivacyControl = false,
  page = null as EventTarget | null,
  channel = undefined as ChannelFactory | undefined,
} = {}) {
  const delivered: ConsentReceipt[] = [];
  let ids = 0;
  const consent = createConsentService({
    site: 'acme-se',
    locale: 'en',
    preferences: createPreferenceStore('acme-se', backend, page, channel),
    policyVersion,
    globalPrivacyControl,
    newId: () => `00000000-0000-4000-8000-00000000000${ids++}`,
    now: () => new Date(now),
    hashTexts: async () => 'a'.repeat(64),
    sender: async () => ({
      deliver: async (_endpoint, _id, body) => {
        delivered.push(body);
      },
    }),
  });
  return { consent, delivered, backend };
}

describe('createConsentService', () => {
  it('starts undecided with nothing granted', () => {
    expect(setup().consent.snapshot.get()).toMatchObject({
      status: 'undecided',
      purposes: { necessary: true, analytics: false, marketing: false },
      id: null,
    });
  });

  it('applies a decision before its receipt is made', () => {
    const { consent } = setup();
    const listener = vi.fn();
    consent.snapshot.subscribe(listener);
    void consent.decide('accept', { analytics: true, marketing: true }, []);
    expect(listener).toHaveBeenCalledTimes(1);
    expect(consent.snapshot.get().purposes.analytics).toBe(true);
  });

  it('remembers the decision on the next page', async () => {
    const first = setup();
    await first.consent.decide('custom', { analytics: true, marketing: false }, []);
    const next = setup({ backend: first.backend });
    expect(next.consent.snapshot.get()).toMatchObject({
      status: 'decided',
      method: 'custom',
      purposes: { analytics: true, marketing: false },
      id: first.consent.snapshot.get().id,
    });
  });

  it('asks again under a new policy version and after 12 months', async () => {
    const first = setup();
    await first.consent.decide('accept', { analytics: true, marketing: true }, []);
    expect(
      setup({ backend: first.backend, policyVersion: '2026-02' }).consent.snapshot.get().status,
    ).toBe('undecided');
    expect(
      setup({ backend: first.backend, now: '2027-03-01T09:30:00.000Z' }).consent.snapshot.get()
        .status,
    ).toBe('undecided');
  });

  it('reads a withdrawal as decided with nothing granted', async () => {
    const { consent, delivered } = setup();
    await consent.decide('accept', { analytics: true, marketing: true }, []);
    await consent.decide('withdraw', { analytics: false, marketing: false }, []);
    expect(consent.snapshot.get()).toMatchObject({
      status: 'decided',
      method: 'withdraw',
      purposes: { analytics: false, marketing: false },
    });
    expect(delivered.map((receipt) => receipt.method)).toEqual(['accept', 'withdraw']);
  });

  it('ignores a withdrawal when nothing was decided', async () => {
    const { consent, delivered } = setup();
    await consent.decide('withdraw', { analytics: false, marketing: false }, []);
    expect(consent.snapshot.get().status).toBe('undecided');
    expect(delivered).toEqual([]);
  });

  it('sends no second receipt when the host repeats its choice', async () => {
    const { consent, delivered } = setup();
    await consent.set({ analytics: true, marketing: false });
    await consent.set({ analytics: true, marketing: false });
    expect(delivered).toHaveLength(1);
    expect(delivered[0]).toMatchObject({ method: 'host' });
  });

  it('keeps marketing off for accept-all under Global Privacy Control', async () => {
    const { consent } = setup({ globalPrivacyControl: true });
    await consent.decide('accept', { analytics: true, marketing: true }, []);
    expect(consent.snapshot.get().purposes).toEqual({
      necessary: true,
      analytics: true,
      marketing: false,
    });
  });

  it('forgets the decision on reset and on erase, and the receipts on erase', async () => {
    const { consent, backend } = setup();
    await consent.decide('accept', { analytics: true, marketing: true }, []);
    consent.reset();
    expect(consent.snapshot.get().status).toBe('undecided');
    await consent.decide('reject', { analytics: false, marketing: false }, []);
    await consent.erase();
    expect(consent.snapshot.get().status).toBe('undecided');
    expect(backend?.length).toBe(0);
  });

  it('keeps working in memory when storage throws', async () => {
    const broken: StorageBackend = {
      ...memoryBackend(),
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    };
    const { consent } = setup({ backend: broken });
    await consent.decide('reject', { analytics: false, marketing: false }, []);
    expect(consent.snapshot.get().method).toBe('reject');
  });

  describe('across tabs', () => {
    /** Two tabs of one browser: one localStorage, one BroadcastChannel between them. */
    function twoTabs() {
      const hub = channelHub();
      const shared = memoryBackend();
      const tab = () => setup({ backend: shared, page: new EventTarget(), channel: hub.factory });
      return { a: tab(), b: tab(), hub, shared };
    }

    it('a withdrawal in one tab applies in the other at once', async () => {
      const { a, b } = twoTabs();
      await a.consent.decide('accept', { analytics: true, marketing: true }, []);
      expect(b.consent.snapshot.get().purposes.analytics).toBe(true);
      const heard = vi.fn();
      a.consent.snapshot.subscribe(heard);
      await b.consent.decide('withdraw', { analytics: false, marketing: false }, []);
      expect(heard).toHaveBeenCalledTimes(1);
      expect(a.consent.snapshot.get()).toMatchObject({
        method: 'withdraw',
        purposes: { analytics: false, marketing: false },
      });
    });

    it('re-reads the stored choice for the gate even when no message arrived', async () => {
      const { a, b, shared } = twoTabs();
      await a.consent.decide('accept', { analytics: true, marketing: false }, []);
      // Tab B's page heard nothing (frozen): only the stored record changes.
      const other = setup({ backend: shared });
      await other.consent.decide('withdraw', { analytics: false, marketing: false }, []);
      expect(b.consent.current().purposes.analytics).toBe(false);
      expect(b.consent.snapshot.get().method).toBe('withdraw');
    });

    it('hears a change through the storage event where BroadcastChannel is missing', async () => {
      const shared = memoryBackend();
      const page = new EventTarget();
      const a = setup({ backend: shared, page, channel: () => null });
      const b = setup({ backend: shared, channel: () => null });
      await b.consent.decide('reject', { analytics: false, marketing: false }, []);
      expect(a.consent.snapshot.get().status).toBe('undecided');
      page.dispatchEvent(Object.assign(new Event('storage'), { key: 'samtal:acme-se:consent' }));
      expect(a.consent.snapshot.get()).toMatchObject({ status: 'decided', method: 'reject' });
    });

    it('asks again in every tab after a reset in one', async () => {
      const { a, b } = twoTabs();
      await a.consent.decide('accept', { analytics: true, marketing: true }, []);
      b.consent.reset();
      expect(a.consent.snapshot.get().status).toBe('undecided');
    });

    it('closes its channel when disposed', () => {
      const { a, b, hub } = twoTabs();
      a.consent.dispose();
      b.consent.dispose();
      expect(hub.openChannels()).toBe(0);
    });
  });
});

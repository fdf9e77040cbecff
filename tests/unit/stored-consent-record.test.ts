/**
 * The boot reads the stored decision without zod (src/consent/stored-consent-record.ts):
 * what it cannot read exactly must count as no decision, never as a grant.
 */
import { describe, expect, it } from 'vitest';
import { createConsentService } from '../../src/consent/create-consent-service';
import { storedConsentRecord } from '../../src/consent/stored-consent-record';
import { consentMethod, consentPurposes } from '../../src/protocol/consent-choice';
import { z } from '../../src/protocol/zod-setup';
import { createPreferenceStore } from '../../src/storage/create-preference-store';

const record = {
  id: '00000000-0000-4000-8000-000000000001',
  purposes: { analytics: true, marketing: false },
  decidedAt: '2026-03-01T09:30:00.000Z',
  policyVersion: '2026-01',
  method: 'custom',
};

/** The zod schema the boot used before: the check must agree with it. */
const bySchema = z.object({
  id: z.string(),
  purposes: consentPurposes,
  decidedAt: z.string(),
  policyVersion: z.string(),
  method: consentMethod,
  until: z.optional(z.string()),
});

const unreadable: unknown[] = [
  null,
  'accept',
  true,
  [],
  [record],
  {},
  { ...record, id: 1 },
  { ...record, id: undefined },
  { ...record, decidedAt: null },
  { ...record, policyVersion: 2026 },
  { ...record, method: 'granted' },
  { ...record, method: undefined },
  { ...record, until: 20270101 },
  { ...record, until: null },
  { ...record, purposes: undefined },
  { ...record, purposes: [] },
  { ...record, purposes: { analytics: 'yes', marketing: false } },
  { ...record, purposes: { analytics: true } },
  { ...record, purposes: { analytics: true, marketing: false, profiling: true } },
  { ...record, purposes: { analytics: true, marketing: false, necessary: true } },
];

function startWith(stored: string) {
  const items = new Map([['samtal:acme-se:consent', stored]]);
  return createConsentService({
    site: 'acme-se',
    locale: 'en',
    preferences: createPreferenceStore('acme-se', {
      getItem: (key) => items.get(key) ?? null,
      setItem: (key, value) => void items.set(key, value),
      removeItem: (key) => void items.delete(key),
      key: (index) => [...items.keys()][index] ?? null,
      length: items.size,
    }),
    policyVersion: '2026-01',
    globalPrivacyControl: false,
    now: () => new Date('2026-04-01T00:00:00.000Z'),
    sender: () => Promise.reject(new Error('nothing is sent at start')),
  });
}

describe('the stored consent record', () => {
  it('reads a well-formed decision, leaving out keys it does not know', () => {
    const withExtra = { ...record, note: 'from an older version' };
    expect(storedConsentRecord.safeParse(withExtra)).toEqual({ success: true, data: record });
    expect(storedConsentRecord.safeParse(withExtra)).toEqual(bySchema.safeParse(withExtra));
    expect(startWith(JSON.stringify(record)).snapshot.get()).toMatchObject({
      status: 'decided',
      method: 'custom',
      purposes: { necessary: true, analytics: true, marketing: false },
    });
  });

  it('counts anything else as no decision, with nothing granted, as the schema did', () => {
    for (const value of unreadable) {
      expect({ value, success: storedConsentRecord.safeParse(value).success }).toEqual({
        value,
        success: false,
      });
      expect(bySchema.safeParse(value).success).toBe(false);
      expect(startWith(JSON.stringify(value) ?? 'null').snapshot.get()).toMatchObject({
        status: 'undecided',
        purposes: { necessary: true, analytics: false, marketing: false },
      });
    }
    expect(startWith('{not json').snapshot.get().status).toBe('undecided');
  });

  it('reads the end of a paused withdrawal', () => {
    const paused = { ...record, method: 'withdraw', until: '2026-06-01T00:00:00.000Z' };
    expect(storedConsentRecord.safeParse(paused)).toEqual({ success: true, data: paused });
    expect(storedConsentRecord.safeParse(paused)).toEqual(bySchema.safeParse(paused));
  });

  it('accepts every way a decision can be made', () => {
    for (const method of consentMethod.options) {
      expect(storedConsentRecord.safeParse({ ...record, method }).success).toBe(true);
    }
  });
});

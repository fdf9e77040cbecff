import { describe, expect, it } from 'vitest';
import {
  type ConsentRecord,
  consentExpiresAt,
  decideConsent,
  grantedPurposes,
  repeatsCurrentChoice,
  resolveConsent,
} from '../../src/consent/consent-rules';

const id = '0b9c8f3e-6c1f-4f7a-9d55-0d2f3c4b5a69';
const decidedAt = '2026-01-15T10:00:00.000Z';
const at = (iso: string) => new Date(iso);
const context = { id, now: at(decidedAt), policyVersion: '2026-01', globalPrivacyControl: false };
const all = { analytics: true, marketing: true };

function record(overrides: Partial<ConsentRecord> = {}): ConsentRecord {
  return {
    id,
    purposes: { analytics: true, marketing: false },
    decidedAt,
    policyVersion: '2026-01',
    method: 'custom',
    ...overrides,
  };
}

describe('resolveConsent', () => {
  it('is undecided when nothing is stored', () => {
    expect(resolveConsent(undefined, '2026-01', at(decidedAt))).toEqual({
      status: 'undecided',
      reason: 'none',
    });
  });

  it('is decided under the same policy version within 12 months', () => {
    const stored = record();
    expect(resolveConsent(stored, '2026-01', at('2027-01-15T09:59:59.999Z'))).toEqual({
      status: 'decided',
      record: stored,
    });
  });

  it('expires 12 calendar months after the decision', () => {
    expect(resolveConsent(record(), '2026-01', at('2027-01-15T10:00:00.000Z'))).toEqual({
      status: 'undecided',
      reason: 'expired',
    });
  });

  it('asks again when the policy version changes, even the next day', () => {
    expect(resolveConsent(record(), '2026-02', at('2026-01-16T10:00:00.000Z'))).toEqual({
      status: 'undecided',
      reason: 'policy-changed',
    });
  });

  it('treats an unreadable decision date as no decision', () => {
    expect(resolveConsent(record({ decidedAt: 'yesterday' }), '2026-01', at(decidedAt))).toEqual({
      status: 'undecided',
      reason: 'expired',
    });
  });

  it('reads a withdrawal as withdrawn, with nothing granted', () => {
    const withdrawn = record({
      method: 'withdraw',
      purposes: { analytics: false, marketing: false },
    });
    const state = resolveConsent(withdrawn, '2026-01', at(decidedAt));
    expect(state).toEqual({ status: 'withdrawn', record: withdrawn });
    expect(grantedPurposes(state)).toEqual({ analytics: false, marketing: false });
  });

  it('asks again after a withdrawal once the policy version changes or 12 months pass', () => {
    const withdrawn = record({
      method: 'withdraw',
      purposes: { analytics: false, marketing: false },
    });
    expect(resolveConsent(withdrawn, '2026-02', at(decidedAt)).status).toBe('undecided');
    expect(resolveConsent(withdrawn, '2026-01', at('2027-02-01T00:00:00.000Z')).status).toBe(
      'undecided',
    );
  });
});

describe('consentExpiresAt', () => {
  it('holds a pause until its date, then asks again', () => {
    const paused = record({
      method: 'withdraw',
      purposes: { analytics: false, marketing: false },
      until: '2026-02-15T10:00:00.000Z',
    });
    expect(resolveConsent(paused, '2026-01', at('2026-02-15T09:59:59.999Z'))).toEqual({
      status: 'withdrawn',
      record: paused,
    });
    expect(resolveConsent(paused, '2026-01', at('2026-02-15T10:00:00.000Z'))).toEqual({
      status: 'undecided',
      reason: 'expired',
    });
  });

  it('counts calendar months, so 29 February ends on 1 March a year later', () => {
    expect(consentExpiresAt('2028-02-29T12:00:00.000Z').toISOString()).toBe(
      '2029-03-01T12:00:00.000Z',
    );
  });
});

describe('decideConsent', () => {
  it('records accept-all with every purpose, the time, the policy version and the method', () => {
    expect(decideConsent('accept', all, context)).toEqual({
      id,
      purposes: all,
      decidedAt,
      policyVersion: '2026-01',
      method: 'accept',
    });
  });

  it('records reject-all with nothing granted, whatever was asked', () => {
    expect(decideConsent('reject', all, context).purposes).toEqual({
      analytics: false,
      marketing: false,
    });
  });

  it('records a custom choice as chosen', () => {
    const choice = { analytics: false, marketing: true };
    expect(decideConsent('custom', choice, context).purposes).toEqual(choice);
  });

  it('records a withdrawal with nothing granted', () => {
    expect(decideConsent('withdraw', all, context)).toMatchObject({
      method: 'withdraw',
      purposes: { analytics: false, marketing: false },
    });
  });

  it('leaves marketing off on accept-all under Global Privacy Control', () => {
    const gpc = { ...context, globalPrivacyControl: true };
    expect(decideConsent('accept', all, gpc).purposes).toEqual({
      analytics: true,
      marketing: false,
    });
  });

  it('leaves marketing off for a host consent tool under Global Privacy Control', () => {
    const gpc = { ...context, globalPrivacyControl: true };
    expect(decideConsent('host', all, gpc).purposes.marketing).toBe(false);
  });

  it('lets the visitor turn marketing on in the preferences under Global Privacy Control', () => {
    const gpc = { ...context, globalPrivacyControl: true };
    expect(decideConsent('custom', all, gpc).purposes).toEqual(all);
  });

  it('leaves marketing off on accept-all and for a host tool once the visitor objected to marketing', () => {
    const objected = { ...context, marketingObjected: true };
    expect(decideConsent('accept', all, objected).purposes).toEqual({
      analytics: true,
      marketing: false,
    });
    expect(decideConsent('host', all, objected).purposes.marketing).toBe(false);
  });

  it('lets the visitor who objected turn marketing on again with their own switch', () => {
    expect(decideConsent('custom', all, { ...context, marketingObjected: true }).purposes).toEqual(
      all,
    );
  });

  it('records a pause as a withdrawal that ends on its date', () => {
    const until = '2026-02-15T10:00:00.000Z';
    expect(decideConsent('withdraw', all, { ...context, until })).toMatchObject({
      method: 'withdraw',
      purposes: { analytics: false, marketing: false },
      until,
    });
  });

  it('makes a decided state from which the record resolves back', () => {
    const made = decideConsent('custom', { analytics: true, marketing: false }, context);
    expect(resolveConsent(made, '2026-01', at(decidedAt))).toEqual({
      status: 'decided',
      record: made,
    });
  });
});

describe('repeatsCurrentChoice', () => {
  it('is false while undecided', () => {
    expect(repeatsCurrentChoice({ status: 'undecided', reason: 'none' }, all)).toBe(false);
  });

  it('is true for the purposes in force and false for others', () => {
    const state = { status: 'decided' as const, record: record() };
    expect(repeatsCurrentChoice(state, { analytics: true, marketing: false })).toBe(true);
    expect(repeatsCurrentChoice(state, all)).toBe(false);
  });
});

describe('grantedPurposes', () => {
  it('grants nothing while undecided', () => {
    expect(grantedPurposes({ status: 'undecided', reason: 'expired' })).toEqual({
      analytics: false,
      marketing: false,
    });
  });

  it('grants the recorded purposes while decided', () => {
    expect(grantedPurposes({ status: 'decided', record: record() })).toEqual({
      analytics: true,
      marketing: false,
    });
  });
});

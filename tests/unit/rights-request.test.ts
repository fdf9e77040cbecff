import { describe, expect, it } from 'vitest';
import { addCalendarMonths } from '../../src/protocol/add-calendar-months';
import { rightsRequest, rightsRequestDeadline } from '../../src/protocol/rights';

const id = '6d1b8f3e-2c4a-4e7b-9a10-3f2e1d0c9b8a';
const visitorId = '0b9c8f3e-6c1f-4f7a-9d55-0d2f3c4b5a69';
const consentId = '4f1f2a9e-5d0b-4a57-9c2e-0b7f4c6f1e11';
const leadId = '7b8c0d2e-1f3a-4b5c-8d9e-0a1b2c3d4e5f';
const base = {
  id,
  site: 'acme-se',
  visitorId,
  consentIds: [consentId],
  leadIds: [leadId],
  submittedAt: '2026-03-01T09:30:00.000Z',
};

describe('the /rights request (contract §8)', () => {
  it('accepts a rectification with normalised changes', () => {
    const body = { ...base, kind: 'rectify', changes: { email: 'asa@exempel.se' } };
    expect(rightsRequest.safeParse(body)).toEqual({ success: true, data: body });
  });

  it.each(['restrict', 'object'])('accepts a %s request without changes', (kind) => {
    expect(rightsRequest.safeParse({ ...base, kind }).success).toBe(true);
  });

  it('accepts a visitor who never granted analytics, so has no visitor id', () => {
    expect(rightsRequest.safeParse({ ...base, kind: 'object', visitorId: null }).success).toBe(
      true,
    );
  });

  it.each([
    ['changes on a restriction', { ...base, kind: 'restrict', changes: { name: 'Åsa' } }],
    ['changes on an objection', { ...base, kind: 'object', changes: { name: 'Åsa' } }],
    ['a rectification without changes', { ...base, kind: 'rectify' }],
    ['a rectification that changes nothing', { ...base, kind: 'rectify', changes: {} }],
    [
      'a rectification that names no lead',
      { ...base, kind: 'rectify', leadIds: [], changes: { name: 'Åsa' } },
    ],
    [
      'a rectified email that is not normalised',
      { ...base, kind: 'rectify', changes: { email: 'Asa@Exempel.SE' } },
    ],
    [
      'a rectified phone that is not E.164',
      { ...base, kind: 'rectify', changes: { phone: '070-123 45 67' } },
    ],
    [
      'a field that is not a contact field',
      { ...base, kind: 'rectify', changes: { city: 'Umeå' } },
    ],
    ['another kind', { ...base, kind: 'erase' }],
    ['a key the contract does not have', { ...base, kind: 'object', reason: 'spam' }],
    ['an id that is not a UUID', { ...base, kind: 'object', id: 'x' }],
    ['a time that is not ISO', { ...base, kind: 'object', submittedAt: '1 mars 2026' }],
    [
      'more than 1000 lead ids',
      { ...base, kind: 'object', leadIds: Array.from({ length: 1001 }, () => leadId) },
    ],
    [
      'more than 1000 consent ids',
      { ...base, kind: 'object', consentIds: Array.from({ length: 1001 }, () => consentId) },
    ],
  ])('refuses %s', (_name, body) => {
    expect(rightsRequest.safeParse(body).success).toBe(false);
  });
});

describe('the deadline', () => {
  it('is one calendar month after the request, at the same time of day', () => {
    expect(rightsRequestDeadline(new Date('2026-03-01T09:30:00.000Z')).toISOString()).toBe(
      '2026-04-01T09:30:00.000Z',
    );
  });

  it.each([
    ['2026-01-31T12:00:00.000Z', '2026-02-28T12:00:00.000Z'],
    ['2028-01-31T12:00:00.000Z', '2028-02-29T12:00:00.000Z'],
    ['2026-03-31T23:59:59.999Z', '2026-04-30T23:59:59.999Z'],
    ['2026-12-15T08:00:00.000Z', '2027-01-15T08:00:00.000Z'],
  ])('ends %s’s month on the last day of a shorter month: %s', (from, to) => {
    expect(addCalendarMonths(new Date(from), 1).toISOString()).toBe(to);
  });
});

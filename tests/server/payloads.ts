/** Valid wire payloads (contract §3–5) for the server tests and the benchmark. */
import { randomUUID } from 'node:crypto';
import type { ConsentReceipt, EventBatch, Lead, TelemetryEvent } from '../../src/protocol';

export const site = 'acme-se';
export const otherSite = 'other-se';
export const siteOrigin = 'https://acme.se';
export const otherOrigin = 'https://other.se';

export function makeReceipt(overrides: Partial<ConsentReceipt> = {}): ConsentReceipt {
  return {
    id: randomUUID(),
    site,
    policyVersion: '2026-01',
    purposes: { analytics: true, marketing: false },
    decidedAt: '2026-01-15T10:00:00.000Z',
    method: 'custom',
    locale: 'sv',
    textHash: 'a'.repeat(64),
    ...overrides,
  };
}

/** A mix of event types, as a visit produces them. */
export function makeEvents(count: number): TelemetryEvent[] {
  return Array.from({ length: count }, (_, index): TelemetryEvent => {
    const base = {
      id: randomUUID(),
      at: new Date(Date.UTC(2026, 0, 15, 10, 0, index)).toISOString(),
    };
    switch (index % 4) {
      case 0:
        return {
          ...base,
          type: 'page-view',
          path: `/produkter/${index}`,
          navigation: 'load',
          referrer: 'https://www.google.com',
        };
      case 1:
        return {
          ...base,
          type: 'link-click',
          path: '/produkter',
          outbound: true,
          target: 'https://partner.se',
        };
      case 2:
        return { ...base, type: 'engagement', path: '/produkter', visibleMs: 12_500 };
      default:
        return { ...base, type: 'widget', action: 'message-sent', lengthBucket: '21-80' };
    }
  });
}

export function makeBatch(overrides: Partial<EventBatch> = {}, count = 3): EventBatch {
  return {
    site,
    visitorId: randomUUID(),
    consentId: randomUUID(),
    sentAt: '2026-01-15T10:05:00.000Z',
    events: makeEvents(count),
    ...overrides,
  };
}

export function makeLead(overrides: Partial<Lead> = {}): Lead {
  return {
    id: randomUUID(),
    site,
    submittedAt: '2026-01-15T10:06:00.000Z',
    fields: {
      name: 'Anna Svensson',
      email: 'anna@example.se',
      phone: '+46701234567',
      orgnr: '556677-8899',
    },
    ...overrides,
  };
}

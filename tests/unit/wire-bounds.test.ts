import { describe, expect, it } from 'vitest';
import { jsonSchemaOf, wireSchemas } from '../../scripts/write-json-schemas';
import { eventBatch, linkClickEvent, pageViewEvent } from '../../src/protocol';
import { z } from '../../src/protocol/zod-setup';

/** Every JSON Schema node that accepts a string, with its location. */
function stringNodes(node: unknown, at: string, found: Array<{ at: string; node: object }>) {
  if (Array.isArray(node)) {
    node.forEach((child, index) => {
      stringNodes(child, `${at}[${index}]`, found);
    });
    return found;
  }
  if (typeof node !== 'object' || node === null) return found;
  if ((node as { type?: unknown }).type === 'string') found.push({ at, node });
  for (const [key, child] of Object.entries(node)) stringNodes(child, `${at}.${key}`, found);
  return found;
}

describe('wire shapes', () => {
  it('bound every string they accept (a length, or a fixed set of values)', () => {
    const unbounded = Object.entries(wireSchemas).flatMap(([name, schema]) =>
      stringNodes(z.toJSONSchema(schema, { io: 'input' }), name, [])
        .filter(({ node }) => !('maxLength' in node) && !('enum' in node) && !('const' in node))
        .map(({ at }) => at),
    );
    expect(unbounded).toEqual([]);
  });

  it('publish UUID patterns that accept upper case, as the collector does', () => {
    const id = crypto.randomUUID();
    const patterns = Object.entries(wireSchemas).flatMap(([name, schema]) =>
      stringNodes(jsonSchemaOf(schema), name, [])
        .map(({ at, node }) => ({ at, pattern: (node as { pattern?: unknown }).pattern }))
        .filter(
          (found): found is { at: string; pattern: string } =>
            typeof found.pattern === 'string' &&
            new RegExp(found.pattern, 'u').test(id) &&
            // A site id's pattern takes a lower-case UUID too; only UUID patterns refuse this.
            !new RegExp(found.pattern, 'u').test('acme-se'),
        ),
    );
    expect(patterns.map(({ at }) => at)).toContain('erasure-request.properties.visitorId.anyOf[0]');
    const lowerOnly = patterns.filter(
      ({ pattern }) => !new RegExp(pattern, 'u').test(id.toUpperCase()),
    );
    expect(lowerOnly.map(({ at }) => at)).toEqual([]);
    expect(
      z.parse(wireSchemas['erasure-request'], {
        site: 'acme-se',
        visitorId: id.toUpperCase(),
        consentIds: [],
        leadIds: [],
      }).visitorId,
    ).toBe(id);
  });

  it('refuse a referrer longer than any origin needs', () => {
    const event = {
      id: crypto.randomUUID(),
      at: '2026-01-15T10:00:00.000Z',
      type: 'page-view',
      path: '/',
      navigation: 'load',
      referrer: `https://${'a'.repeat(60_000)}.se`,
    };
    expect(pageViewEvent.safeParse(event).success).toBe(false);
  });

  it('write ids in lower case, so the same UUID is one id however it was sent', () => {
    const id = crypto.randomUUID();
    const batch = eventBatch.parse({
      site: 'acme-se',
      visitorId: id.toUpperCase(),
      consentId: id.toUpperCase(),
      sentAt: '2026-01-15T10:05:00.000Z',
      events: [
        { id: id.toUpperCase(), at: '2026-01-15T10:00:00.000Z', type: 'widget', action: 'opened' },
      ],
    });
    expect([batch.visitorId, batch.consentId, batch.events[0]?.id]).toEqual([id, id, id]);
  });
});

describe('minimisation the collector enforces (contract §4)', () => {
  const click = (outbound: boolean, target: string) => ({
    id: crypto.randomUUID(),
    at: '2026-01-15T10:00:00.000Z',
    type: 'link-click',
    path: '/produkter',
    outbound,
    target,
  });
  const view = (path: string, params?: Record<string, string>) => ({
    id: crypto.randomUUID(),
    at: '2026-01-15T10:00:00.000Z',
    type: 'page-view',
    path,
    navigation: 'load',
    ...(params === undefined ? {} : { params }),
  });

  it('accepts what the widget sends: an origin for an outbound link, a masked path inside', () => {
    expect(linkClickEvent.safeParse(click(true, 'https://partner.se')).success).toBe(true);
    expect(linkClickEvent.safeParse(click(false, '/users/:email')).success).toBe(true);
    expect(pageViewEvent.safeParse(view('/kampanj', { utm_source: 'news' })).success).toBe(true);
  });

  it.each([
    ['a query string in an outbound target', click(true, 'https://partner.se/?q=anna')],
    ['a path in an outbound target', click(true, 'https://partner.se/kund/anna')],
    ['a fragment in an internal target', click(false, '/produkter#anna')],
    ['a full URL as an internal target', click(false, 'https://acme.se/produkter')],
    ['an email address in a target', click(false, '/users/anna@example.se')],
    ['an escaped email address in a target', click(false, '/users/anna%40example.se')],
    ['an email address in an origin', click(true, 'https://anna@example.se')],
  ])('refuses %s', (_, event) => {
    expect(linkClickEvent.safeParse(event).success).toBe(false);
  });

  it.each([
    ['an email address in a path', view('/users/anna@example.se')],
    ['an escaped email address in a path', view('/users/anna%40example.se')],
    ['an email key in params', view('/', { email: 'x' })],
    ['an E-Mail key in params', view('/', { 'E-Mail': 'x' })],
    ['an email address as a kept value', view('/', { utm_source: 'anna@example.se' })],
  ])('refuses %s', (_, event) => {
    expect(pageViewEvent.safeParse(event).success).toBe(false);
  });
});

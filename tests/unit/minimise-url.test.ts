import { describe, expect, it } from 'vitest';
import { pagePath } from '../../src/protocol/events';
import {
  foreignOrigin,
  maskPersonalData,
  minimisePath,
  minimiseUrl,
} from '../../src/telemetry/minimise-url';

const base = 'https://shop.example.se/';

describe('minimiseUrl', () => {
  it('keeps the path and drops the query string and fragment', () => {
    expect(minimiseUrl('/produkter/skor?color=red&email=a@b.se#reviews', base, [])).toEqual({
      path: '/produkter/skor',
    });
  });

  it('keeps only the parameters the site named, values masked', () => {
    expect(
      minimiseUrl('/?utm_source=news&utm_medium=mail&ref=anna@example.se&x=1', base, [
        'utm_source',
        'utm_medium',
        'ref',
      ]),
    ).toEqual({ path: '/', params: { utm_source: 'news', utm_medium: 'mail', ref: ':email' } });
  });

  it('returns no params when none of the kept ones are present', () => {
    expect(minimiseUrl('/a?b=1', base, ['utm_source'])).toEqual({ path: '/a' });
  });

  it('never keeps a parameter that carries contact details, even when a site lists it', () => {
    expect(
      minimiseUrl('/?email=anna&E-Mail=anna&utm_source=news', base, [
        'email',
        'E-Mail',
        'utm_source',
      ]),
    ).toEqual({ path: '/', params: { utm_source: 'news' } });
  });

  it('refuses what is not an http(s) URL', () => {
    expect(minimiseUrl('mailto:anna@example.se', base, [])).toBeNull();
    expect(minimiseUrl('javascript:void(0)', base, [])).toBeNull();
    expect(minimiseUrl('http://[bad', 'not a base', [])).toBeNull();
  });
});

describe('minimisePath', () => {
  it.each([
    ['/users/anna.svensson@example.se/orders', '/users/:email/orders'],
    ['/users/anna%40example.se', '/users/:email'],
    ['/kund/19900101-1234', '/kund/:number'],
    ['/kund/900101-1234/fakturor', '/kund/:number/fakturor'],
    ['/kund/199001011234', '/kund/:number'],
    ['/order/4711234', '/order/:number'],
    ['/reset/9f86d081884c7d659a2feaa0c55ad015', '/reset/:token'],
    ['/invite/eyJhbGciOiJIUzI1NiJ9xQ7', '/invite/:token'],
    ['/s/3f2504e0-4f89-11d3-9a0c-0305e82c3301', '/s/:token'],
  ])('masks %s', (input, expected) => {
    expect(minimisePath(input)).toBe(expected);
  });

  it.each([
    '/blogg/2024/05/12/sommarens-nyheter',
    '/produkter/summer-sale-2024-final',
    '/iPhone-15-Pro-review',
    '/kontakt',
    '/',
  ])('leaves an ordinary path alone: %s', (input) => {
    expect(minimisePath(input)).toBe(input);
  });

  it('never lets a decoded ? # or space into the path', () => {
    const path = minimisePath('/a%3Fb%23c%20d/anna@example.se%3Fx');
    expect(path).not.toMatch(/[?#\s]/);
    expect(pagePath.safeParse(path).success).toBe(true);
  });

  it('caps the length without cutting an escape in half', () => {
    const path = minimisePath(`/${'%C3%A5'.repeat(200)}`);
    expect(path.length).toBeLessThanOrEqual(512);
    expect(path).toMatch(/(%C3%A5)+$/);
    expect(pagePath.safeParse(path).success).toBe(true);
  });

  it('always starts with a slash', () => {
    expect(minimisePath('')).toBe('/');
    expect(minimisePath('//double')).toBe('/double');
  });
});

describe('maskPersonalData', () => {
  it('masks a personnummer written with a plus (100 years or older)', () => {
    expect(maskPersonalData('201212+1234')).toBe(':number');
  });
});

describe('foreignOrigin', () => {
  it('gives the origin of a link to another site', () => {
    expect(foreignOrigin('https://other.example/path?q=1#x', 'https://shop.example.se')).toBe(
      'https://other.example',
    );
  });

  it('is null for the same site and for non-web links', () => {
    expect(foreignOrigin('https://shop.example.se/a', 'https://shop.example.se')).toBeNull();
    expect(foreignOrigin('tel:+46701234567', 'https://shop.example.se')).toBeNull();
    expect(foreignOrigin('', 'https://shop.example.se')).toBeNull();
  });
});

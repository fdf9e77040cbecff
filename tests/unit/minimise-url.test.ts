import { describe, expect, it } from 'vitest';
import { pagePath, pageViewEvent } from '../../src/protocol/events';
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

  it('never keeps a parameter named for contact or identity data in Swedish or English', () => {
    const names = [
      'epost',
      'e-post',
      'tel',
      'telefon',
      'phone',
      'mobil',
      'pnr',
      'ssn',
      'Personnummer',
    ];
    const query = names.map((name) => `${name}=x`).join('&');
    expect(minimiseUrl(`/?${query}&utm_source=news`, base, [...names, 'utm_source'])).toEqual({
      path: '/',
      params: { utm_source: 'news' },
    });
  });

  it('masks or drops every value the collector would refuse, so the page view still goes', () => {
    const values: Record<string, string> = {
      pnr10: '811218-9876',
      pnr12: '198112189876',
      old: '811218+9876',
      who: 'anna%2540example.se',
      mobile: '070-123 45 67',
      intl: '+46701234567',
      card: '4111 1111 1111 1111',
      iban: 'SE45 5000 0000 0583 9825 7466',
      campaign: 'sommar-2026',
    };
    const keep = Object.keys(values).map((key) => `utm_${key}`);
    const query = Object.entries(values)
      .map(([key, value]) => `utm_${key}=${encodeURIComponent(value)}`)
      .join('&');
    const minimised = minimiseUrl(`/?${query}`, base, keep);
    expect(minimised?.params).toEqual({
      utm_pnr10: ':number',
      utm_pnr12: ':number',
      utm_old: ':number',
      utm_who: ':email',
      utm_intl: '+:number',
      utm_campaign: 'sommar-2026',
    });
    expect(pageViewEvent.shape.params.safeParse(minimised?.params).success).toBe(true);
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
    ['/users/anna%2540example.se', '/users/:email'],
    ['/users/anna%252540example.se', '/users/:email'],
    ['/betala/4111%201111%201111%201111', '/betala/:personal'],
  ])('masks %s', (input, expected) => {
    expect(minimisePath(input)).toBe(expected);
    expect(pagePath.safeParse(minimisePath(input)).success).toBe(true);
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

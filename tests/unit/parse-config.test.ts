import { describe, expect, it } from 'vitest';
import { collectEmbedConfig, collectInitConfig, parseConfig } from '../../src/config/parse-config';

const minimal = { site: 'acme-se', collector: 'https://collect.example.se/v1' };

function fromAttributes(dataset: Record<string, string>, windowConfig?: unknown) {
  return parseConfig(collectEmbedConfig(dataset, windowConfig), ['sv-SE']);
}

describe('config', () => {
  it('accepts the embed of contract §1 and fills the defaults', () => {
    const result = fromAttributes({
      ...minimal,
      chat: 'https://bot.example.se/v1/chat',
      locale: 'en',
      policyUrl: 'https://example.se/integritetspolicy',
      policyVersion: '2026-01',
      fields: 'name,email,phone,orgnr',
    });
    expect(result).toEqual({
      success: true,
      data: expect.objectContaining({
        site: 'acme-se',
        collector: 'https://collect.example.se/v1',
        chat: 'https://bot.example.se/v1/chat',
        locale: 'en',
        fields: ['name', 'email', 'phone', 'orgnr'],
        consent: 'banner',
        placement: 'bottom-right',
        historyDays: 30,
        chatTimeout: 20,
        redact: ['personnummer', 'card'],
        allowPersonnummer: false,
      }),
    });
  });

  it('defaults to name and email, and to the browser language when it is sv or en, else sv', () => {
    const english = parseConfig(collectEmbedConfig(minimal, undefined), ['de-DE', 'en-GB']);
    const other = parseConfig(collectEmbedConfig(minimal, undefined), ['de-DE', 'fr']);
    expect(english.success && english.data.locale).toBe('en');
    expect(other.success && other.data.locale).toBe('sv');
    expect(english.success && english.data.fields).toEqual(['name', 'email']);
  });

  it('names each bad data-* attribute once, as the site owner wrote it', () => {
    const result = fromAttributes({
      site: 'Acme SE',
      collector: 'http://collect.example.se/v1',
      fields: 'name,address',
      zIndex: 'high',
      googleConsentMode: 'yes',
    });
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(result.error.map((issue) => issue.key).sort()).toEqual(
      [
        'data-collector',
        'data-fields',
        'data-google-consent-mode',
        'data-site',
        'data-z-index',
      ].sort(),
    );
    expect(result.error.find((issue) => issue.key === 'data-collector')?.message).toMatch(/https/);
  });

  it('reports a missing required key', () => {
    const result = fromAttributes({ site: 'acme-se' });
    expect(result).toEqual({
      success: false,
      error: [{ key: 'data-collector', message: expect.stringMatching(/required/) }],
    });
  });

  it('allows http only for localhost and 127.0.0.1', () => {
    for (const collector of ['http://localhost:8787/v1', 'http://127.0.0.1:8787/v1']) {
      expect(fromAttributes({ ...minimal, collector }).success).toBe(true);
    }
    for (const collector of [
      'http://192.168.1.2/v1',
      'ftp://x.se',
      'https://user:pw@x.se/v1',
      'https://x.se/v1?key=1',
      'not a url',
    ]) {
      expect(fromAttributes({ ...minimal, collector }).success).toBe(false);
    }
  });

  it('drops a trailing slash so endpoints join cleanly', () => {
    const result = fromAttributes({ ...minimal, collector: 'https://collect.example.se/v1/' });
    expect(result.success && result.data.collector).toBe('https://collect.example.se/v1');
  });

  it('lets data-* attributes win over window.samtalConfig and names keys by where they came from', () => {
    const result = fromAttributes(
      { collector: 'https://a.example.se' },
      { site: 'acme-se', collector: 'https://b.example.se', locale: 'fi', colour: 'red' },
    );
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(result.error).toEqual(
      expect.arrayContaining([
        { key: 'samtalConfig.locale', message: 'must be sv or en' },
        { key: 'samtalConfig.colour', message: 'is not a Samtal option' },
      ]),
    );
    const ok = fromAttributes(
      { collector: 'https://a.example.se' },
      { site: 'acme-se', collector: 'https://b.example.se' },
    );
    expect(ok.success && ok.data.collector).toBe('https://a.example.se');
  });

  it('names init() keys as init options', () => {
    const result = parseConfig(collectInitConfig({ ...minimal, historyDays: 0 }), [], 'init');
    expect(result).toEqual({
      success: false,
      error: [{ key: 'init({ historyDays })', message: 'must be at least 1' }],
    });
  });

  it('refuses a config that is not an object without throwing', () => {
    expect(parseConfig(collectInitConfig('acme'), [], 'init').success).toBe(false);
    expect(parseConfig(collectInitConfig(null), [], 'init').success).toBe(false);
  });

  it('reads boolean attributes present without a value as true', () => {
    const result = fromAttributes({ ...minimal, allowPersonnummer: '', debug: 'false' });
    expect(result.success && [result.data.allowPersonnummer, result.data.debug]).toEqual([
      true,
      false,
    ]);
  });

  it('accepts a policy URL on the same site as a path', () => {
    expect(fromAttributes({ ...minimal, policyUrl: '/integritetspolicy' }).success).toBe(true);
    expect(fromAttributes({ ...minimal, policyUrl: 'javascript:alert(1)' }).success).toBe(false);
    expect(fromAttributes({ ...minimal, policyUrl: '//evil.example' }).success).toBe(false);
  });

  it('reads offsets in whole pixels, bounded', () => {
    const result = fromAttributes({ ...minimal, offset: '32', offsetBottom: '90' });
    expect(result.success && [result.data.offset, result.data.offsetBottom]).toEqual([32, 90]);
    const defaults = fromAttributes(minimal);
    expect(defaults.success && [defaults.data.offset, defaults.data.offsetBottom]).toEqual([
      20,
      undefined,
    ]);
    expect(fromAttributes({ ...minimal, offset: '161', offsetBottom: '1.5' })).toEqual({
      success: false,
      error: [
        { key: 'data-offset', message: 'must be at most 160' },
        { key: 'data-offset-bottom', message: 'must be a whole number of pixels' },
      ],
    });
  });

  it('reads data-recipients as JSON or as names separated by semicolons', () => {
    const json = fromAttributes({
      ...minimal,
      recipients: '[{"name":"Acme AB","role":"controller"},{"name":"Cloud AB","country":"Sweden"}]',
    });
    expect(json.success && json.data.recipients).toEqual([
      { name: 'Acme AB', role: 'controller' },
      { name: 'Cloud AB', country: 'Sweden' },
    ]);
    const names = fromAttributes({ ...minimal, recipients: ' Acme AB ;; Cloud AB ' });
    expect(names.success && names.data.recipients).toEqual([
      { name: 'Acme AB' },
      { name: 'Cloud AB' },
    ]);
    const none = fromAttributes(minimal);
    expect(none.success && none.data.recipients).toEqual([]);
  });

  it('bounds the recipients like every key, naming the key', () => {
    const bad = (recipients: unknown, source: 'attribute' | 'init' = 'init') =>
      source === 'init'
        ? parseConfig(collectInitConfig({ ...minimal, recipients }), ['sv'], 'init')
        : fromAttributes({ ...minimal, recipients: String(recipients) });
    expect(bad('[{"name": "Acme"', 'attribute')).toEqual({
      success: false,
      error: [{ key: 'data-recipients', message: 'must be a list of recipients' }],
    });
    expect(bad([{ name: 'x'.repeat(101) }])).toEqual({
      success: false,
      error: [{ key: 'init({ recipients })', message: 'each name must be at most 100 characters' }],
    });
    expect(bad([{ name: 'Acme', role: ' ' }])).toEqual({
      success: false,
      error: [{ key: 'init({ recipients })', message: 'each role must not be empty' }],
    });
    // An unknown key inside a recipient is the recipients' fault, not an unknown option.
    expect(bad([{ name: 'Acme', email: 'dpo@acme.se' }])).toEqual({
      success: false,
      error: [
        {
          key: 'init({ recipients })',
          message: 'each recipient must be { name, role?, country? }',
        },
      ],
    });
    expect(bad('[{"name":"Acme","email":"dpo@acme.se"}]', 'attribute')).toEqual({
      success: false,
      error: [
        { key: 'data-recipients', message: 'each recipient must be { name, role?, country? }' },
      ],
    });
    expect(bad(Array.from({ length: 21 }, (_, index) => ({ name: `R${index}` })))).toEqual({
      success: false,
      error: [{ key: 'init({ recipients })', message: 'must name at most 20 recipients' }],
    });
  });
});

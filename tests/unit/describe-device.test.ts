import { describe, expect, it } from 'vitest';
import { deviceEvent } from '../../src/protocol/events';
import { describeDevice, viewportBucketOf } from '../../src/telemetry/describe-device';
import { parseUserAgent } from '../../src/telemetry/parse-user-agent';

const agents = {
  safariMac:
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15',
  safariIphone:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1',
  chromeIphone:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/123.0.6312.52 Mobile/15E148 Safari/604.1',
  ipad: 'Mozilla/5.0 (iPad; CPU OS 16_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/16.6 Mobile/15E148 Safari/604.1',
  firefoxWindows:
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:125.0) Gecko/20100101 Firefox/125.0',
  firefoxLinux: 'Mozilla/5.0 (X11; Linux x86_64; rv:124.0) Gecko/20100101 Firefox/124.0',
  edgeWindows:
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36 Edg/124.0.2478.51',
  samsungAndroid:
    'Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/24.0 Chrome/117.0.0.0 Mobile Safari/537.36',
  chromeAndroidTablet:
    'Mozilla/5.0 (Linux; Android 13; SM-X700) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36',
  operaWindows:
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/122.0.0.0 Safari/537.36 OPR/108.0.0.0',
  chromebook:
    'Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36',
};

describe('parseUserAgent', () => {
  it.each([
    ['safariMac', { browser: 'safari', browserMajor: 17, os: 'macos', deviceType: 'desktop' }],
    ['safariIphone', { browser: 'safari', browserMajor: 17, os: 'ios', deviceType: 'mobile' }],
    ['chromeIphone', { browser: 'chrome', browserMajor: 123, os: 'ios', deviceType: 'mobile' }],
    ['ipad', { browser: 'safari', browserMajor: 16, os: 'ios', deviceType: 'tablet' }],
    [
      'firefoxWindows',
      { browser: 'firefox', browserMajor: 125, os: 'windows', deviceType: 'desktop' },
    ],
    ['firefoxLinux', { browser: 'firefox', browserMajor: 124, os: 'linux', deviceType: 'desktop' }],
    ['edgeWindows', { browser: 'edge', browserMajor: 124, os: 'windows', deviceType: 'desktop' }],
    [
      'samsungAndroid',
      { browser: 'samsung', browserMajor: 24, os: 'android', deviceType: 'mobile' },
    ],
    [
      'chromeAndroidTablet',
      { browser: 'chrome', browserMajor: 124, os: 'android', deviceType: 'tablet' },
    ],
    ['operaWindows', { browser: 'opera', browserMajor: 108, os: 'windows', deviceType: 'desktop' }],
    ['chromebook', { browser: 'chrome', browserMajor: 124, os: 'chromeos', deviceType: 'desktop' }],
  ] as const)('reads %s', (name, expected) => {
    expect(parseUserAgent(agents[name])).toEqual(expected);
  });

  it('says other for what it does not know', () => {
    expect(parseUserAgent('curl/8.5.0')).toEqual({
      browser: 'other',
      browserMajor: 0,
      os: 'other',
      deviceType: 'desktop',
    });
  });
});

describe('describeDevice', () => {
  const rest = { viewportWidth: 1280, language: 'sv-SE', utcOffsetMinutes: 60 };

  it('prefers client hints, and the specific brand over Chromium', () => {
    const facts = describeDevice({
      userAgent: agents.edgeWindows,
      hints: {
        brands: [
          { brand: 'Not.A/Brand', version: '24' },
          { brand: 'Chromium', version: '124' },
          { brand: 'Microsoft Edge', version: '124' },
        ],
        mobile: false,
        platform: 'Windows',
      },
      ...rest,
    });
    expect(facts).toEqual({
      browser: 'edge',
      browserMajor: 124,
      os: 'windows',
      deviceType: 'desktop',
      viewport: '1024-1439',
      language: 'sv-SE',
      timeZone: 'Etc/GMT-1',
    });
  });

  it('calls an Android device that is not mobile a tablet', () => {
    const facts = describeDevice({
      userAgent: agents.chromeAndroidTablet,
      hints: {
        brands: [{ brand: 'Google Chrome', version: '124' }],
        mobile: false,
        platform: 'Android',
      },
      ...rest,
    });
    expect(facts.deviceType).toBe('tablet');
    expect(facts.os).toBe('android');
  });

  it('falls back to the user-agent string without client hints', () => {
    expect(describeDevice({ userAgent: agents.safariIphone, hints: null, ...rest })).toMatchObject({
      browser: 'safari',
      os: 'ios',
      deviceType: 'mobile',
    });
  });

  it('holds nothing the device schema would refuse, and never the raw user-agent', () => {
    const facts = describeDevice({ userAgent: agents.samsungAndroid, hints: null, ...rest });
    const event = {
      id: crypto.randomUUID(),
      at: new Date().toISOString(),
      type: 'device',
      ...facts,
    };
    expect(deviceEvent.safeParse(event).success).toBe(true);
    expect(JSON.stringify(facts)).not.toContain('SM-S918B');
    expect(JSON.stringify(facts)).not.toContain('Mozilla');
  });

  it('falls back when language or time zone are unreadable', () => {
    expect(
      describeDevice({
        userAgent: '',
        hints: null,
        viewportWidth: 300,
        language: '',
        utcOffsetMinutes: Number.NaN,
      }),
    ).toMatchObject({ language: 'und', timeZone: 'UTC', viewport: '<480' });
  });

  it.each([
    [0, 'UTC'],
    [60, 'Etc/GMT-1'],
    [120, 'Etc/GMT-2'],
    [-300, 'Etc/GMT+5'],
    [330, 'Etc/GMT-6'],
    [-570, 'Etc/GMT+9'],
    [840, 'Etc/GMT-14'],
    [-720, 'Etc/GMT+12'],
    [900, 'Etc/GMT-14'],
  ])(
    'names a UTC offset of %i minutes as the whole-hour zone %s, one the device schema takes',
    (minutes, zone) => {
      const facts = describeDevice({
        userAgent: '',
        hints: null,
        ...rest,
        utcOffsetMinutes: minutes,
      });
      expect(facts.timeZone).toBe(zone);
      expect(
        deviceEvent.safeParse({
          id: crypto.randomUUID(),
          at: new Date().toISOString(),
          type: 'device',
          ...facts,
        }).success,
      ).toBe(true);
      // A real zone name the tz database knows, with the offset it names.
      const parts = new Intl.DateTimeFormat('en', {
        timeZone: zone,
        timeZoneName: 'shortOffset',
      }).formatToParts(new Date());
      const named = parts.find((part) => part.type === 'timeZoneName')?.value ?? '';
      const hours = Math.min(14, Math.max(-12, Math.round(minutes / 60)));
      expect(named.replace(/^GMT$/, 'GMT+0')).toBe(`GMT${hours < 0 ? '-' : '+'}${Math.abs(hours)}`);
    },
  );
});

describe('viewportBucketOf', () => {
  it.each([
    [320, '<480'],
    [480, '480-767'],
    [767, '480-767'],
    [768, '768-1023'],
    [1024, '1024-1439'],
    [1440, '1440+'],
  ] as const)('puts %i in %s', (width, bucket) => {
    expect(viewportBucketOf(width)).toBe(bucket);
  });
});

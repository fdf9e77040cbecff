/**
 * The device event's facts, from User-Agent Client Hints where the browser
 * has them (Chromium), from a small user-agent parser otherwise. Only the
 * low-entropy hints are read: asking for high-entropy ones (model, full
 * version) would be exactly the fingerprinting detail we promise not to take.
 * Pure: the caller reads the browser and passes what it found.
 */
import type { DeviceEvent } from '../protocol/events';
import { offsetTimeZone } from './offset-time-zone';
import { parseUserAgent } from './parse-user-agent';

/** The low-entropy part of `navigator.userAgentData`. */
export interface UserAgentHints {
  brands: readonly { brand: string; version: string }[];
  mobile: boolean;
  platform: string;
}

/** What the browser tells us, gathered by the caller. */
export interface DeviceInputs {
  userAgent: string;
  hints: UserAgentHints | null;
  viewportWidth: number;
  language: string;
  /** Local time minus UTC, in minutes: `-new Date().getTimezoneOffset()`. */
  utcOffsetMinutes: number;
}

/** The device event without its id and time. */
export type DeviceFacts = Omit<DeviceEvent, 'id' | 'at' | 'type'>;

const brandRules: readonly [DeviceEvent['browser'], RegExp][] = [
  ['edge', /Microsoft Edge/],
  ['opera', /Opera/],
  ['samsung', /Samsung Internet/],
  ['chrome', /Google Chrome|^Chromium$/],
];

const platformRules: readonly [DeviceEvent['os'], RegExp][] = [
  ['windows', /^Windows$/],
  ['macos', /^macOS$/],
  ['android', /^Android$/],
  ['chromeos', /^Chrome ?OS$/],
  ['ios', /^iOS$/],
  ['linux', /^Linux$/],
];

/** Viewport width in the buckets of the device schema. */
export function viewportBucketOf(width: number): DeviceEvent['viewport'] {
  if (width < 480) return '<480';
  if (width < 768) return '480-767';
  if (width < 1024) return '768-1023';
  if (width < 1440) return '1024-1439';
  return '1440+';
}

function fromHints(
  hints: UserAgentHints,
  userAgent: string,
): Omit<DeviceFacts, 'viewport' | 'language' | 'timeZone'> {
  // "Chromium" is listed beside the real brand; the specific brand wins.
  let browser: DeviceEvent['browser'] = 'other';
  let browserMajor = 0;
  for (const [name, pattern] of brandRules) {
    const brand = hints.brands.find((entry) => pattern.test(entry.brand));
    if (brand) {
      browser = name;
      browserMajor = Math.min(999, Number.parseInt(brand.version, 10) || 0);
      break;
    }
  }
  const os = platformRules.find(([, pattern]) => pattern.test(hints.platform))?.[0] ?? 'other';
  // Client hints only say "mobile"; an Android device that is not is a tablet.
  const deviceType = hints.mobile ? 'mobile' : os === 'android' ? 'tablet' : 'desktop';
  if (browser === 'other') {
    const parsed = parseUserAgent(userAgent);
    return { deviceType, os, browser: parsed.browser, browserMajor: parsed.browserMajor };
  }
  return { deviceType, os, browser, browserMajor };
}

/**
 * Coarse device facts. Language falls back to `und` when unreadable; the time
 * zone is the whole-hour UTC offset (offsetTimeZone), `UTC` when unreadable.
 */
export function describeDevice(inputs: DeviceInputs): DeviceFacts {
  const coarse =
    inputs.hints !== null && inputs.hints.brands.length > 0
      ? fromHints(inputs.hints, inputs.userAgent)
      : parseUserAgent(inputs.userAgent);
  return {
    ...coarse,
    viewport: viewportBucketOf(inputs.viewportWidth),
    language: inputs.language || 'und',
    timeZone: offsetTimeZone(inputs.utcOffsetMinutes),
  };
}

/**
 * A deliberately small user-agent parser, for browsers without User-Agent
 * Client Hints (Safari, Firefox). It answers only the coarse questions of the
 * device event; the raw string itself never leaves the browser.
 */
import type { DeviceEvent } from '../protocol/events';

/** The coarse facts a user-agent string gives. */
export type ParsedUserAgent = Pick<DeviceEvent, 'deviceType' | 'browser' | 'browserMajor' | 'os'>;

// Order matters: Edge, Opera and Samsung Internet also say "Chrome", Chrome on
// iOS says "Safari", and every iOS browser is Safari underneath.
const browserRules: readonly [DeviceEvent['browser'], RegExp][] = [
  ['samsung', /SamsungBrowser\/(\d+)/],
  ['edge', /Edg(?:e|A|iOS)?\/(\d+)/],
  ['opera', /(?:OPR|OPT|Opera)\/(\d+)/],
  ['firefox', /(?:Firefox|FxiOS)\/(\d+)/],
  ['chrome', /(?:CriOS|Chrome)\/(\d+)/],
  ['safari', /Version\/(\d+)[^ ]* (?:Mobile\/\S+ )?Safari\//],
];

const osRules: readonly [DeviceEvent['os'], RegExp][] = [
  ['ios', /iPhone|iPad|iPod/],
  ['android', /Android/],
  ['windows', /Windows/],
  ['chromeos', /CrOS/],
  ['macos', /Macintosh|Mac OS X/],
  ['linux', /Linux|X11/],
];

function deviceTypeOf(userAgent: string): DeviceEvent['deviceType'] {
  if (/iPad|Tablet|PlayBook|Silk/.test(userAgent)) return 'tablet';
  // Android tablets leave "Mobile" out of their user-agent.
  if (/Android/.test(userAgent) && !/Mobile/.test(userAgent)) return 'tablet';
  if (/Mobi|iPhone|iPod/.test(userAgent)) return 'mobile';
  return 'desktop';
}

/** Coarse device facts from a user-agent string. Unknown parts become `other` / 0. */
export function parseUserAgent(userAgent: string): ParsedUserAgent {
  let browser: DeviceEvent['browser'] = 'other';
  let browserMajor = 0;
  for (const [name, pattern] of browserRules) {
    const match = pattern.exec(userAgent);
    if (match) {
      browser = name;
      browserMajor = Math.min(999, Number(match[1] ?? 0));
      break;
    }
  }
  const os = osRules.find(([, pattern]) => pattern.test(userAgent))?.[0] ?? 'other';
  return { deviceType: deviceTypeOf(userAgent), browser, browserMajor, os };
}

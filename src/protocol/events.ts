/**
 * `POST {collector}/events`: telemetry, only while analytics is granted
 * (contract §3–4). Each event type carries the least that answers its
 * question; none holds message text, contact-form values, a query string or
 * a fragment.
 */
import { entityId, siteId, timestamp } from './common';
import { findPersonalData, holdsEmailAddress, isPersonalParamName } from './personal-data';
import { languageTagPattern, originPattern, pathPattern, timeZonePattern } from './regexes';
import { z } from './zod-setup';

const withoutEmail = z.refine<string>((text) => !holdsEmailAddress(text), {
  message: 'must not hold an email address',
});

/** A path: no email address or identity number, also %-escaped (protocol/personal-data.ts). */
const withoutPersonalData = z.refine<string>((text) => findPersonalData(text) === null, {
  message: 'must not hold an email address, personal identity number, card number or IBAN',
});

/** A kept parameter's value: neither, nor a phone number. */
const withoutContactDetails = z.refine<string>(
  (text) => findPersonalData(text, { phone: true }) === null,
  {
    message:
      'must not hold an email address, phone number, personal identity number, card number or IBAN',
  },
);

/** A minimised page path: no query, no fragment, personal data masked. */
export const pagePath = z
  .string()
  .check(
    z.maxLength(512, { abort: true }),
    z.regex(pathPattern, 'must be a path without query or fragment'),
    withoutPersonalData,
  );

/** An origin (`https://example.se`), nothing after it. */
const origin = z
  .string()
  .check(
    z.maxLength(512, { abort: true }),
    z.regex(originPattern, 'must be an origin'),
    withoutEmail,
  );

/** Query parameters the site allowed with `data-keep-params` (e.g. utm_*), never contact details. */
export const keptParams = z.record(
  z.string().check(
    z.maxLength(64, { abort: true }),
    z.regex(/^[A-Za-z0-9_.-]{1,64}$/),
    z.refine((name) => !isPersonalParamName(name), {
      message: 'must not be a parameter that carries contact details or identity numbers',
    }),
  ),
  z.string().check(z.maxLength(200, { abort: true }), withoutContactDetails),
);

const base = { id: entityId, at: timestamp };

/** How the page came to be shown. */
export const navigationKind = z.enum(['load', 'spa', 'bfcache']);

/** A page was shown: on load, on SPA navigation, on a back/forward-cache restore. */
export const pageViewEvent = z.strictObject({
  ...base,
  type: z.literal('page-view'),
  path: pagePath,
  params: z.optional(keptParams),
  navigation: navigationKind,
  /** The referring site's origin only, and only when it is another site. */
  referrer: z.optional(origin),
});

/** A link was followed. Outbound links keep only their origin. */
export const linkClickEvent = z
  .strictObject({
    ...base,
    type: z.literal('link-click'),
    path: pagePath,
    outbound: z.boolean(),
    /** For an outbound link: its origin. For an internal one: its minimised path. */
    target: z.union([origin, pagePath]),
  })
  .check(
    z.refine((event) => (event.outbound ? originPattern : pathPattern).test(event.target), {
      message: 'must be the origin of an outbound link, or the path of an internal one',
      path: ['target'],
    }),
  );

/** Time the page was visible, reported when the visitor leaves it. */
export const engagementEvent = z.strictObject({
  ...base,
  type: z.literal('engagement'),
  path: pagePath,
  visibleMs: z.int().check(z.nonnegative(), z.lte(86_400_000)),
});

/** What the visitor did with the widget; never what they wrote. */
export const widgetAction = z.enum([
  'opened',
  'closed',
  'message-sent',
  'quick-reply',
  'form-shown',
  'form-submitted',
  'consent-changed',
]);

/** Message length in buckets, never the text. */
export const lengthBucket = z.enum(['1-20', '21-80', '81-200', '201+']);

export const widgetEvent = z.strictObject({
  ...base,
  type: z.literal('widget'),
  action: widgetAction,
  lengthBucket: z.optional(lengthBucket),
});

/** Viewport width in coarse buckets: enough for layout decisions, too coarse to fingerprint. */
export const viewportBucket = z.enum(['<480', '480-767', '768-1023', '1024-1439', '1440+']);

/** Once per visit: the device in coarse terms. Never the raw user-agent or the screen size. */
export const deviceEvent = z.strictObject({
  ...base,
  type: z.literal('device'),
  deviceType: z.enum(['mobile', 'tablet', 'desktop']),
  browser: z.enum(['chrome', 'edge', 'firefox', 'safari', 'opera', 'samsung', 'other']),
  browserMajor: z.int().check(z.gte(0), z.lte(999)),
  os: z.enum(['windows', 'macos', 'ios', 'android', 'linux', 'chromeos', 'other']),
  viewport: viewportBucket,
  language: z.string().check(z.maxLength(35), z.regex(languageTagPattern)),
  timeZone: z.string().check(z.maxLength(64), z.regex(timeZonePattern)),
});

/**
 * Any telemetry event. The `@__PURE__` marks here and on `eventBatch` let a
 * bundle that does not use them drop them: the telemetry chunk checks each
 * event with its own schema, and without the marks the union's zod code was
 * hoisted into the entry chunk every page loads (~0.8 KB gzip).
 */
export const telemetryEvent = /* @__PURE__ */ z.discriminatedUnion('type', [
  pageViewEvent,
  linkClickEvent,
  engagementEvent,
  widgetEvent,
  deviceEvent,
]);

/** Most events one batch may carry; the collector answers 413 above it. */
export const maxBatchEvents = 100;

/** A batch as posted. `consentId` ties it to the receipt that allowed it. */
export const eventBatch = /* @__PURE__ */ z.strictObject({
  site: siteId,
  visitorId: entityId,
  consentId: entityId,
  sentAt: timestamp,
  events: /* @__PURE__ */ z
    .array(telemetryEvent)
    .check(/* @__PURE__ */ z.minLength(1), /* @__PURE__ */ z.maxLength(maxBatchEvents)),
});

export type PageViewEvent = z.infer<typeof pageViewEvent>;
export type LinkClickEvent = z.infer<typeof linkClickEvent>;
export type EngagementEvent = z.infer<typeof engagementEvent>;
export type WidgetEvent = z.infer<typeof widgetEvent>;
export type WidgetAction = z.infer<typeof widgetAction>;
export type DeviceEvent = z.infer<typeof deviceEvent>;
export type TelemetryEvent = z.infer<typeof telemetryEvent>;
export type EventBatch = z.infer<typeof eventBatch>;

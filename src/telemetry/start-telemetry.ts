/**
 * The telemetry chunk's entry. `create-samtal.ts` imports it only once the
 * visitor has granted analytics, and stops it the moment that ends: before
 * consent this code is not even loaded, so no listener, timer, storage write
 * or request can exist.
 *
 * It joins the browser listeners (page views, links, visible time), the
 * queue and delivery; what is captured is minimised and checked as it is
 * made (see `create-event-factory.ts`, `minimise-url.ts`), and only while
 * the stored choice, re-read for each event, still grants analytics: another
 * tab may have withdrawn it a moment ago.
 *
 * Nothing is held across `pagehide`: the last events are handed to
 * keepalive requests, the send lease is let go, and sending starts again on
 * `pageshow` (see `create-delivery.ts`). Those two are told by the
 * composition root (`leave`, `restored`), whose listeners run before the
 * ones that close storage and channels. There is no `unload` listener,
 * which would keep the page out of the back/forward cache.
 */
import type { ResolvedConfig } from '../config/parse-config';
import type { ConsentService } from '../consent/consent-service';
import { maySend } from '../consent/may-send';
import type { Sender } from '../net/create-sender';
import type { TelemetryEvent, WidgetAction } from '../protocol/events';
import { isPersonalParamName } from '../protocol/personal-data';
import type { KeyValueStore } from '../storage/create-key-value-store';
import { createDelivery, type Delivery } from './create-delivery';
import { createEventFactory } from './create-event-factory';
import { createEventQueue } from './create-event-queue';
import { browserLocks, createExclusive, type LockManagerLike } from './create-exclusive';
import { createSendLease } from './create-send-lease';
import { createVisibleClock } from './create-visible-clock';
import { describeDevice, type UserAgentHints } from './describe-device';
import { foreignOrigin, minimiseUrl } from './minimise-url';
import { visitorIdKey } from './telemetry-keys';
import { ensureVisitorId } from './visitor-id';
import { watchLinkClicks } from './watch-link-clicks';
import { type NavigationKind, watchNavigation } from './watch-navigation';

/** What `data.export()` shows of telemetry. */
export interface TelemetryExport {
  visitorId: string | null;
  queuedEvents: TelemetryEvent[];
}

/** A running telemetry. */
export interface Telemetry {
  /** Records a widget interaction; `lengthBucket` only for `message-sent`. */
  track(action: WidgetAction, lengthBucket?: string): void;
  /**
   * Analytics was withdrawn: every listener and timer goes and the queue is
   * emptied in memory at once (its stored copy is deleted right away).
   */
  stop(): Promise<void>;
  /** The widget is destroyed: stop listening, keep the queue for a later page. */
  dispose(): void;
  /**
   * `pagehide`: the last events go with keepalive and nothing more is
   * captured or sent until `restored`. Must run before storage and the
   * channels close on the same event.
   */
  leave(): void;
  /** `pageshow` from the back/forward cache: capture and sending go on. */
  restored(): void;
  exportData(): Promise<TelemetryExport>;
  /** Empties the queue and forgets the visitor id; a new one is made only if capture goes on. */
  erase(): Promise<void>;
}

export interface TelemetryOptions {
  config: Pick<ResolvedConfig, 'site' | 'keepParams' | 'debug'>;
  consent: Pick<ConsentService, 'snapshot' | 'current'>;
  /** Samtal's store and the one sender (the lazy services chunk). */
  services(): Promise<{ store: KeyValueStore; sender: Sender }>;
  window?: Window;
  /** Wall clock, for event times. */
  now?: () => number;
  /** Monotonic clock, for visible time. */
  monotonic?: () => number;
  locks?: LockManagerLike | null;
  /** Remembers, for this tab's session, that the device was reported. */
  session?: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | null;
  warn?: (message: string) => void;
}

function sessionStorageOf(win: Window): TelemetryOptions['session'] {
  try {
    return win.sessionStorage;
  } catch {
    return null;
  }
}

export function startTelemetry(options: TelemetryOptions): Telemetry {
  const win = options.window ?? window;
  const { site, keepParams, debug } = options.config;
  const now = options.now ?? Date.now;
  const monotonic = options.monotonic ?? (() => win.performance.now());
  const locks = options.locks === undefined ? browserLocks() : options.locks;
  const session = options.session === undefined ? sessionStorageOf(win) : options.session;
  const warn = options.warn ?? ((message: string) => console.warn(message));
  const deviceFlag = `samtal:${site}:device-reported`;

  const factory = createEventFactory({
    now,
    onInvalid: (type, issues) => {
      if (debug) warn(`Samtal: a ${type} event was invalid and is dropped (${issues}).`);
    },
  });
  const refusedParams = keepParams.filter(isPersonalParamName);
  if (debug && refusedParams.length > 0) {
    warn(
      `Samtal: keepParams ${refusedParams.join(', ')} name contact or identity data; they are never kept (the collector refuses them).`,
    );
  }
  const services = options.services();
  const store = services.then((loaded) => loaded.store);
  // Ignored here; each user of `store` handles its own failure.
  store.catch(() => undefined);
  const exclusive = createExclusive(`samtal:${site}:telemetry-queue`, locks);
  const queue = createEventQueue({ store, site, now, page: win });
  const clock = createVisibleClock(monotonic, win.document.visibilityState === 'visible');
  let delivery: Delivery | null = null;
  let visitorId: string | null = null;
  let stopped = false;
  let currentPath: string | null = null;
  // Between pagehide and pageshow: the page is being left or sits in the back/forward cache.
  let left = false;

  let connectedStore: KeyValueStore | null = null;
  let makingVisitorId = false;

  /**
   * The visitor id, made if need be, unless analytics ended while waiting:
   * an identifier must never be stored after withdrawal.
   */
  function madeUnlessStopped(kv: KeyValueStore): Promise<string | null> {
    return stopped ? Promise.resolve(null) : ensureVisitorId(kv);
  }

  function record(event: TelemetryEvent | null): void {
    // Nothing is captured between pagehide and a restore (the page is not being seen),
    // and only with the stored choice, not this tab's memory of it: a withdrawal
    // elsewhere stops capture here.
    if (event === null || stopped || left || !maySend('events', options.consent.current())) return;
    queue.add(event);
    if (visitorId === null && connectedStore !== null && !makingVisitorId) {
      // Erased while capture goes on: the next batch needs a new id.
      makingVisitorId = true;
      const kv = connectedStore;
      void exclusive(() => madeUnlessStopped(kv))
        .then((id) => {
          if (!stopped && id !== null) visitorId = id;
          delivery?.queued();
        })
        .catch(() => undefined)
        .finally(() => {
          makingVisitorId = false;
        });
    }
    delivery?.queued();
  }

  function reportEngagement(): void {
    const visibleMs = Math.min(clock.take(), 86_400_000);
    if (visibleMs > 0 && currentPath !== null) {
      record(factory.engagement({ path: currentPath, visibleMs }));
    }
  }

  function pageView(navigation: 'load' | NavigationKind): void {
    const page = minimiseUrl(win.location.href, win.location.href, keepParams);
    if (page === null) return;
    currentPath = page.path;
    const referrer =
      navigation === 'load' ? foreignOrigin(win.document.referrer, win.location.origin) : null;
    record(factory.pageView({ ...page, navigation, ...(referrer === null ? {} : { referrer }) }));
  }

  function reportDeviceOncePerVisit(): void {
    try {
      if (session?.getItem(deviceFlag) === '1') return;
      session?.setItem(deviceFlag, '1');
    } catch {
      // Session storage refused: report the device once for this page instead.
    }
    const { navigator } = win;
    const hints = (navigator as { userAgentData?: UserAgentHints }).userAgentData ?? null;
    record(
      factory.device(
        describeDevice({
          userAgent: navigator.userAgent,
          hints,
          viewportWidth: win.innerWidth,
          language: navigator.language,
          utcOffsetMinutes: -new Date().getTimezoneOffset(),
        }),
      ),
    );
  }

  function leave(): void {
    if (stopped || left) return;
    reportEngagement();
    left = true;
    delivery?.suspend(true);
  }

  function onVisibilityChange(): void {
    if (win.document.visibilityState === 'hidden') {
      clock.hide();
      reportEngagement();
      delivery?.hidden();
    } else {
      clock.show();
    }
  }

  // A frozen tab (in the background, or in the back/forward cache) holds no lease.
  const onFreeze = () => delivery?.suspend(false);
  const onResume = () => {
    if (!left) delivery?.resume();
  };

  const stopNavigation = watchNavigation(win, (kind) => {
    // The time belongs to the page being left.
    if (kind === 'spa') reportEngagement();
    clock.restart(win.document.visibilityState === 'visible');
    pageView(kind);
  });
  const stopLinks = watchLinkClicks(win, (href) => {
    const outboundOrigin = foreignOrigin(href, win.location.origin);
    if (currentPath === null) return;
    if (outboundOrigin !== null) {
      record(factory.linkClick({ path: currentPath, outbound: true, target: outboundOrigin }));
      return;
    }
    const target = minimiseUrl(href, win.location.href, [])?.path;
    if (target !== undefined) {
      record(factory.linkClick({ path: currentPath, outbound: false, target }));
    }
  });
  const onOnline = () => delivery?.online();
  win.document.addEventListener('visibilitychange', onVisibilityChange);
  win.document.addEventListener('freeze', onFreeze);
  win.document.addEventListener('resume', onResume);
  win.addEventListener('online', onOnline);

  function removeListeners(): void {
    stopNavigation();
    stopLinks();
    win.document.removeEventListener('visibilitychange', onVisibilityChange);
    win.document.removeEventListener('freeze', onFreeze);
    win.document.removeEventListener('resume', onResume);
    win.removeEventListener('online', onOnline);
    delivery?.stop();
  }

  async function connect(): Promise<void> {
    const { store: kv, sender } = await services;
    const id = await exclusive(() => madeUnlessStopped(kv));
    if (stopped || id === null) return;
    const tabId = crypto.randomUUID();
    const connected = createDelivery({
      queue,
      lease: createSendLease({ name: `samtal:${site}:telemetry-sender`, locks, store, tabId, now }),
      header: () => {
        const consentId = options.consent.current().id;
        return consentId === null || visitorId === null ? null : { site, visitorId, consentId };
      },
      post: (batch, transport, timeoutMs) => sender.post('events', batch, transport, timeoutMs),
      keepalive: typeof Request !== 'undefined' && 'keepalive' in Request.prototype,
      warn,
      now,
    });
    if (stopped) return;
    // Set last: `exportData()` shows the visitor id once delivery is running.
    delivery = connected;
    visitorId = id;
    connectedStore = kv;
    // Whatever earlier pages left is due now, consent still holding; this
    // page's own events wait for the usual batch.
    void connected.flush();
  }

  pageView('load');
  reportDeviceOncePerVisit();
  connect().catch(() => {
    // No storage or network services: events wait in memory for this page.
  });

  return {
    track(action, lengthBucket) {
      record(factory.widget(action, lengthBucket));
    },
    stop() {
      if (stopped) return Promise.resolve();
      stopped = true;
      removeListeners();
      try {
        session?.removeItem(deviceFlag);
      } catch {
        // Nothing to undo where session storage is refused.
      }
      // Cleared first: the other tabs hear of it before the channel closes.
      const cleared = queue.clear();
      queue.dispose();
      return cleared;
    },
    dispose() {
      if (stopped) return;
      stopped = true;
      removeListeners();
      queue.dispose();
    },
    leave,
    restored() {
      if (!left) return;
      left = false;
      delivery?.resume();
    },
    async exportData() {
      await queue.load();
      return { visitorId, queuedEvents: queue.events() };
    },
    async erase() {
      await queue.clear();
      visitorId = null;
      await (await store).delete(visitorIdKey);
    },
  };
}

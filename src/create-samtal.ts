/**
 * The composition root: builds the services, mounts the element and returns
 * the public API (contract §6). Both entries (the script tag and `init`) come
 * through here.
 */
import { createEmitter } from './api/create-emitter';
import type { SamtalApi, SamtalEvents } from './api/samtal-api';
import type { ResolvedConfig } from './config/parse-config';
import { createConsentService } from './consent/create-consent-service';
import { updateGoogleConsent } from './consent/update-google-consent';
import { createDataRegistry } from './data/create-data-registry';
import { outboxFlag, outboxFlagKey } from './net/outbox-flag';
import type { RightsService } from './rights/create-rights-service';
import { createObservable } from './state/create-observable';
import { loadOnce } from './state/load-once';
import { createPreferenceStore } from './storage/create-preference-store';
import { followConsent } from './telemetry/follow-consent';
import { createConsentLayers } from './ui/consent/create-consent-layers';
import { createHost, mountWidget } from './ui/mount-widget';
import { createPanelLoader } from './ui/panel/load-panel';
import type { PanelNoticeHost, UiState, WidgetContext, WidgetServices } from './ui/widget-context';

/** The widget's version, reported by the `ready` event. */
export const version = '0.1.0';

/** Runs one of the build's later steps: at once, or in a task of its own. */
export type StepScheduler = (step: () => void) => void;

/**
 * Each later step in a task of its own, so no task of the boot blocks the
 * page long on a slow phone (a task over 50 ms is a long task:
 * https://w3c.github.io/longtasks/; issue 15, item 9).
 */
export const inTasksOfTheirOwn: StepScheduler = (step) => {
  setTimeout(step);
};

const atOnce: StepScheduler = (step) => step();

/**
 * Builds the widget for a checked config and returns its API at once. The
 * element is mounted in three steps, run as `schedule` says (by default at
 * once, within the call): the host and its styles, then the dock with the
 * launcher, then the consent layers. `ready` is emitted once every step has
 * run; a `destroy()` between steps cancels the rest, so nothing is mounted
 * afterwards.
 */
export function createSamtal(
  config: ResolvedConfig,
  schedule: StepScheduler = atOnce,
  document: Document = globalThis.document,
): SamtalApi {
  const cleanups: (() => void)[] = [];
  let destroyed = false;
  // Added before anything else listens: a window runs its listeners in the
  // order they were added, and telemetry must hand its last events over
  // (storage writes, a message to the other tabs) before the store and the
  // channels close on the same pagehide (back/forward cache; no `unload`).
  const view = document.defaultView;
  const onPageHide = () => telemetry.running()?.leave();
  const onPageShow = (event: PageTransitionEvent) => {
    if (event.persisted) telemetry.running()?.restored();
  };
  view?.addEventListener('pagehide', onPageHide);
  view?.addEventListener('pageshow', onPageShow);
  cleanups.push(() => {
    view?.removeEventListener('pagehide', onPageHide);
    view?.removeEventListener('pageshow', onPageShow);
  });
  const emitter = createEmitter<SamtalEvents>((error) => {
    // A site's handler threw: report it without breaking the widget or the page.
    console.error('Samtal: an event handler threw', error);
  });
  const preferences = createPreferenceStore(config.site);
  const navigator = document.defaultView?.navigator;
  const consent = createConsentService({
    site: config.site,
    locale: config.locale,
    preferences,
    policyVersion: config.policyVersion,
    globalPrivacyControl:
      (navigator as { globalPrivacyControl?: unknown } | undefined)?.globalPrivacyControl === true,
    sender: () => loadServices().then(({ sender }) => sender),
    startWatching: schedule,
    onReceiptError: () =>
      emitter.emit('error', {
        code: 'consent-receipt-failed',
        message: 'The consent receipt could not be prepared for the collector.',
      }),
  });
  const loadServices: () => Promise<WidgetServices> = loadOnce(() =>
    import('./create-services').then((chunk) => {
      const created = chunk.createServices({
        site: config.site,
        collector: config.collector,
        consent,
        preferences,
        onRefused: ({ endpoint, httpStatus }) =>
          emitter.emit('error', {
            code: `${endpoint}-refused`,
            message: `The collector refused the ${endpoint} request (HTTP ${httpStatus}); it will not be retried.`,
          }),
      });
      if (destroyed) created.dispose();
      else cleanups.push(() => created.dispose());
      void created.sender.resume();
      return created;
    }),
  );
  let unregisterSections: (() => void) | null = null;
  // What data.export() and .erase() cover loads with the first of them, not with the page.
  const data = createDataRegistry(async () => {
    const { registerDataSections } = await import('./register-data-sections');
    if (destroyed || unregisterSections) return;
    unregisterSections = registerDataSections({
      data,
      site: config.site,
      historyDays: config.historyDays,
      consent,
      services: loadServices,
      rights: loadRights,
      runningTelemetry: () => telemetry.running(),
    });
  });
  const loadRights: () => Promise<RightsService> = loadOnce(() =>
    import('./rights/create-rights-service').then((chunk) =>
      chunk.createRightsService({
        config,
        consent,
        preferences,
        data,
        services: loadServices,
        emitter,
      }),
    ),
  );
  const telemetry = followConsent({
    consent,
    load: () =>
      import('./telemetry/start-telemetry').then(
        (chunk) => () =>
          chunk.startTelemetry({
            config,
            consent,
            services: loadServices,
            ...(view ? { window: view } : {}),
          }),
      ),
  });
  const ui = createObservable<UiState>({ open: false, view: 'chat', unread: 0 });
  const track: WidgetContext['track'] = (action, lengthBucket) =>
    telemetry.track(action, lengthBucket);

  cleanups.push(
    ui.subscribe(
      (() => {
        let wasOpen = ui.get().open;
        return (state: UiState) => {
          if (state.open === wasOpen) return;
          wasOpen = state.open;
          emitter.emit(state.open ? 'open' : 'close', {});
          track(state.open ? 'opened' : 'closed');
        };
      })(),
    ),
    consent.snapshot.subscribe((snapshot) => emitter.emit('consent', snapshot)),
  );

  // An earlier page left receipts, leads or an erasure request unsent: send them now.
  if (preferences.get(outboxFlagKey, outboxFlag)) void loadServices();

  cleanups.push(
    () => unregisterSections?.(),
    () => telemetry.dispose(),
  );

  if (config.googleConsentMode) {
    // Google's consent state lives for one page and the site's defaults deny: replay a stored choice.
    updateGoogleConsent(consent.snapshot.get());
    cleanups.push(consent.snapshot.subscribe((snapshot) => updateGoogleConsent(snapshot)));
  }

  /** Runs `step` as `schedule` says, unless destroy() came first. */
  const next = (step: () => void) =>
    schedule(() => {
      if (!destroyed) step();
    });
  // The host element and its shadow root's styles (parsing them is a good part of the work).
  next(() => {
    const { host, root } = createHost(document, config);
    cleanups.push(() => host.remove());
    const context: WidgetContext = {
      config,
      root,
      ui,
      panelNotice: createObservable<PanelNoticeHost | null>(null),
      emitter,
      consent,
      preferences,
      data,
      services: loadServices,
      rights: loadRights,
      views: {
        'lead-form': () =>
          import('./ui/lead-form/lead-form-view').then((chunk) => chunk.LeadFormView),
        'your-data': () => import('./ui/your-data/your-data-view').then((m) => m.YourDataView),
      },
      track,
    };
    // The dock and the launcher: what the first paint shows.
    next(() => {
      const mounted = mountWidget(context, { loadPanel: createPanelLoader() });
      // On the page only now, with the launcher in it: a site's script never finds it empty.
      document.body.append(host);
      // Last in, so first out: destroy() unmounts the dock before anything else is cleaned up.
      cleanups.push(mounted.unmount);
      // The banner's place (its chunk starts loading) and the privacy settings control.
      next(() => {
        mounted.addLayers(createConsentLayers(context));
        // Handlers attached right after creation (and those queued by the stub) still hear `ready`.
        queueMicrotask(() => {
          if (!destroyed) emitter.emit('ready', { version });
        });
      });
    });
  });

  const setOpen = (open: boolean | ((current: boolean) => boolean)) => {
    if (destroyed) return;
    ui.set((current) => ({
      ...current,
      open: typeof open === 'function' ? open(current.open) : open,
    }));
  };

  const api: SamtalApi = {
    open: () => setOpen(true),
    close: () => setOpen(false),
    toggle: () => setOpen((open) => !open),
    consent: {
      get: () => consent.snapshot.get(),
      set: (choice) => {
        if (!destroyed) void consent.set(choice);
      },
      reset: () => {
        if (!destroyed) consent.reset();
      },
    },
    on: (name, handler) => emitter.on(name, handler),
    data: {
      // A copy and erasure are rights too: their code loads with the rights service, on first use.
      export: () => loadRights().then((service) => service.exportAll()),
      erase: () => loadRights().then(async (service) => void (await service.eraseAll())),
      rectify: (changes) => loadRights().then((service) => service.rectify(changes)),
      restrict: () => loadRights().then((service) => service.restrict()),
      object: () => loadRights().then((service) => service.object()),
    },
    destroy() {
      if (destroyed) return;
      destroyed = true;
      for (const cleanup of cleanups.splice(0).reverse()) cleanup();
      consent.dispose();
      emitter.clear();
    },
  };

  return api;
}

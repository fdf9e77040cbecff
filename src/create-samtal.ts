/**
 * The composition root: builds the services, mounts the element and returns
 * the public API (contract §6). Both entries (the script tag and `init`) come
 * through here.
 */
import { createEmitter } from './api/create-emitter';
import type { SamtalApi, SamtalEvents } from './api/samtal-api';
import type { ResolvedConfig } from './config/parse-config';
import { createConsentService } from './consent/create-consent-service';
import { maySend } from './consent/may-send';
import { createDataRegistry } from './data/create-data-registry';
import { createObservable } from './state/create-observable';
import { createPreferenceStore } from './storage/create-preference-store';
import { createTelemetrySection } from './telemetry/create-telemetry-section';
import type { Telemetry } from './telemetry/start-telemetry';
import { createHost, mountWidget } from './ui/mount-widget';
import { createPanelLoader } from './ui/panel/load-panel';
import type { UiState, WidgetContext, WidgetServices } from './ui/widget-context';

/** The widget's version, reported by the `ready` event. */
export const version = '0.1.0';

/** Builds and mounts the widget for a checked config. */
export function createSamtal(
  config: ResolvedConfig,
  document: Document = globalThis.document,
): SamtalApi {
  const cleanups: (() => void)[] = [];
  let destroyed = false;
  const emitter = createEmitter<SamtalEvents>((error) => {
    // A site's handler threw: report it without breaking the widget or the page.
    console.error('Samtal: an event handler threw', error);
  });
  const preferences = createPreferenceStore(config.site);
  const navigator = document.defaultView?.navigator;
  const consent = createConsentService({
    preferences,
    policyVersion: config.policyVersion,
    globalPrivacyControl:
      (navigator as { globalPrivacyControl?: unknown } | undefined)?.globalPrivacyControl === true,
  });
  let services: Promise<WidgetServices> | null = null;
  const loadServices = (): Promise<WidgetServices> => {
    if (services === null) {
      services = import('./create-services').then((chunk) =>
        chunk.createServices(config.site, config.collector, consent),
      );
      services.then(
        ({ sender }) => {
          if (destroyed) sender.dispose();
          else cleanups.push(() => sender.dispose());
          return sender.resume();
        },
        () => {
          services = null;
        },
      );
    }
    return services;
  };
  const data = createDataRegistry();
  let telemetry: Telemetry | null = null;
  let telemetryLoading = false;
  const ui = createObservable<UiState>({ open: false, view: 'chat', unread: 0 });
  const { host, root } = createHost(document, config.zIndex);

  const context: WidgetContext = {
    config,
    root,
    ui,
    emitter,
    consent,
    preferences,
    data,
    services: loadServices,
    views: {},
    track: (action, lengthBucket) => telemetry?.track(action, lengthBucket),
    onDestroy: (cleanup) => {
      cleanups.push(cleanup);
    },
  };

  cleanups.push(
    ui.subscribe(
      (() => {
        let wasOpen = ui.get().open;
        return (state: UiState) => {
          if (state.open === wasOpen) return;
          wasOpen = state.open;
          emitter.emit(state.open ? 'open' : 'close', {});
          context.track(state.open ? 'opened' : 'closed');
        };
      })(),
    ),
    consent.snapshot.subscribe((snapshot) => emitter.emit('consent', snapshot)),
  );

  const analyticsGranted = () => !destroyed && maySend('events', consent.snapshot.get());
  /**
   * Telemetry runs exactly while analytics is granted. Its chunk is loaded
   * only then; on withdrawal `stop()` empties its queue synchronously, in the
   * same task as the decision.
   */
  const syncTelemetry = (decidedNow: boolean) => {
    if (!analyticsGranted()) {
      const running = telemetry;
      telemetry = null;
      void running?.stop();
      return;
    }
    if (telemetry !== null) {
      if (decidedNow) telemetry.track('consent-changed');
      return;
    }
    if (telemetryLoading) return;
    telemetryLoading = true;
    import('./telemetry/start-telemetry').then(
      (chunk) => {
        telemetryLoading = false;
        // Consent may have changed while the chunk loaded.
        if (telemetry !== null || !analyticsGranted()) return;
        telemetry = chunk.startTelemetry({
          config,
          consent,
          services: loadServices,
          ...(document.defaultView ? { window: document.defaultView } : {}),
        });
        if (decidedNow) telemetry.track('consent-changed');
      },
      () => {
        telemetryLoading = false;
      },
    );
  };
  cleanups.push(
    data.register(
      'telemetry',
      createTelemetrySection({ services: loadServices, running: () => telemetry }),
    ),
    consent.snapshot.subscribe(() => syncTelemetry(true)),
    () => {
      telemetry?.dispose();
      telemetry = null;
    },
  );
  syncTelemetry(false);

  const unmount = mountWidget(context, { loadPanel: createPanelLoader(), layers: [] });

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
        if (!destroyed) consent.set(choice);
      },
      reset: () => {
        if (!destroyed) consent.reset();
      },
    },
    on: (name, handler) => emitter.on(name, handler),
    data: {
      async export() {
        return {
          format: 'samtal-export',
          version: 1,
          site: config.site,
          exportedAt: new Date().toISOString(),
          ...(await data.exportAll()),
        };
      },
      async erase() {
        await data.eraseAll();
      },
    },
    destroy() {
      if (destroyed) return;
      destroyed = true;
      unmount();
      for (const cleanup of cleanups.splice(0).reverse()) cleanup();
      consent.dispose();
      emitter.clear();
      host.remove();
    },
  };

  // Handlers attached right after creation (and those queued by the stub) still hear `ready`.
  queueMicrotask(() => {
    if (!destroyed) emitter.emit('ready', { version });
  });
  return api;
}

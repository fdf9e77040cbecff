/**
 * `window.Samtal` before the widget has loaded. The classic script defines it
 * at once so a site can call `Samtal.on('ready', …)` or `Samtal.open()` right
 * after the tag; calls wait in a queue and run, in order, when the real API
 * is attached. The stub stays `window.Samtal` afterwards and forwards to the
 * real API, so a reference kept by the site never goes stale.
 */
import type { ConsentSnapshot, SamtalApi, SamtalDataExport } from './samtal-api';
import { markSamtalApi } from './samtal-mark';

/** The stub and the function that connects it to the real API. */
export interface ApiStub {
  api: SamtalApi;
  attach(real: SamtalApi): void;
  /** The widget will not start (bad config): queued calls are dropped, later ones do nothing. */
  abandon(): void;
}

type Call = (real: SamtalApi) => void;

const undecided = (policyVersion: string): ConsentSnapshot => ({
  status: 'undecided',
  purposes: { necessary: true, analytics: false, marketing: false },
  id: null,
  decidedAt: null,
  method: null,
  policyVersion,
  globalPrivacyControl: false,
});

/** A rights request cannot be made, or recorded, by a widget that never started. */
function notRunning(): never {
  throw new Error('Samtal is not running');
}

export function createApiStub(): ApiStub {
  let real: SamtalApi | null = null;
  let abandoned = false;
  let queue: Call[] = [];

  function run(call: Call): void {
    if (real) call(real);
    else if (!abandoned) queue.push(call);
  }

  function later<T>(
    call: (api: SamtalApi) => Promise<T>,
    whenAbandoned: () => T = notRunning,
  ): Promise<T> {
    if (real) return call(real);
    // A `whenAbandoned` that throws rejects the promise rather than throwing into the page.
    if (abandoned) return Promise.resolve().then(whenAbandoned);
    return new Promise<T>((resolve, reject) => {
      queue.push((api) => call(api).then(resolve, reject));
    });
  }

  const api: SamtalApi = markSamtalApi({
    open: () => run((r) => r.open()),
    close: () => run((r) => r.close()),
    toggle: () => run((r) => r.toggle()),
    consent: {
      // Before the widget has read the stored choice, nothing is granted.
      get: () => (real ? real.consent.get() : undecided('')),
      set: (choice) => run((r) => r.consent.set(choice)),
      reset: () => run((r) => r.consent.reset()),
    },
    on(name, handler) {
      let unsubscribe: (() => void) | null = null;
      let cancelled = false;
      run((r) => {
        if (!cancelled) unsubscribe = r.on(name, handler);
      });
      return () => {
        cancelled = true;
        unsubscribe?.();
      };
    },
    data: {
      export: () =>
        later<SamtalDataExport>(
          (r) => r.data.export(),
          () => ({
            format: 'samtal-export',
            version: 1,
            site: '',
            exportedAt: new Date().toISOString(),
          }),
        ),
      erase: () =>
        later(
          (r) => r.data.erase(),
          () => undefined,
        ),
      rectify: (changes) => later((r) => r.data.rectify(changes)),
      restrict: () => later((r) => r.data.restrict()),
      object: () => later((r) => r.data.object()),
    },
    destroy: () => run((r) => r.destroy()),
  });

  return {
    api,
    attach(next) {
      real = next;
      const pending = queue;
      queue = [];
      for (const call of pending) call(next);
    },
    abandon() {
      abandoned = true;
      queue = [];
    },
  };
}

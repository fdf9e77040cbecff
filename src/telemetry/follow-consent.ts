/**
 * Runs telemetry exactly while analytics is granted. Its chunk is loaded
 * only then; on withdrawal `stop()` empties the queue synchronously, in the
 * same task as the decision (contract §3).
 */
import type { ConsentService } from '../consent/consent-service';
import { maySend } from '../consent/may-send';
import type { WidgetAction } from '../protocol/events';
import type { Telemetry } from './start-telemetry';

export interface FollowConsentOptions {
  consent: ConsentService;
  /** Loads the telemetry chunk; the function it resolves to starts telemetry. */
  load(): Promise<() => Telemetry>;
}

export interface TelemetryFollower {
  /** Forwards a widget interaction to the running telemetry; does nothing otherwise. */
  track(action: WidgetAction, lengthBucket?: string): void;
  /** The running telemetry, for export and erase. */
  running(): Telemetry | null;
  /** For `destroy()`: stops listening but keeps the queue for the next page. */
  dispose(): void;
}

export function followConsent({ consent, load }: FollowConsentOptions): TelemetryFollower {
  let telemetry: Telemetry | null = null;
  let loading = false;
  let disposed = false;
  const granted = () => !disposed && maySend('events', consent.snapshot.get());

  const sync = (decidedNow: boolean) => {
    if (!granted()) {
      const running = telemetry;
      telemetry = null;
      void running?.stop();
      return;
    }
    if (telemetry !== null) {
      if (decidedNow) telemetry.track('consent-changed');
      return;
    }
    if (loading) return;
    loading = true;
    load().then(
      (start) => {
        loading = false;
        // Consent may have changed while the chunk loaded: start only if it still holds.
        if (telemetry !== null || !granted()) return;
        telemetry = start();
        if (decidedNow) telemetry.track('consent-changed');
      },
      () => {
        loading = false;
      },
    );
  };

  const unsubscribe = consent.snapshot.subscribe(() => sync(true));
  sync(false);
  return {
    track: (action, lengthBucket) => telemetry?.track(action, lengthBucket),
    running: () => telemetry,
    dispose() {
      disposed = true;
      unsubscribe();
      telemetry?.dispose();
      telemetry = null;
    },
  };
}

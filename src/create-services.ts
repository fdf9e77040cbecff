/**
 * The lazy services chunk: Samtal's IndexedDB store and the one sender,
 * wired to the consent gate. Loaded on the first decision, the first open,
 * or at start when earlier pages left something to send.
 */
import type { ConsentService } from './consent/consent-service';
import { maySend } from './consent/may-send';
import { createSender, type Refusal } from './net/create-sender';
import { outboxFlagKey } from './net/outbox-flag';
import { createKeyValueStore } from './storage/create-key-value-store';
import type { PreferenceStore } from './storage/create-preference-store';
import type { WidgetServices } from './ui/widget-context';

export interface ServicesOptions {
  site: string;
  collector: string;
  consent: ConsentService;
  preferences: PreferenceStore;
  /** A durable request the collector refused (4xx); it is not retried. */
  onRefused(refusal: Refusal): void;
}

export function createServices({
  site,
  collector,
  consent,
  preferences,
  onRefused,
}: ServicesOptions): WidgetServices & {
  dispose(): void;
} {
  const store = createKeyValueStore(site);
  const sender = createSender({
    collector,
    // The stored choice, re-read at the moment of sending: another tab may have withdrawn.
    gate: (endpoint) => maySend(endpoint, consent.current()),
    store,
    onRefused,
    onPending: (count) => {
      if (count > 0) preferences.set(outboxFlagKey, true);
      else preferences.delete(outboxFlagKey);
    },
  });
  // No IndexedDB connection or transaction is left open in the back/forward
  // cache. Registered in the bubble phase: telemetry hands its last events
  // over in the capture phase, and those writes go out before the close.
  const suspend = () => store.suspend();
  const resume = () => store.resume();
  window.addEventListener('pagehide', suspend);
  window.addEventListener('pageshow', resume);
  return {
    store,
    sender,
    dispose() {
      sender.dispose();
      window.removeEventListener('pagehide', suspend);
      window.removeEventListener('pageshow', resume);
    },
  };
}

/**
 * The lazy services chunk: Samtal's IndexedDB store and the one sender,
 * wired to the consent gate. Loaded on the first decision, the first open,
 * or at start when earlier pages left something to send.
 */
import type { ConsentService } from './consent/consent-service';
import { maySend } from './consent/may-send';
import { createSender } from './net/create-sender';
import { createKeyValueStore } from './storage/create-key-value-store';
import type { WidgetServices } from './ui/widget-context';

export function createServices(
  site: string,
  collector: string,
  consent: ConsentService,
): WidgetServices {
  const store = createKeyValueStore(site);
  const sender = createSender({
    collector,
    gate: (endpoint) => maySend(endpoint, consent.snapshot.get()),
    store,
  });
  return { store, sender };
}

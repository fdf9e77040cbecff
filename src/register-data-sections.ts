/**
 * What `Samtal.data.export()` and `.erase()` cover: one section per kind of
 * data the widget keeps about the visitor. Each section's code and IndexedDB
 * load only when export or erase is asked for, so a plain page view pays
 * nothing for them.
 */
import type { ConsentService } from './consent/consent-service';
import type { DataRegistry, DataSection } from './data/create-data-registry';
import type { RightsService } from './rights/create-rights-service';
import { createTelemetrySection } from './telemetry/create-telemetry-section';
import type { Telemetry } from './telemetry/start-telemetry';
import type { WidgetServices } from './ui/widget-context';

/**
 * A section whose code loads only when export or erasure asks for it, so a
 * page view pays nothing for the sections it never uses.
 */
function lazySection(load: () => Promise<DataSection>): DataSection {
  return {
    export: async () => (await load()).export(),
    erase: async () => (await load()).erase(),
    erasureIds: async () => (await load()).erasureIds?.() ?? {},
  };
}

export interface DataSectionsOptions {
  data: DataRegistry;
  site: string;
  historyDays: number;
  consent: ConsentService;
  services(): Promise<WidgetServices>;
  rights(): Promise<RightsService>;
  runningTelemetry(): Telemetry | null;
}

/** Registers every section; returns the function that unregisters them. */
export function registerDataSections(options: DataSectionsOptions): () => void {
  const { data, site, historyDays, consent, services, rights } = options;
  const unregister = [
    data.register(
      'conversation',
      lazySection(() =>
        import('./chat/conversation-data').then((chunk) =>
          chunk.conversationData({
            store: async () => (await services()).store,
            site,
            historyDays,
          }),
        ),
      ),
    ),
    data.register(
      'contact',
      lazySection(async () => {
        const [chunk, { store }] = await Promise.all([import('./leads/lead-records'), services()]);
        return chunk.contactSection(store);
      }),
    ),
    data.register(
      'rights',
      lazySection(async () => (await rights()).section),
    ),
    data.register('consent', {
      export: async () => ({ choice: consent.record(), receipts: await consent.receipts() }),
      erase: () => consent.erase(),
      erasureIds: async () => {
        const current = consent.record();
        const receiptIds = (await consent.receipts()).map((receipt) => receipt.id);
        // The current id too: its receipt may not have been kept (storage full, hashing failed).
        return { consentIds: current ? [...receiptIds, current.id] : receiptIds };
      },
    }),
    data.register('pendingSends', {
      export: async () => (await services()).sender.pending(),
      erase: async () => (await services()).sender.forget(() => true),
    }),
    data.register(
      'telemetry',
      createTelemetrySection({ services, running: options.runningTelemetry }),
    ),
  ];
  return () => {
    for (const undo of unregister) undo();
  };
}

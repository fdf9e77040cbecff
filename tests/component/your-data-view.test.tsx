import { fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createEmitter } from '../../src/api/create-emitter';
import type { SamtalEvents } from '../../src/api/samtal-api';
import { collectInitConfig, parseConfig } from '../../src/config/parse-config';
import { createConsentService } from '../../src/consent/create-consent-service';
import { createDataRegistry } from '../../src/data/create-data-registry';
import type { DeliveryOutcome, OutboxItem, Sender } from '../../src/net/create-sender';
import { createRightsService } from '../../src/rights/create-rights-service';
import { createObservable } from '../../src/state/create-observable';
import { createKeyValueStore } from '../../src/storage/create-key-value-store';
import { createPreferenceStore } from '../../src/storage/create-preference-store';
import type { PanelNoticeHost, UiState, WidgetContext } from '../../src/ui/widget-context';
import { YourDataView } from '../../src/ui/your-data/your-data-view';

afterEach(() => {
  vi.restoreAllMocks();
});

function setup(locale: 'sv' | 'en' = 'sv', outcome: DeliveryOutcome = 'sent') {
  const parsed = parseConfig(
    collectInitConfig({ site: 'acme-se', collector: 'https://collector.example/v1', locale }),
    [],
    'init',
  );
  if (!parsed.success) throw new Error('bad test config');
  const preferences = createPreferenceStore('acme-se', null);
  const delivered: { endpoint: string; body: unknown }[] = [];
  const sender = {
    deliver: vi.fn(async (endpoint: string, _id: string, body: unknown) => {
      delivered.push({ endpoint, body });
      return outcome;
    }),
    pending: async (): Promise<OutboxItem[]> => [],
  } as unknown as Sender;
  let ids = 0;
  const consent = createConsentService({
    site: 'acme-se',
    locale,
    preferences,
    policyVersion: '1',
    globalPrivacyControl: false,
    newId: () => `00000000-0000-4000-8000-00000000000${ids++}`,
    now: () => new Date('2026-03-01T09:30:00.000Z'),
    hashTexts: async () => 'b'.repeat(64),
    sender: async () => sender,
  });
  const data = createDataRegistry();
  const store = createKeyValueStore('acme-se', null);
  data.register('consent', {
    export: async () => ({ choice: consent.record(), receipts: await consent.receipts() }),
    erase: () => consent.erase(),
    erasureIds: async () => ({ consentIds: (await consent.receipts()).map((r) => r.id) }),
  });
  const host = document.createElement('div');
  document.body.append(host);
  const context: WidgetContext = {
    config: parsed.data,
    root: host.attachShadow({ mode: 'open' }),
    ui: createObservable<UiState>({ open: true, view: 'your-data', unread: 0 }),
    panelNotice: createObservable<PanelNoticeHost | null>(null),
    emitter: createEmitter<SamtalEvents>(),
    consent,
    preferences,
    data,
    views: {},
    services: async () => ({ sender, store }),
    rights: async () =>
      createRightsService({
        config: parsed.data,
        consent,
        preferences,
        data,
        services: async () => ({ sender, store }),
        emitter: context.emitter,
      }),
    track: () => {},
  };
  render(<YourDataView context={context} />);
  return { consent, delivered, context };
}

describe('YourDataView', () => {
  it('says no choice was made, with every switch off', () => {
    setup();
    expect(screen.getByText(/Du har inte gjort något val än/)).toBeTruthy();
    for (const element of screen.getAllByRole('switch')) {
      expect(element.getAttribute('aria-checked')).toBe('false');
    }
    expect(document.querySelector('[part="your-data"]')).toBeTruthy();
  });

  it('shows the current choice and its date', async () => {
    const { consent } = setup();
    await consent.decide('accept', { analytics: true, marketing: true }, []);
    await screen.findByText('Valt 1 mars 2026.');
    expect(screen.getByRole('switch', { name: 'Statistik' }).getAttribute('aria-checked')).toBe(
      'true',
    );
  });

  it('changes one purpose in one click, with a receipt', async () => {
    const { consent, delivered } = setup('en');
    fireEvent.click(screen.getByRole('switch', { name: 'Statistics' }));
    expect(consent.snapshot.get()).toMatchObject({
      method: 'custom',
      purposes: { analytics: true, marketing: false },
    });
    await waitFor(() => expect(delivered).toHaveLength(1));
    expect(screen.getByText('Your choice is saved.').getAttribute('role')).toBe('status');
  });

  it('withdraws in one click', async () => {
    const { consent, delivered } = setup();
    await consent.decide('accept', { analytics: true, marketing: true }, []);
    fireEvent.click(await screen.findByRole('button', { name: 'Återkalla samtycket' }));
    expect(consent.snapshot.get()).toMatchObject({
      method: 'withdraw',
      purposes: { analytics: false, marketing: false },
    });
    await waitFor(() =>
      expect(delivered.map(({ body }) => (body as { method: string }).method)).toEqual([
        'accept',
        'withdraw',
      ]),
    );
    expect(screen.getByText('Återkallat 1 mars 2026. Inget mäts.')).toBeTruthy();
  });

  it('downloads the same object as data.export() as a JSON file', async () => {
    const { consent } = setup();
    await consent.decide('reject', { analytics: false, marketing: false }, []);
    const blobs: Blob[] = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
      blobs.push(blob as Blob);
      return 'blob:samtal-export';
    });
    const clicked: HTMLAnchorElement[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      clicked.push(this);
    });
    fireEvent.click(screen.getByRole('button', { name: 'Ladda ner (JSON)' }));
    await waitFor(() => expect(clicked).toHaveLength(1));
    expect(clicked[0]?.getAttribute('href')).toBe('blob:samtal-export');
    expect(clicked[0]?.getAttribute('download')).toMatch(
      /^samtal-acme-se-\d{4}-\d{2}-\d{2}\.json$/,
    );
    const exported = JSON.parse(await (blobs[0] as Blob).text());
    expect(exported).toMatchObject({
      format: 'samtal-export',
      version: 1,
      site: 'acme-se',
      consent: {
        choice: { method: 'reject' },
        receipts: [{ method: 'reject', site: 'acme-se' }],
      },
    });
  });

  it('erases after a confirmation, asks the collector, and tells the visitor', async () => {
    const { consent, delivered } = setup();
    await consent.decide('accept', { analytics: true, marketing: false }, []);
    fireEvent.click(screen.getByRole('button', { name: 'Radera allt' }));
    const confirm = screen.getByRole('button', { name: 'Ja, radera' });
    expect(document.activeElement === confirm || confirm.matches(':focus')).toBe(true);
    fireEvent.click(confirm);
    await screen.findByText(/Klart. Allt i din webbläsare är raderat/);
    expect(delivered.at(-1)).toEqual({
      endpoint: 'erasure',
      body: {
        site: 'acme-se',
        visitorId: null,
        consentIds: ['00000000-0000-4000-8000-000000000000'],
        leadIds: [],
        conversationIds: [],
      },
    });
    expect(consent.snapshot.get().status).toBe('undecided');
  });

  it('tells the visitor when the collector refused the erasure request', async () => {
    const { consent } = setup('en', 'refused');
    await consent.decide('accept', { analytics: true, marketing: false }, []);
    fireEvent.click(screen.getByRole('button', { name: 'Erase everything' }));
    fireEvent.click(screen.getByRole('button', { name: 'Yes, erase' }));
    await screen.findByText(/did not accept the erasure request\. Contact the site/);
    expect(screen.queryByText(/has your erasure request/)).toBeNull();
  });
});

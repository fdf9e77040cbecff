/**
 * The visitor's rights in the data view (contract §8): each state of
 * "Correct my details", "Pause use of my data" and "No marketing", in sv and
 * en, with what left for the collector and what did not.
 */
import { configure, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { createEmitter } from '../../src/api/create-emitter';
import type { SamtalEvents } from '../../src/api/samtal-api';
import { collectInitConfig, parseConfig } from '../../src/config/parse-config';
import { createConsentService } from '../../src/consent/create-consent-service';
import { createDataRegistry } from '../../src/data/create-data-registry';
import { contactSection, readLeadRecords, recordSentLead } from '../../src/leads/lead-records';
import { createSender } from '../../src/net/create-sender';
import { createRightsService } from '../../src/rights/create-rights-service';
import { createObservable } from '../../src/state/create-observable';
import { createKeyValueStore } from '../../src/storage/create-key-value-store';
import { createPreferenceStore } from '../../src/storage/create-preference-store';
import type { PanelNoticeHost, UiState, WidgetContext } from '../../src/ui/widget-context';
import { YourDataView } from '../../src/ui/your-data/your-data-view';

// Chunks load and IndexedDB answers slowly on a loaded machine; 1 s was not enough there.
configure({ asyncUtilTimeout: 5_000 });

const leadId = '7b8c0d2e-1f3a-4b5c-8d9e-0a1b2c3d4e5f';
const now = new Date('2026-03-01T09:30:00.000Z');

interface SetupOptions {
  locale?: 'sv' | 'en';
  online?: boolean;
  sent?: Record<string, string> | null;
  fields?: string;
}

async function setup({
  locale = 'sv',
  online = true,
  sent = { name: 'Åsa Öberg', email: 'asa@exempel.se' },
  fields = 'name,email,phone',
}: SetupOptions = {}) {
  const parsed = parseConfig(
    collectInitConfig({
      site: 'acme-se',
      collector: 'https://collect.example/v1',
      locale,
      fields: fields.split(','),
    }),
    [],
    'init',
  );
  if (!parsed.success) throw new Error('bad test config');
  const config = parsed.data;
  const posted: { endpoint: string; body: Record<string, unknown> }[] = [];
  const store = createKeyValueStore('acme-se', null);
  const sender = createSender({
    collector: config.collector,
    gate: () => true,
    store,
    fetch: async (url, init) => {
      if (!online) throw new TypeError('offline');
      posted.push({
        endpoint: String(url).split('/').at(-1) ?? '',
        body: JSON.parse(String(init?.body)),
      });
      return new Response(null, { status: 201 });
    },
    onOnline: () => () => {},
    setTimer: () => null,
    clearTimer: () => {},
  });
  if (sent !== null) {
    await recordSentLead(store, { id: leadId, submittedAt: now.toISOString(), fields: sent });
  }
  const preferences = createPreferenceStore('acme-se', null);
  let ids = 0;
  const newId = () => `00000000-0000-4000-8000-${String(ids++).padStart(12, '0')}`;
  const consent = createConsentService({
    site: 'acme-se',
    locale,
    preferences,
    policyVersion: '1',
    globalPrivacyControl: false,
    newId,
    now: () => now,
    hashTexts: async () => 'b'.repeat(64),
    sender: async () => sender,
  });
  const data = createDataRegistry();
  data.register('contact', contactSection(store));
  const emitter = createEmitter<SamtalEvents>();
  const services = async () => ({ sender, store });
  const rights = createRightsService({
    config,
    consent,
    preferences,
    data,
    services,
    emitter,
    newId,
    now: () => now,
  });
  const host = document.createElement('div');
  document.body.append(host);
  const context: WidgetContext = {
    config,
    root: host.attachShadow({ mode: 'open' }),
    ui: createObservable<UiState>({ open: true, view: 'your-data', unread: 0 }),
    panelNotice: createObservable<PanelNoticeHost | null>(null),
    emitter,
    consent,
    preferences,
    data,
    views: {},
    services,
    rights: async () => rights,
    track: () => {},
  };
  const rendered = () => render(<YourDataView context={context} />);
  const rightsPosts = () => posted.filter(({ endpoint }) => endpoint === 'rights');
  return { consent, context, rights, rendered, posted, rightsPosts, store };
}

const input = (name: string) => {
  const element = document.querySelector<HTMLInputElement>(`input[name="${name}"]`);
  if (!element) throw new Error(`no input ${name}`);
  return element;
};

describe('Correct my details', () => {
  it('says so when nothing was sent from this browser, and offers no form', async () => {
    const { rendered } = await setup({ sent: null });
    rendered();
    await screen.findByText('Du har inte skickat några kontaktuppgifter härifrån.');
    expect(screen.queryByRole('button', { name: 'Rätta mina uppgifter' })).toBeNull();
  });

  it('opens the contact form filled with what was last sent, only those fields', async () => {
    const { rendered } = await setup();
    rendered();
    fireEvent.click(await screen.findByRole('button', { name: 'Rätta mina uppgifter' }));
    await screen.findByRole('button', { name: 'Skicka rättelsen' });
    expect(input('name').value).toBe('Åsa Öberg');
    expect(input('email').value).toBe('asa@exempel.se');
    // The site asks for a phone number too, but none was sent: nothing to correct.
    expect(document.querySelector('input[name="phone"]')).toBeNull();
    expect(document.querySelector('[part="lead-form"]')).toBeTruthy();
    await waitFor(() => expect(document.activeElement).toBe(input('name')));
  });

  it('refuses an invalid value at the field, as the form does, and sends nothing', async () => {
    const { rendered, rightsPosts } = await setup();
    rendered();
    fireEvent.click(await screen.findByRole('button', { name: 'Rätta mina uppgifter' }));
    await screen.findByRole('button', { name: 'Skicka rättelsen' });
    fireEvent.input(input('email'), { target: { value: 'asa@' } });
    fireEvent.click(screen.getByRole('button', { name: 'Skicka rättelsen' }));
    await screen.findByText('Kontrollera e-postadressen, till exempel namn@foretag.se.');
    expect(input('email').getAttribute('aria-invalid')).toBe('true');
    expect(rightsPosts()).toEqual([]);
  });

  it('sends only the changed field, at once, and confirms with the deadline', async () => {
    const { rendered, rightsPosts, store } = await setup();
    rendered();
    fireEvent.click(await screen.findByRole('button', { name: 'Rätta mina uppgifter' }));
    await screen.findByRole('button', { name: 'Skicka rättelsen' });
    fireEvent.input(input('email'), { target: { value: 'Asa.Oberg@Exempel.SE' } });
    // Straight away: a correction is never held back as a bot would be.
    fireEvent.click(screen.getByRole('button', { name: 'Skicka rättelsen' }));
    const notice = await screen.findByText(
      'Klart. Dina uppgifter är rättade och webbplatsen har fått din begäran. Den ska vara hanterad senast 1 april 2026.',
    );
    expect(notice.getAttribute('role')).toBe('status');
    expect(rightsPosts().map(({ body }) => body)).toEqual([
      expect.objectContaining({
        kind: 'rectify',
        leadIds: [leadId],
        changes: { email: 'Asa.Oberg@exempel.se' },
      }),
    ]);
    expect(document.querySelector('[part="lead-form"]')).toBeNull();
    await screen.findByText('Rättelse, 1 mars 2026. Ska vara hanterad senast 1 april 2026.');
    expect((await readLeadRecords(store)).leads).toEqual([
      expect.objectContaining({ fields: { name: 'Åsa Öberg', email: 'Asa.Oberg@exempel.se' } }),
    ]);
  });

  it('says there is nothing to correct when no value changed, and sends nothing', async () => {
    const { rendered, rightsPosts } = await setup({ locale: 'en' });
    rendered();
    fireEvent.click(await screen.findByRole('button', { name: 'Correct my details' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Send the correction' }));
    await screen.findByText('Nothing to correct: the details are the same as you sent.');
    expect(rightsPosts()).toEqual([]);
  });

  it('says the correction waits when offline', async () => {
    const { rendered } = await setup({ locale: 'en', online: false });
    rendered();
    fireEvent.click(await screen.findByRole('button', { name: 'Correct my details' }));
    await screen.findByRole('button', { name: 'Send the correction' });
    fireEvent.input(input('name'), { target: { value: 'Åsa Öberg-Lind' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send the correction' }));
    await screen.findByText(
      'Your details are corrected here. The request is sent to the site as soon as you are back online.',
    );
  });

  it('returns to the view with focus on its button when cancelled', async () => {
    const { rendered, rightsPosts } = await setup();
    rendered();
    fireEvent.click(await screen.findByRole('button', { name: 'Rätta mina uppgifter' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Avbryt' }));
    const button = await screen.findByRole('button', { name: 'Rätta mina uppgifter' });
    await waitFor(() => expect(document.activeElement).toBe(button));
    expect(rightsPosts()).toEqual([]);
  });
});

describe('Pause use of my data', () => {
  it('stops telemetry in the click, sends the request and says until when', async () => {
    const { consent, rendered, rightsPosts } = await setup();
    await consent.decide('accept', { analytics: true, marketing: true }, []);
    rendered();
    fireEvent.click(
      await screen.findByRole('button', { name: 'Pausa användningen av mina uppgifter' }),
    );
    expect(consent.snapshot.get().purposes).toMatchObject({ analytics: false, marketing: false });
    await screen.findByText(
      'Klart. Inget mäts längre, och webbplatsen har fått din begäran om att pausa användningen till 1 april 2026.',
    );
    expect(screen.getByText(/^Pausat till 1 april 2026\. Inget mäts/).textContent).toContain(
      'Sedan frågar vi dig igen.',
    );
    expect(
      screen.queryByRole('button', { name: 'Pausa användningen av mina uppgifter' }),
    ).toBeNull();
    expect(rightsPosts().map(({ body }) => body.kind)).toEqual(['restrict']);
    for (const purpose of ['Statistik', 'Marknadsföring']) {
      expect(screen.getByRole('switch', { name: purpose }).getAttribute('aria-checked')).toBe(
        'false',
      );
    }
  });

  it('shows a pause made earlier (or in another tab) when the view opens', async () => {
    const { rights, rendered } = await setup({ locale: 'en' });
    await rights.restrict();
    rendered();
    await screen.findByText(/^Paused until 1 April 2026\. Nothing is measured/);
    await screen.findByText('Pause, 1 March 2026. To be handled by 1 April 2026.');
  });

  it('ends the pause when the visitor turns a choice on again', async () => {
    const { rights, consent, rendered } = await setup({ locale: 'en' });
    await rights.restrict();
    rendered();
    await screen.findByText(/^Paused until/);
    fireEvent.click(screen.getByRole('switch', { name: 'Statistics' }));
    expect(consent.snapshot.get().purposes.analytics).toBe(true);
    await screen.findByRole('button', { name: 'Pause use of my data' });
  });
});

describe('No marketing', () => {
  it('turns marketing off, keeps statistics, and says so', async () => {
    const { consent, rendered, rightsPosts } = await setup({ locale: 'en' });
    await consent.decide('accept', { analytics: true, marketing: true }, []);
    rendered();
    const button = await screen.findByRole('button', { name: 'No marketing' });
    await waitFor(() => expect(button.hasAttribute('disabled')).toBe(false));
    fireEvent.click(button);
    await screen.findByText('Done. Marketing is off and the site has your no.');
    expect(consent.snapshot.get().purposes).toMatchObject({ analytics: true, marketing: false });
    expect(
      screen.getByText(
        'You said no to marketing on 1 March 2026. It holds until you turn marketing on again yourself.',
      ),
    ).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'No marketing' })).toBeNull();
    expect(rightsPosts().map(({ body }) => body.kind)).toEqual(['object']);
  });

  it('shows an objection made earlier when the view opens', async () => {
    const { rights, rendered } = await setup();
    await rights.object();
    rendered();
    await screen.findByText(/^Du sa nej till marknadsföring 1 mars 2026\./);
    const requests = screen.getByRole('list');
    expect(within(requests).getByText(/^Nej till marknadsföring, 1 mars 2026\./)).toBeTruthy();
  });

  it('says it waits when offline', async () => {
    const { rendered } = await setup({ online: false });
    rendered();
    const button = await screen.findByRole('button', { name: 'Nej till marknadsföring' });
    await waitFor(() => expect(button.hasAttribute('disabled')).toBe(false));
    fireEvent.click(button);
    await screen.findByText(
      'Marknadsföring är avstängd. Ditt nej skickas till webbplatsen så snart du är uppkopplad igen.',
    );
  });
});

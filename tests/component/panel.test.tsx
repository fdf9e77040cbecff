import { fireEvent, waitFor } from '@testing-library/preact';
import { HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { demoHandlers } from '../../demo/mocks/handlers';
import { createEmitter } from '../../src/api/create-emitter';
import type { MessageEventPayload, SamtalEvents } from '../../src/api/samtal-api';
import { storedConversation } from '../../src/chat/conversation';
import { conversationKey } from '../../src/chat/create-chat-history';
import type { ResolvedConfig } from '../../src/config/parse-config';
import { createConsentService } from '../../src/consent/create-consent-service';
import { createDataRegistry } from '../../src/data/create-data-registry';
import { createSender } from '../../src/net/create-sender';
import { createObservable } from '../../src/state/create-observable';
import { createKeyValueStore, type KeyValueStore } from '../../src/storage/create-key-value-store';
import { createPreferenceStore } from '../../src/storage/create-preference-store';
import { mountPanel } from '../../src/ui/panel/mount-panel';
import type { PanelNoticeHost, UiState, WidgetContext } from '../../src/ui/widget-context';

const endpoints = { collector: 'https://collector.test/v1', chat: 'https://bot.test/v1/chat' };
const chatBodies: unknown[] = [];
const server = setupServer(...demoHandlers(endpoints));

beforeAll(() => {
  server.listen({ onUnhandledRequest: 'error' });
  server.events.on('request:start', ({ request }) => {
    if (request.url === endpoints.chat)
      void request
        .clone()
        .json()
        .then((body) => chatBodies.push(body));
  });
});
afterEach(() => {
  server.resetHandlers();
  chatBodies.length = 0;
  for (const unmount of mounted.splice(0)) unmount();
  document.body.replaceChildren();
});
afterAll(() => server.close());

const mounted: (() => void)[] = [];

function mount({
  chat = endpoints.chat as string | null,
  store = createKeyValueStore('demo', null),
  open = true,
  views = {} as WidgetContext['views'],
} = {}) {
  const host = document.createElement('div');
  document.body.append(host);
  const root = host.attachShadow({ mode: 'open' });
  const slot = document.createElement('div');
  root.append(slot);
  const config = {
    site: 'demo',
    collector: endpoints.collector,
    ...(chat ? { chat } : {}),
    locale: 'sv',
    policyVersion: '1',
    fields: ['name', 'email'],
    consent: 'banner',
    placement: 'bottom-right',
    offset: 20,
    recipients: [],
    zIndex: 1,
    historyDays: 30,
    chatTimeout: 20,
    googleConsentMode: false,
    allowPersonnummer: false,
    redact: ['personnummer', 'card'],
    keepParams: [],
    debug: false,
    botName: 'Ljungberg & Ek',
  } satisfies ResolvedConfig;
  const ui = createObservable<UiState>({ open, view: 'chat', unread: 0 });
  const emitter = createEmitter<SamtalEvents>();
  const messages: MessageEventPayload[] = [];
  emitter.on('message', (message) => messages.push(message));
  const tracked: string[] = [];
  const preferences = createPreferenceStore('demo');
  const consent = createConsentService({
    site: 'demo',
    locale: 'sv',
    preferences,
    policyVersion: '1',
    globalPrivacyControl: false,
    sender: () => Promise.reject(new Error('the panel tests make no consent decisions')),
  });
  const context: WidgetContext = {
    config,
    root,
    ui,
    panelNotice: createObservable<PanelNoticeHost | null>(null),
    emitter,
    consent,
    preferences,
    data: createDataRegistry(),
    views,
    services: async () => ({
      store,
      sender: createSender({ collector: endpoints.collector, gate: () => false, store }),
    }),
    rights: () => Promise.reject(new Error('the panel tests make no rights requests')),
    track: (action, bucket) => tracked.push(bucket ? `${action}:${bucket}` : action),
  };
  const unmount = mountPanel(slot, context, () => ui.set((state) => ({ ...state, open: false })));
  mounted.push(unmount);
  const query = <T extends Element = HTMLElement>(selector: string) =>
    root.querySelector<T & Element>(selector);
  const input = () => {
    const element = query<HTMLTextAreaElement>('[part=message-input]');
    if (!element) throw new Error('no message input');
    return element;
  };
  const type = (text: string) => fireEvent.input(input(), { target: { value: text } });
  const bot = () => [...root.querySelectorAll('[part=message][data-from=bot]')];
  const visitor = () => [...root.querySelectorAll('[part=message][data-from=visitor]')];
  return { root, ui, query, input, type, bot, visitor, messages, tracked, unmount, store };
}

describe('chat panel', () => {
  it('is a labelled dialog with the bot name, and focus starts in the message box', async () => {
    const { query, input, root } = mount();
    const panel = query('[part=panel]');
    expect(panel?.getAttribute('role')).toBe('dialog');
    const title = root.getElementById(panel?.getAttribute('aria-labelledby') ?? '');
    expect(title?.textContent).toBe('Ljungberg & Ek');
    await waitFor(() => expect(root.activeElement).toBe(input()));
    expect(query('[part=close]')).not.toBeNull();
    expect(query('[part=message-list]')).not.toBeNull();
  });

  it('keeps send disabled while the box is empty or blank', () => {
    const { query, type } = mount();
    const send = query<HTMLButtonElement>('[part=send]');
    expect(send?.disabled).toBe(true);
    type('   \n ');
    expect(send?.disabled).toBe(true);
    type('Hej');
    expect(send?.disabled).toBe(false);
  });

  it('sends on Enter, not on Shift+Enter, and shows the streamed reply', async () => {
    const { input, type, bot, visitor, messages, tracked } = mount();
    type('Vad samlar ni in?');
    fireEvent.keyDown(input(), { key: 'Enter', shiftKey: true });
    expect(visitor()).toHaveLength(0);
    fireEvent.keyDown(input(), { key: 'Enter' });
    await waitFor(() =>
      expect(visitor().map((element) => element.textContent)).toEqual(['Du: Vad samlar ni in?']),
    );
    expect(input().value).toBe('');
    await waitFor(() => expect(bot()[0]?.textContent).toContain('två sorters uppgifter'));
    await waitFor(() => expect(bot()[0]?.getAttribute('aria-busy')).toBeNull());
    expect(bot()[0]?.querySelector('ul')).not.toBeNull();
    expect(chatBodies).toHaveLength(1);
    expect(Object.keys(chatBodies[0] as object).sort()).toEqual([
      'conversationId',
      'locale',
      'message',
      'site',
    ]);
    expect(messages.map((message) => message.from)).toEqual(['visitor', 'bot']);
    expect(tracked).toEqual(['message-sent:1-20']);
  });

  it('does not send on Enter while an input method is composing a word', async () => {
    const { input, type, visitor, bot } = mount();
    type('こんにちは');
    fireEvent.keyDown(input(), { key: 'Enter', isComposing: true });
    expect(visitor()).toHaveLength(0);
    expect(input().value).toBe('こんにちは');
    fireEvent.keyDown(input(), { key: 'Enter' });
    await waitFor(() => expect(visitor()).toHaveLength(1));
    await waitFor(() => expect(bot()).toHaveLength(1));
    expect(chatBodies).toHaveLength(1);
  });

  it('announces a finished reply once, not every chunk', async () => {
    const { root, type, input, bot } = mount();
    const region = root.querySelector('[aria-live=polite][role=status]');
    type('Hur länge sparar ni uppgifterna?');
    fireEvent.keyDown(input(), { key: 'Enter' });
    await waitFor(() => expect(bot()[0]?.textContent).toContain('12 månader'));
    await waitFor(() => expect(region?.textContent).toMatch(/^Ljungberg & Ek: Så länge sparar vi/));
    expect(region?.textContent).not.toContain('**');
  });

  it('removes a personal identity number before it leaves, and says so', async () => {
    const { root, type, input, visitor, bot } = mount();
    type('Mitt personnummer är 811218-9876, vad sparar ni?');
    fireEvent.keyDown(input(), { key: 'Enter' });
    await waitFor(() =>
      expect(visitor()[0]?.textContent).toBe(
        'Du: Mitt personnummer är [personnummer], vad sparar ni?',
      ),
    );
    expect(root.querySelector('.chat__note')?.textContent).toContain(
      'ett person- eller samordningsnummer',
    );
    await waitFor(() => expect(bot()).toHaveLength(1));
    expect(JSON.stringify(chatBodies)).not.toContain('811218');
  });

  it('keeps back a message that redaction would lengthen past the limit, and says by how much', async () => {
    const { root, type, input, visitor, query } = mount();
    // 2,000 characters as typed; `[personnummer]` is 4 longer than `811218-9876`.
    const typed = `Mitt personnummer är 811218-9876. ${'a'.repeat(1_966)}`;
    expect(typed).toHaveLength(2_000);
    type(typed);
    const note = () => root.querySelector('.composer__count--over');
    expect(note()?.textContent).toContain('3 tecken för långt');
    expect(input().getAttribute('aria-invalid')).toBe('true');
    query<HTMLButtonElement>('[part=send]')?.click();
    fireEvent.keyDown(input(), { key: 'Enter' });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(visitor()).toHaveLength(0);
    expect(chatBodies).toEqual([]);
    expect(input().value).toBe(typed);
    expect(note()?.getAttribute('role')).toBe('alert');

    type(typed.slice(0, -3));
    expect(note()).toBeNull();
    fireEvent.keyDown(input(), { key: 'Enter' });
    await waitFor(() => expect(visitor()).toHaveLength(1));
    await waitFor(() => expect(chatBodies).toHaveLength(1));
    expect((chatBodies[0] as { message: { text: string } }).message.text).toHaveLength(2_000);
  });

  it('sends a quick reply by button and tracks it', async () => {
    const { root, type, input, bot, visitor, tracked } = mount();
    type('Hej');
    fireEvent.keyDown(input(), { key: 'Enter' });
    await waitFor(() => expect(root.querySelector('.chat__actions button')).not.toBeNull());
    const chip = root.querySelector<HTMLButtonElement>('.chat__actions button');
    expect(chip?.tagName).toBe('BUTTON');
    chip?.click();
    await waitFor(() => expect(bot()).toHaveLength(2));
    expect(visitor()[1]?.textContent).toBe('Du: Vilka uppgifter samlar ni in om mig?');
    expect(tracked).toContain('quick-reply');
  });

  it('keeps the message after a server error and sends it again on retry', async () => {
    server.use(http.post(endpoints.chat, () => new HttpResponse(null, { status: 500 })));
    const { root, type, input, visitor, bot } = mount();
    type('Hej');
    fireEvent.keyDown(input(), { key: 'Enter' });
    await waitFor(() => expect(root.querySelector('.chat__failure')).not.toBeNull());
    expect(root.querySelector('.chat__failure')?.textContent).toContain(
      'Ditt meddelande finns kvar',
    );
    expect(visitor()).toHaveLength(1);
    server.resetHandlers();
    root.querySelector<HTMLButtonElement>('.chat__retry')?.click();
    await waitFor(() => expect(bot()).toHaveLength(1));
    expect(root.querySelector('.chat__failure')).toBeNull();
    expect(visitor()).toHaveLength(1);
    const ids = chatBodies.map((body) => (body as { message: { id: string } }).message.id);
    expect(new Set(ids).size).toBe(1);
  });

  it('counts a reply that arrives while closed as unread, and clears it on open', async () => {
    const { ui, type, input } = mount();
    type('Hej');
    fireEvent.keyDown(input(), { key: 'Enter' });
    ui.set((state) => ({ ...state, open: false }));
    await waitFor(() => expect(ui.get().unread).toBe(1));
    ui.set((state) => ({ ...state, open: true }));
    expect(ui.get().unread).toBe(0);
  });

  it('restores the conversation from storage', async () => {
    const store: KeyValueStore = createKeyValueStore('demo', null);
    const first = mount({ store });
    first.type('Hej');
    fireEvent.keyDown(first.input(), { key: 'Enter' });
    await waitFor(() => expect(first.bot()).toHaveLength(1));
    await waitFor(async () =>
      expect((await store.get(conversationKey, storedConversation))?.messages).toHaveLength(2),
    );
    first.unmount();
    const second = mount({ store });
    await waitFor(() => expect(second.visitor()).toHaveLength(1));
    expect(second.bot()).toHaveLength(1);
  });

  it('starts a new conversation from the menu with a new id', async () => {
    const { root, type, input, bot, visitor } = mount();
    type('Hej');
    fireEvent.keyDown(input(), { key: 'Enter' });
    await waitFor(() => expect(bot()).toHaveLength(1));
    const menu = root.querySelector<HTMLButtonElement>('[aria-expanded][aria-controls]');
    menu?.click();
    const item = [...root.querySelectorAll<HTMLButtonElement>('.menu__item')].find(
      (button) => button.textContent === 'Ny konversation',
    );
    item?.click();
    await waitFor(() => expect(visitor()).toHaveLength(0));
    type('Hej igen');
    fireEvent.keyDown(input(), { key: 'Enter' });
    await waitFor(() => expect(bot()).toHaveLength(1));
    const ids = chatBodies.map((body) => (body as { conversationId: string }).conversationId);
    expect(ids).toHaveLength(2);
    expect(ids[0]).not.toBe(ids[1]);
  });

  it('opens the contact form from a contact-form action', async () => {
    const views = { 'lead-form': async () => () => <form part="lead-form" /> };
    const { root, ui, type, input } = mount({ views });
    type('Jag vill bli kontaktad');
    fireEvent.keyDown(input(), { key: 'Enter' });
    await waitFor(() => expect(root.querySelector('.chip--primary')).not.toBeNull());
    root.querySelector<HTMLButtonElement>('.chip--primary')?.click();
    expect(ui.get().view).toBe('lead-form');
    await waitFor(() => expect(root.querySelector('[part=lead-form]')).not.toBeNull());
  });

  it('without a chat endpoint, offers the contact form and sends nothing', async () => {
    const views = { 'lead-form': async () => () => <form part="lead-form" /> };
    const { root, ui, query } = mount({ chat: null, views });
    expect(query('[part=message-input]')).toBeNull();
    expect(root.textContent).toContain('Lämna dina kontaktuppgifter');
    root.querySelector<HTMLButtonElement>('.chat__primary')?.click();
    expect(ui.get().view).toBe('lead-form');
    expect(chatBodies).toHaveLength(0);
  });
});

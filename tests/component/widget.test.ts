import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SamtalApi, SamtalConfigInput } from '../../src/index';
import { init } from '../../src/index';

const config: SamtalConfigInput = {
  site: 'acme-se',
  collector: 'https://collect.example.se/v1',
  locale: 'sv',
};
let api: SamtalApi | null = null;

afterEach(() => {
  api?.destroy();
  api = null;
  delete (globalThis as { Samtal?: unknown }).Samtal;
  localStorage.clear();
});

function shadow() {
  const host = document.querySelector('samtal-chat');
  if (!host?.shadowRoot) throw new Error('no <samtal-chat> with an open shadow root');
  return host.shadowRoot;
}

function launcher() {
  const button = shadow().querySelector<HTMLButtonElement>('[part="launcher"]');
  if (!button) throw new Error('no launcher');
  return button;
}

describe('the widget element', () => {
  it('appends one <samtal-chat> to body with an open shadow root and a labelled launcher', () => {
    api = init(config);
    expect(document.querySelectorAll('samtal-chat')).toHaveLength(1);
    expect(document.querySelector('samtal-chat')?.parentElement).toBe(document.body);
    expect(launcher().getAttribute('aria-label')).toBe('Öppna chatten');
    expect(launcher().getAttribute('aria-expanded')).toBe('false');
  });

  it('speaks English when asked to', () => {
    api = init({ ...config, locale: 'en' });
    expect(launcher().getAttribute('aria-label')).toBe('Open chat');
  });

  it('opens, closes and toggles, telling listeners each time', async () => {
    api = init(config);
    const events: string[] = [];
    api.on('open', () => events.push('open'));
    const off = api.on('close', () => events.push('close'));
    api.open();
    expect(launcher().getAttribute('aria-expanded')).toBe('true');
    api.open();
    api.close();
    api.toggle();
    off();
    api.toggle();
    expect(events).toEqual(['open', 'close', 'open']);
    expect(launcher().getAttribute('aria-expanded')).toBe('false');
  });

  it('opens when the visitor clicks the launcher', () => {
    api = init(config);
    launcher().click();
    expect(launcher().getAttribute('aria-expanded')).toBe('true');
    expect(launcher().getAttribute('aria-label')).toBe('Stäng chatten');
  });

  it('closes on Escape from anywhere in the widget, the launcher included, focus on the launcher', async () => {
    api = init(config);
    const pressEscape = (target: Element) =>
      target.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    launcher().click();
    // Without a chat endpoint, focus lands on the view's first control (the contact form button).
    await vi.waitFor(() => expect(shadow().activeElement?.textContent).toBe('Bli kontaktad'), {
      timeout: 10_000,
    });
    pressEscape(shadow().activeElement as Element);
    expect(launcher().getAttribute('aria-expanded')).toBe('false');
    expect(shadow().activeElement).toBe(launcher());
    api.open();
    await vi.waitFor(() => expect(shadow().querySelector('[part="panel"]')).not.toBeNull(), {
      timeout: 10_000,
    });
    pressEscape(launcher());
    expect(launcher().getAttribute('aria-expanded')).toBe('false');
  });

  it('says it is ready once, after the caller could subscribe', async () => {
    api = init(config);
    const ready = vi.fn();
    api.on('ready', ready);
    await Promise.resolve();
    expect(ready).toHaveBeenCalledWith({ version: expect.any(String) });
  });

  it('keeps working when a site handler throws, and reports it', async () => {
    api = init(config);
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const after = vi.fn();
    api.on('open', () => {
      throw new Error('site bug');
    });
    api.on('open', after);
    api.open();
    expect(after).toHaveBeenCalledOnce();
    expect(error).toHaveBeenCalledOnce();
    error.mockRestore();
  });

  it('destroy removes every node and stops listening', () => {
    api = init(config);
    const opened = vi.fn();
    api.on('open', opened);
    api.destroy();
    expect(document.querySelector('samtal-chat')).toBeNull();
    api.open();
    expect(opened).not.toHaveBeenCalled();
    api = null;
  });

  it('defines window.Samtal when the page has an element called Samtal', () => {
    // Named access: <div id="Samtal"> makes window.Samtal that element.
    const element = document.createElement('div');
    (globalThis as { Samtal?: unknown }).Samtal = element;
    api = init(config);
    expect((globalThis as { Samtal?: unknown }).Samtal).toBe(api);
  });

  it('tells the host when the collector refuses the erasure request', async () => {
    vi.spyOn(globalThis, 'fetch').mockImplementation(
      async () => new Response(null, { status: 400 }),
    );
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    api = init(config);
    const errors: { code: string; message: string }[] = [];
    api.on('error', (error) => errors.push(error));
    await api.data.erase();
    expect(errors).toEqual([
      {
        code: 'erasure-refused',
        message: 'The collector refused the erasure request (HTTP 400); it will not be retried.',
      },
    ]);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('HTTP 400'));
  });

  it('defines window.Samtal and no other global', () => {
    const before = new Set(Object.keys(globalThis));
    api = init(config);
    const added = Object.keys(globalThis).filter((key) => !before.has(key));
    expect(added).toEqual(['Samtal']);
  });

  it('on a bad config logs one error per key, renders nothing and never throws', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    // As plain JavaScript would pass it: TypeScript refuses this locale.
    const fromJavaScript: unknown = {
      site: 'ACME',
      collector: 'http://collect.example.se',
      locale: 'de',
    };
    const inert = init(fromJavaScript as SamtalConfigInput);
    expect(error.mock.calls.map((call) => String(call[0]))).toEqual([
      expect.stringContaining('init({ site })'),
      expect.stringContaining('init({ collector })'),
      expect.stringContaining('init({ locale })'),
    ]);
    expect(document.querySelector('samtal-chat')).toBeNull();
    expect(() => inert.open()).not.toThrow();
    error.mockRestore();
  });
});

/**
 * Where keyboard focus goes, in real Chromium: into the panel when it opens
 * (the message box, or the first control when the site has no chat), back to
 * the launcher when it closes, Escape closing it from anywhere in the widget,
 * and Tab kept inside the modal panel on a phone and inside the consent
 * settings by one focus trap.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from './support/browser';
import { recordNetwork, testChat, testCollector } from './support/network-recorder';
import { hostPage, type StaticServer, startStaticServer } from './support/static-server';
import { focused, inWidget, part } from './support/widget';

const embed = { site: 'keys', collector: testCollector, locale: 'sv' };

let browser: Browser;
let server: StaticServer;
let context: BrowserContext | null = null;

beforeAll(async () => {
  browser = await launchBrowser();
  server = await startStaticServer();
  server.page('/no-chat', { html: hostPage(embed) });
  server.page('/chat', { html: hostPage({ ...embed, chat: testChat }) });
});

afterEach(async () => {
  await context?.close();
  context = null;
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function open(path: string, viewport = { width: 1280, height: 800 }): Promise<Page> {
  context = await browser.newContext({ viewport });
  await recordNetwork(context);
  const page = await context.newPage();
  page.on('pageerror', (error) => {
    throw error;
  });
  await page.goto(`${server.origin}${path}`);
  await part(page, 'banner').waitFor();
  return page;
}

/** Tabs from the top of the page until the launcher has focus. */
async function tabToLauncher(page: Page): Promise<void> {
  for (let step = 0; step < 15; step++) {
    await page.keyboard.press('Tab');
    if ((await focused(page)) === 'launcher') return;
  }
  throw new Error('Tab never reached the launcher');
}

describe.each(['no-chat', 'chat'])('the keyboard, %s', (mode) => {
  const firstStop = mode === 'chat' ? 'message-input' : 'Bli kontaktad';

  it('opening from the launcher moves focus into the panel; Escape closes it and returns focus', async () => {
    const page = await open(`/${mode}`);
    await tabToLauncher(page);
    await page.keyboard.press('Enter');
    await part(page, 'panel').waitFor();
    await expect.poll(() => focused(page)).toBe(firstStop);
    await page.keyboard.press('Escape');
    await expect.poll(() => part(page, 'panel').count()).toBe(0);
    expect(await focused(page)).toBe('launcher');

    // Space opens it too, and focus lands in the same place on every open.
    await page.keyboard.press('Space');
    await expect.poll(() => focused(page)).toBe(firstStop);
  });

  it('Escape on the launcher closes the open panel', async () => {
    const page = await open(`/${mode}`);
    await part(page, 'launcher').click();
    await part(page, 'panel').waitFor();
    await part(page, 'launcher').focus();
    await page.keyboard.press('Escape');
    await expect.poll(() => part(page, 'panel').count()).toBe(0);
    expect(await focused(page)).toBe('launcher');
  });

  it('Escape deep inside a view (a contact form field) closes the panel and returns focus', async () => {
    const page = await open(`/${mode}`);
    await tabToLauncher(page);
    await page.keyboard.press('Enter');
    await expect.poll(() => focused(page)).toBe(firstStop);
    await inWidget(page, '[aria-label="Meny"]').click();
    await inWidget(page, '.menu__item:has-text("Bli kontaktad")').click();
    await part(page, 'lead-form').waitFor();
    // A new view starts at its way out, the back button.
    await expect.poll(() => focused(page)).toBe('panel__icon-button');
    await inWidget(page, 'input[name="email"]').focus();
    await page.keyboard.press('Escape');
    await expect.poll(() => part(page, 'panel').count()).toBe(0);
    expect(await focused(page)).toBe('launcher');
  });
});

describe('the keyboard on a phone', () => {
  it('keeps Tab inside the full-screen panel, both ways', async () => {
    const page = await open('/chat', { width: 390, height: 844 });
    await part(page, 'banner-reject').click();
    await tabToLauncher(page);
    await page.keyboard.press('Enter');
    await expect.poll(() => focused(page)).toBe('message-input');
    const stops: string[] = [];
    for (let step = 0; step < 6; step++) {
      await page.keyboard.press('Tab');
      stops.push(await focused(page));
    }
    // Send is disabled while the box is empty: menu, close, message list, message box, menu, …
    expect(stops.every((stop) => !stop.startsWith('page:') && stop !== 'launcher')).toBe(true);
    expect(stops.filter((stop) => stop === 'message-input')).toHaveLength(1);
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Shift+Tab');
    expect(await focused(page)).not.toMatch(/^page:|launcher/);
  });

  it('keeps Tab inside the consent settings, and Escape there closes only the settings', async () => {
    const page = await open('/chat', { width: 390, height: 844 });
    await part(page, 'banner-settings').click();
    await part(page, 'preferences').waitFor();
    expect(await focused(page)).toBe('preferences__close');
    const stops: string[] = [];
    for (let step = 0; step < 5; step++) {
      await page.keyboard.press('Tab');
      stops.push(await focused(page));
    }
    expect(stops).toEqual([
      'analytics',
      'marketing',
      'Spara val',
      'preferences__close',
      'analytics',
    ]);
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Shift+Tab');
    expect(await focused(page)).toBe('Spara val');
    await page.keyboard.press('Escape');
    await expect.poll(() => part(page, 'preferences').count()).toBe(0);
    expect(await focused(page)).toBe('banner-settings');
  });
});

/**
 * The script tag on plain host pages in real Chromium: the launcher appears,
 * styled, untouched by hostile CSS and allowed by a strict CSP; no global but
 * `Samtal`; no request leaves before the visitor does anything.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { launchBrowser } from './support/browser';
import {
  type NetworkRecorder,
  recordNetwork,
  testChat,
  testCollector,
} from './support/network-recorder';
import { hostPage, type StaticServer, startStaticServer } from './support/static-server';

const embed = { site: 'acme-se', collector: testCollector, chat: testChat, locale: 'sv' };

const strictCsp = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  'connect-src https://collector.example https://bot.example',
  "img-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const hostileCss = `<link rel="stylesheet" href="/hostile.css">`;
const hostileRules = `
  * { font-family: "Comic Sans MS", cursive !important; color: lime !important; background: magenta !important;
      border: 5px dashed red !important; font-size: 40px !important; box-sizing: content-box !important; }
  button { display: none !important; width: 300px !important; border-radius: 0 !important; }
  samtal-chat { display: none !important; position: absolute !important; top: -9999px !important; }
  svg, path { fill: yellow !important; }
`;

let browser: Browser;
let server: StaticServer;
let context: BrowserContext;
let page: Page;
let network: NetworkRecorder;
let consoleMessages: string[];

beforeAll(async () => {
  browser = await launchBrowser();
  server = await startStaticServer();
  server.page('/', { html: hostPage(embed) });
  server.page('/blank', {
    html: '<!doctype html><html><head><title>Blank</title></head><body><p>Blank</p></body></html>',
  });
  server.page('/hostile.css', { html: hostileRules, headers: { 'content-type': 'text/css' } });
  server.page('/hostile', { html: hostPage(embed, { head: hostileCss }) });
  server.page('/deep/folder/strict', {
    html: hostPage(embed, { head: hostileCss }),
    headers: { 'content-security-policy': strictCsp },
  });
  server.page('/rtl', {
    html: hostPage(embed).replace('<html lang="sv">', '<html lang="ar" dir="rtl">'),
  });
  server.page('/left', { html: hostPage({ ...embed, placement: 'bottom-left', 'z-index': '5' }) });
  server.page('/bad-config', {
    html: hostPage({ site: 'Acme!', collector: 'http://collector.example/v1' }),
  });
});

afterAll(async () => {
  await server.close();
  await browser.close();
});

beforeEach(async () => {
  context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      console.error(`CSP violation: ${event.violatedDirective} ${event.blockedURI}`);
    });
  });
  network = await recordNetwork(context);
  page = await context.newPage();
  consoleMessages = [];
  page.on('console', (message) => consoleMessages.push(`${message.type()}: ${message.text()}`));
  page.on('pageerror', (error) => consoleMessages.push(`pageerror: ${error.message}`));
});

afterEach(async () => {
  await context.close();
});

const launcher = () => page.locator('samtal-chat >> [part="launcher"]');

async function launcherStyle() {
  return launcher().evaluate((button) => {
    const style = getComputedStyle(button);
    const box = button.getBoundingClientRect();
    const dock = getComputedStyle(button.closest('.dock') as Element);
    return {
      background: style.backgroundColor,
      radius: style.borderTopLeftRadius,
      display: style.display,
      width: box.width,
      height: box.height,
      right: window.innerWidth - box.right,
      bottom: window.innerHeight - box.bottom,
      font: dock.fontFamily,
      color: dock.color,
    };
  });
}

describe('the script tag', () => {
  it('shows a styled launcher in the bottom corner', async () => {
    await page.goto(`${server.origin}/`);
    await launcher().waitFor();
    const style = await launcherStyle();
    expect(style).toMatchObject({
      background: 'rgb(11, 87, 208)',
      radius: '50%',
      width: 56,
      height: 56,
      right: 20,
      bottom: 20,
    });
    expect(await launcher().getAttribute('aria-label')).toBe('Öppna chatten');
    expect(consoleMessages).toEqual([]);
  });

  it('is untouched by hostile host CSS', async () => {
    await page.goto(`${server.origin}/hostile`);
    await launcher().waitFor();
    const style = await launcherStyle();
    expect(style).toMatchObject({
      background: 'rgb(11, 87, 208)',
      display: 'flex',
      width: 56,
      height: 56,
      right: 20,
      bottom: 20,
    });
    expect(style.font).not.toMatch(/Comic/);
    expect(style.color).not.toBe('rgb(0, 255, 0)');
    expect(await launcher().isVisible()).toBe(true);
  });

  it('works under a strict CSP without a violation, loading chunks from its own folder', async () => {
    await page.goto(`${server.origin}/deep/folder/strict`);
    await launcher().waitFor();
    expect((await launcherStyle()).background).toBe('rgb(11, 87, 208)');
    await launcher().click();
    await page.locator('samtal-chat >> [part="panel"]').waitFor();
    const scripts = network.all
      .filter((request) => request.url.endsWith('.js'))
      .map((request) => new URL(request.url).pathname);
    expect(scripts.length).toBeGreaterThan(2);
    for (const path of scripts) expect(path).toMatch(/^\/dist\//);
    expect(consoleMessages).toEqual([]);
  });

  it('mirrors on a right-to-left page and honours placement and z-index', async () => {
    await page.goto(`${server.origin}/rtl`);
    await launcher().waitFor();
    const rtl = await launcher().evaluate((button) => button.getBoundingClientRect().left);
    expect(rtl).toBe(20);
    await page.goto(`${server.origin}/left`);
    await launcher().waitFor();
    const left = await launcher().evaluate((button) => ({
      left: button.getBoundingClientRect().left,
      zIndex: getComputedStyle(button.closest('.dock') as Element).zIndex,
    }));
    expect(left).toEqual({ left: 20, zIndex: '5' });
  });

  it('shifts nothing on the host page when it appears', async () => {
    await page.goto(`${server.origin}/`);
    await launcher().waitFor();
    await page.locator('samtal-chat >> [part="banner"]').waitFor();
    const shifts = await page.evaluate(
      () =>
        new Promise<number>((resolve) => {
          let total = 0;
          new PerformanceObserver((list) => {
            for (const entry of list.getEntries())
              total += (entry as PerformanceEntry & { value: number }).value;
          }).observe({ type: 'layout-shift', buffered: true });
          // Buffered entries arrive in the observer's first callback, before this timer.
          setTimeout(() => resolve(total), 200);
        }),
    );
    expect(shifts).toBe(0);
  });

  it('adds no global but Samtal', async () => {
    await page.goto(`${server.origin}/blank`);
    const blank = new Set(await page.evaluate(() => Object.getOwnPropertyNames(window)));
    await page.goto(`${server.origin}/`);
    await launcher().waitFor();
    const added = (await page.evaluate(() => Object.getOwnPropertyNames(window))).filter(
      (name) => !blank.has(name),
    );
    expect(added).toEqual(['Samtal']);
  });

  it('sends nothing anywhere before the visitor does something', async () => {
    await page.goto(`${server.origin}/`);
    await launcher().waitFor();
    await page.waitForTimeout(1000);
    const elsewhere = network.all.filter((request) => !request.url.startsWith(server.origin));
    expect(elsewhere).toEqual([]);
    // The page, the script, the boot module and, while the visitor has not decided, the banner.
    expect(network.all.map((request) => new URL(request.url).pathname)).toEqual([
      '/',
      '/dist/samtal.js',
      '/dist/samtal-boot.js',
      expect.stringMatching(/^\/dist\/chunks\/create-consent-banner-[\w-]+\.js$/),
    ]);
  });

  it('fetches the panel when the visitor shows intent, not before', async () => {
    await page.goto(`${server.origin}/`);
    await launcher().waitFor();
    const chunks = () =>
      network.all.filter((request) => request.url.includes('/dist/chunks/mount-panel-')).length;
    await page.waitForTimeout(300);
    expect(chunks()).toBe(0);
    await launcher().hover();
    await expect.poll(chunks).toBeGreaterThan(0);
  });

  it('opens with Enter and closes with Escape, focus returning to the launcher', async () => {
    await page.goto(`${server.origin}/`);
    await launcher().waitFor();
    await launcher().focus();
    await page.keyboard.press('Enter');
    await page.locator('samtal-chat >> [part="panel"]').waitFor();
    await page.keyboard.press('Escape');
    await page.locator('samtal-chat >> [part="panel"]').waitFor({ state: 'detached' });
    expect(
      await launcher().evaluate(
        (button) =>
          button.getRootNode() instanceof ShadowRoot &&
          (button.getRootNode() as ShadowRoot).activeElement === button,
      ),
    ).toBe(true);
  });

  it('on a bad config says which keys are wrong and renders nothing', async () => {
    await page.goto(`${server.origin}/bad-config`);
    // The widget boots when the browser is idle (at most 4 s): a loaded machine may take a while.
    await expect.poll(() => consoleMessages.length, { timeout: 10_000 }).toBe(2);
    expect(consoleMessages).toEqual([
      expect.stringMatching(/^error: Samtal: data-site /),
      expect.stringMatching(/^error: Samtal: data-collector /),
    ]);
    expect(await page.locator('samtal-chat').count()).toBe(0);
    expect(await page.evaluate(() => typeof window.Samtal?.open)).toBe('function');
  });
});

import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from './support/browser';
import {
  corsHeaders,
  type NetworkRecorder,
  recordNetwork,
  testChat,
  testCollector,
} from './support/network-recorder';
import { hostPage, type StaticServer, startStaticServer } from './support/static-server';

const axeSource = readFileSync(
  new URL('../../node_modules/axe-core/axe.min.js', import.meta.url),
  'utf8',
);

let browser: Browser;
let server: StaticServer;
let context: BrowserContext | null = null;

beforeAll(async () => {
  browser = await launchBrowser();
  server = await startStaticServer();
  const tall = `<main><h1>Host page</h1>${'<p>Lorem ipsum dolor sit amet.</p>'.repeat(80)}</main>`;
  server.page('/', {
    html: hostPage(
      {
        site: 'e2e',
        collector: testCollector,
        chat: testChat,
        locale: 'sv',
        'bot-name': 'Testbot',
      },
      { body: tall },
    ),
  });
});

afterEach(async () => {
  await context?.close();
  context = null;
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

function sseAnswer(text: string): string {
  const deltas = text.match(/.{1,6}/gs) ?? [];
  return [
    'event: reply-start\ndata: {"id":"r1"}\n\n',
    ...deltas.map(
      (delta) => `event: reply-delta\ndata: ${JSON.stringify({ id: 'r1', text: delta })}\n\n`,
    ),
    'event: reply-end\ndata: {"id":"r1","actions":[{"type":"quick-reply","label":"Mer","value":"Berätta mer"}]}\n\n',
    'event: done\ndata: {}\n\n',
  ].join('');
}

async function open(
  viewport = { width: 1280, height: 800 },
): Promise<{ page: Page; network: NetworkRecorder }> {
  context = await browser.newContext({ viewport });
  const network = await recordNetwork(context);
  network.respondChat((_request, route) =>
    route.fulfill({
      status: 200,
      headers: { ...corsHeaders, 'content-type': 'text/event-stream' },
      body: sseAnswer('Hej! Vi sparar **chattar** i 12 månader.'),
    }),
  );
  const page = await context.newPage();
  page.on('pageerror', (error) => {
    throw error;
  });
  await page.goto(`${server.origin}/`);
  await page.locator('samtal-chat >> [part=launcher]').waitFor();
  return { page, network };
}

const bot = (page: Page) => page.locator('samtal-chat >> [part=message][data-from=bot]');
const visitor = (page: Page) => page.locator('samtal-chat >> [part=message][data-from=visitor]');

describe('chat in Chromium', () => {
  it('opens, sends, and shows the streamed reply', async () => {
    const { page, network } = await open();
    await page.locator('samtal-chat >> [part=launcher]').click();
    const input = page.locator('samtal-chat >> [part=message-input]');
    await input.fill('Hur länge sparar ni chattar?');
    await page.locator('samtal-chat >> [part=send]').click();
    await expect
      .poll(() => bot(page).first().textContent())
      .toContain('Vi sparar chattar i 12 månader.');
    expect(await bot(page).first().locator('strong').textContent()).toBe('chattar');
    const [request] = network.chat();
    expect(Object.keys(request?.body as object).sort()).toEqual([
      'conversationId',
      'locale',
      'message',
      'site',
    ]);
    expect(request?.headers.accept).toBe('text/event-stream, application/json');
    expect(request?.headers.cookie).toBeUndefined();
    expect(request?.headers.referer).toBeUndefined();
  });

  it('keeps the conversation after a reload', async () => {
    const { page } = await open();
    await page.locator('samtal-chat >> [part=launcher]').click();
    await page.locator('samtal-chat >> [part=message-input]').fill('Hej');
    await page.keyboard.press('Enter');
    await expect.poll(() => bot(page).count()).toBe(1);
    await page.waitForTimeout(200);
    await page.reload();
    await page.locator('samtal-chat >> [part=launcher]').waitFor();
    await page.locator('samtal-chat >> [part=launcher]').click();
    await expect.poll(() => visitor(page).count()).toBe(1);
    expect(await visitor(page).first().textContent()).toContain('Hej');
    expect(await bot(page).count()).toBe(1);
  });

  it('works with the keyboard alone, and Escape returns focus to the launcher', async () => {
    const { page } = await open();
    const launcher = page.locator('samtal-chat >> [part=launcher]');
    await launcher.focus();
    await page.keyboard.press('Enter');
    const input = page.locator('samtal-chat >> [part=message-input]');
    await expect
      .poll(() =>
        input.evaluate(
          (element) => element === (element.getRootNode() as ShadowRoot).activeElement,
        ),
      )
      .toBe(true);
    await page.keyboard.type('Första raden');
    await page.keyboard.press('Shift+Enter');
    await page.keyboard.type('andra raden');
    await page.keyboard.press('Enter');
    await expect.poll(() => bot(page).count()).toBe(1);
    expect(await visitor(page).first().textContent()).toContain('Första raden\nandra raden');
    await page.keyboard.press('Escape');
    await expect
      .poll(() =>
        launcher.evaluate(
          (element) => element === (element.getRootNode() as ShadowRoot).activeElement,
        ),
      )
      .toBe(true);
    expect(await page.locator('samtal-chat >> [part=panel]').count()).toBe(0);
  });

  it('covers a 375 px screen as a modal dialog and keeps the page behind still', async () => {
    const { page } = await open({ width: 375, height: 667 });
    // The same wheel scrolls this page while the panel is closed, so the check below can fail.
    await page.mouse.move(100, 100);
    await page.mouse.wheel(0, 300);
    await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(0);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.locator('samtal-chat >> [part=launcher]').click();
    const panel = page.locator('samtal-chat >> [part=panel]');
    await panel.waitFor();
    const box = await panel.boundingBox();
    expect(box).toEqual({ x: 0, y: 0, width: 375, height: 667 });
    expect(await panel.getAttribute('aria-modal')).toBe('true');
    await page.mouse.move(180, 300);
    await page.mouse.wheel(0, 600);
    await page.waitForTimeout(200);
    expect(await page.evaluate(() => window.scrollY)).toBe(0);
    // Nothing was written onto the host page's elements.
    expect(await page.evaluate(() => document.querySelectorAll('[style]').length)).toBe(0);
    await page.locator('samtal-chat >> [part=close]').click();
    await expect.poll(() => page.evaluate(() => document.adoptedStyleSheets.length)).toBe(0);
    await page.mouse.move(100, 100);
    await page.mouse.wheel(0, 600);
    await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(0);
  });

  it('has no serious or critical axe violations with the panel open, reply shown', async () => {
    const { page } = await open();
    await page.locator('samtal-chat >> [part=launcher]').click();
    await page.locator('samtal-chat >> [part=message-input]').fill('Hej');
    await page.keyboard.press('Enter');
    await expect.poll(() => bot(page).count()).toBe(1);
    await page.addScriptTag({ content: axeSource });
    const violations = await page.evaluate(async () => {
      const axe = (
        window as unknown as {
          axe: {
            run(context: unknown): Promise<{
              violations: { id: string; impact: string | null; nodes: { target: unknown }[] }[];
            }>;
          };
        }
      ).axe;
      const result = await axe.run({ include: [['samtal-chat']] });
      return result.violations
        .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
        .map(
          (violation) =>
            `${violation.id}: ${JSON.stringify(violation.nodes.map((node) => node.target))}`,
        );
    });
    expect(violations).toEqual([]);
  });
});

/**
 * A chat server that sends far more than an answer may hold: the widget
 * reads no further than the limits JSON answers have, says the answer could
 * not be read, and the conversation survives a reload.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from './support/browser';
import { corsHeaders, recordNetwork, testChat, testCollector } from './support/network-recorder';
import { hostPage, type StaticServer, startStaticServer } from './support/static-server';

let browser: Browser;
let server: StaticServer;
let context: BrowserContext | null = null;

beforeAll(async () => {
  browser = await launchBrowser();
  server = await startStaticServer();
  server.page('/', {
    html: hostPage({ site: 'e2e', collector: testCollector, chat: testChat, locale: 'sv' }),
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

const event = (name: string, data: unknown) => `event: ${name}\ndata: ${JSON.stringify(data)}\n\n`;

/** A well-formed stream of one reply made of `deltas`. */
function stream(deltas: string[]): string {
  return [
    event('reply-start', { id: 'r1' }),
    ...deltas.map((text) => event('reply-delta', { id: 'r1', text })),
    event('reply-end', { id: 'r1' }),
    event('done', {}),
  ].join('');
}

const bot = (page: Page) => page.locator('samtal-chat >> [part=message][data-from=bot]');
const visitor = (page: Page) => page.locator('samtal-chat >> [part=message][data-from=visitor]');

async function send(page: Page, text: string) {
  await page.locator('samtal-chat >> [part=message-input]').fill(text);
  await page.locator('samtal-chat >> [part=send]').click();
}

describe('chat limits in Chromium', () => {
  it('stops a 1 MB stream at the reply limit, shows a failure, and keeps the conversation on reload', async () => {
    context = await browser.newContext();
    const network = await recordNetwork(context);
    let answers = 0;
    network.respondChat((_request, route) => {
      answers++;
      // The first answer is ordinary; the second is a megabyte of Markdown.
      const body =
        answers === 1
          ? stream(['Hej! Vi har **öppet** 8–17.'])
          : stream(Array.from({ length: 5_000 }, () => '*a **b** [c](https://x.se)* '.repeat(8)));
      return route.fulfill({
        status: 200,
        headers: { ...corsHeaders, 'content-type': 'text/event-stream' },
        body,
      });
    });
    const page = await context.newPage();
    page.on('pageerror', (error) => {
      throw error;
    });
    await page.goto(`${server.origin}/`);
    await page.locator('samtal-chat >> [part=launcher]').click();

    await send(page, 'När har ni öppet?');
    await expect.poll(() => bot(page).count(), { timeout: 15_000 }).toBe(1);
    await send(page, 'Berätta allt');
    const failure = page.locator('samtal-chat >> .chat__failure');
    await expect
      .poll(() => failure.textContent(), { timeout: 30_000 })
      .toContain('Vi fick ett svar vi inte kunde läsa');
    // Half a reply is never left on screen: only the first answer is there.
    expect(await bot(page).count()).toBe(1);
    expect(await page.evaluate(() => document.title)).toBeDefined();

    await page.reload();
    await page.locator('samtal-chat >> [part=launcher]').click();
    await expect
      .poll(() => visitor(page).allTextContents(), { timeout: 15_000 })
      .toEqual([
        expect.stringContaining('När har ni öppet?'),
        expect.stringContaining('Berätta allt'),
      ]);
    expect(await bot(page).allTextContents()).toEqual([expect.stringContaining('8–17')]);
    expect(await failure.count()).toBe(1);
  });
});

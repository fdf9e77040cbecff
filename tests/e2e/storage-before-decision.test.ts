/**
 * Storage before a decision (issue #10): until the visitor decides, the
 * widget stores nothing on their device, except what the chat needs once
 * they use it. Pointing at the launcher loads the panel, which looks for a
 * stored conversation; looking must not create an IndexedDB database.
 * Real Chromium, against dist/, the collector and chat answered by the test.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from './support/browser';
import {
  type NetworkRecorder,
  recordNetwork,
  testChat,
  testCollector,
} from './support/network-recorder';
import { hostPage, type StaticServer, startStaticServer } from './support/static-server';
import { widgetReady } from './support/tab-scenarios';
import { part } from './support/widget';

let browser: Browser;
let server: StaticServer;
let context: BrowserContext | null = null;

beforeAll(async () => {
  browser = await launchBrowser();
  server = await startStaticServer();
  server.page('/', {
    html: hostPage({ site: 'acme-se', collector: testCollector, chat: testChat, locale: 'sv' }),
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

/** What the origin holds: IndexedDB databases by name, and localStorage keys. */
function stored(page: Page): Promise<{ databases: string[]; localStorage: string[] }> {
  return page.evaluate(async () => ({
    databases: (await indexedDB.databases()).map((database) => database.name ?? ''),
    localStorage: Object.keys(localStorage),
  }));
}

/** Resolves once the page has fetched a chunk whose file name starts with `name`. */
function chunkLoaded(page: Page, name: string): Promise<unknown> {
  return page.waitForFunction(
    (prefix) =>
      performance
        .getEntriesByType('resource')
        .some((entry) => new URL(entry.name).pathname.split('/').pop()?.startsWith(prefix)),
    name,
    { timeout: 20_000 },
  );
}

async function visit(): Promise<{ page: Page; network: NetworkRecorder }> {
  context = await browser.newContext();
  const network = await recordNetwork(context);
  const page = await context.newPage();
  await page.goto(`${server.origin}/`);
  await widgetReady(page);
  await part(page, 'banner').waitFor({ timeout: 20_000 });
  return { page, network };
}

describe('storage before a decision', () => {
  it('pointing at the launcher, and opening the panel, store nothing', async () => {
    const { page, network } = await visit();
    await part(page, 'launcher').hover();
    // The panel and the services (store, sender) load on intent, and look for a conversation.
    await chunkLoaded(page, 'mount-panel');
    await chunkLoaded(page, 'create-services');
    await page.waitForTimeout(1_500);
    expect(await stored(page)).toEqual({ databases: [], localStorage: [] });

    await part(page, 'launcher').click();
    await part(page, 'message-input').waitFor({ timeout: 20_000 });
    await page.waitForTimeout(1_500);
    expect(await stored(page)).toEqual({ databases: [], localStorage: [] });
    // Nor did anything leave for the collector.
    expect(network.collector()).toEqual([]);
  }, 90_000);

  it('once the visitor chats, the conversation is stored, and only that', async () => {
    const { page } = await visit();
    await part(page, 'launcher').click();
    await part(page, 'message-input').fill('Hej');
    await page.keyboard.press('Enter');
    await expect
      .poll(
        () =>
          page.evaluate(
            () =>
              new Promise<string[]>((resolve, reject) => {
                // Opened only once it exists: the poll itself must not create it.
                void indexedDB.databases().then((databases) => {
                  if (!databases.some((database) => database.name === 'samtal')) {
                    resolve([]);
                    return;
                  }
                  const request = indexedDB.open('samtal');
                  request.onerror = () => reject(request.error);
                  request.onsuccess = () => {
                    const database = request.result;
                    const keys = database
                      .transaction('data', 'readonly')
                      .objectStore('data')
                      .getAllKeys();
                    keys.onsuccess = () => {
                      database.close();
                      resolve(keys.result.map(String).sort());
                    };
                    keys.onerror = () => reject(keys.error);
                  };
                });
              }),
          ),
        { timeout: 15_000 },
      )
      .toEqual(['acme-se:conversation', 'acme-se:conversation-ids']);
    expect((await stored(page)).localStorage).toEqual([]);
  }, 90_000);
});

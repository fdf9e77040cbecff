/**
 * A language model's answer grows on screen: the built widget in Chromium,
 * the reference server with `--llm-url` pointing at a loopback server that
 * streams chat-completions chunks slowly, as a hosted model would.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serverConfigSchema } from '../../src/server/server-config';
import { type RunningServer, startServer } from '../../src/server/start-server';
import { type FakeModelServer, startFakeModelServer } from '../server/support/fake-model-server';
import { launchBrowser } from './support/browser';
import { hostPage, type StaticServer, startStaticServer } from './support/static-server';

const site = 'acme-se';
const sentences = [
  'Vi sparar chattar i **12 månader** efter sista kontakten. ',
  'Besöksstatistik sparas högst 13 månader. ',
  'Ditt samtyckesval sparas i fem år. ',
  'Bokföringen sparas minst sju år.',
];
let browser: Browser;
let pages: StaticServer;
let model: FakeModelServer;
let server: RunningServer;
let context: BrowserContext;
let page: Page;
const problems: string[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
  pages = await startStaticServer();
  model = await startFakeModelServer({
    kind: 'stream',
    pieces: sentences,
    pauseMs: 700,
    splitEvery: 9,
  });
  server = await startServer({
    config: serverConfigSchema.parse({
      host: '127.0.0.1',
      port: 0,
      database: ':memory:',
      sites: { [site]: { origins: [pages.origin] } },
      knowledge: 'demo/knowledge',
      llm: { url: model.url, model: 'fake-model', timeoutSeconds: 5 },
    }),
    watchKnowledge: false,
  });
  pages.page('/', {
    html: hostPage({
      site,
      collector: `${server.url}/v1`,
      chat: `${server.url}/v1/chat`,
      locale: 'sv',
    }),
  });
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.close();
  await model?.close();
  await pages?.close();
});

const shadow = (selector: string) => page.locator(`samtal-chat >> ${selector}`);

describe('a model answer in the widget', () => {
  it('grows on screen sentence by sentence as the model streams it', async () => {
    await page.goto(`${pages.origin}/`);
    await shadow('[part="banner-reject"]').click();
    await shadow('[part="launcher"]').click();
    await shadow('[part="message-input"]').fill('Hur länge sparar ni mina uppgifter?');
    await page.keyboard.press('Enter');
    const reply = shadow('[part="message"][data-from="bot"]').last();
    const seen = new Set<string>();
    const deadline = Date.now() + 20_000;
    let text = '';
    while (Date.now() < deadline) {
      text = ((await reply.count()) > 0 ? await reply.textContent() : '') ?? '';
      if (text.trim() !== '') seen.add(text);
      if (text.includes('minst sju år')) break;
      await page.waitForTimeout(100);
    }
    expect(text).toContain('Bokföringen sparas minst sju år.');
    // At least three distinct states on screen before the last: it grew, it did not arrive at once.
    expect(
      [...seen].filter((state) => !state.includes('minst sju år')).length,
    ).toBeGreaterThanOrEqual(3);
    expect(await shadow('[part="message"][data-from="bot"] strong').first().textContent()).toBe(
      '12 månader',
    );
    expect(model.requests).toHaveLength(1);
    expect(problems).toEqual([]);
  });
});

/**
 * A language model's answer grows on screen: the built widget in Chromium,
 * the reference server with `--llm-url` pointing at a loopback server that
 * streams chat-completions chunks slowly, as a hosted model would.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeModelServer, startFakeModelServer } from '../server/support/fake-model-server';
import { launchBrowser } from './support/browser';
import { recordProblems } from './support/page-problems';
import { type RealCollector, startRealCollector } from './support/real-collector';
import { hostPage, type StaticServer } from './support/static-server';

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
let server: RealCollector;
let context: BrowserContext;
let page: Page;
let problems: string[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
  model = await startFakeModelServer({
    kind: 'stream',
    pieces: sentences,
    pauseMs: 700,
    splitEvery: 9,
  });
  server = await startRealCollector({
    site,
    database: 'memory',
    config: {
      knowledge: 'demo/knowledge',
      llm: { url: model.url, model: 'fake-model', timeoutSeconds: 5 },
    },
    watchKnowledge: false,
  });
  pages = server.pages;
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
  problems = recordProblems(page);
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.close();
  await model?.close();
});

const shadow = (selector: string) => page.locator(`samtal-chat >> ${selector}`);

describe('a model answer in the widget', () => {
  it('grows on screen sentence by sentence as the model streams it', async () => {
    await page.goto(`${pages.origin}/`);
    await shadow('[part="banner-reject"]').click();
    await shadow('[part="launcher"]').click();
    // Every state of the reply's text, recorded in the page as it changes: no polling gaps.
    await page.evaluate(() => {
      const root = document.querySelector('samtal-chat')?.shadowRoot;
      const states: string[] = [];
      (window as unknown as { replyStates: string[] }).replyStates = states;
      if (!root) return;
      new MutationObserver(() => {
        const replies = root.querySelectorAll('[part="message"][data-from="bot"]');
        const text = replies[replies.length - 1]?.textContent ?? '';
        if (text.trim() !== '' && states.at(-1) !== text) states.push(text);
      }).observe(root, { subtree: true, childList: true, characterData: true });
    });
    await shadow('[part="message-input"]').fill('Hur länge sparar ni mina uppgifter?');
    await page.keyboard.press('Enter');
    const reply = shadow('[part="message"][data-from="bot"]').last();
    await expect
      .poll(async () => ((await reply.count()) > 0 ? await reply.textContent() : ''), {
        timeout: 30_000,
      })
      .toContain('Bokföringen sparas minst sju år.');
    const states = await page.evaluate(
      () => (window as unknown as { replyStates: string[] }).replyStates,
    );
    // At least three states on screen before the last: it grew, it did not arrive at once.
    const partial = states.filter(
      (state) => state.includes('Vi sparar') && !state.includes('minst sju år'),
    );
    expect(partial.length, states.join('\n')).toBeGreaterThanOrEqual(3);
    expect(await shadow('[part="message"][data-from="bot"] strong').first().textContent()).toBe(
      '12 månader',
    );
    expect(model.requests).toHaveLength(1);
    expect(problems).toEqual([]);
  });
});

/**
 * The host page owns the globals (issue 15, item 10). On a page with
 * Prototype.js, MooTools, an old JSON polyfill, an old Promise polyfill, a
 * fetch wrapper, enumerable keys on `Object.prototype` and an element with
 * `id="Samtal"`, the built widget still starts, and every body it sends —
 * consent receipt, events, chat, lead, erasure — passes the reference
 * server's validation (real HTTP, real SQLite) and carries no inherited key.
 * The receipt's textHash is the one a clean page gives.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from './support/browser';
import { legacyOverrides } from './support/legacy-overrides';
import { recordProblems } from './support/page-problems';
import { type RealCollector, startRealCollector } from './support/real-collector';
import { hostPage, type StaticServer } from './support/static-server';

const site = 'acme-se';
let browser: Browser;
let pages: StaticServer;
let collector: RealCollector;
const contexts: BrowserContext[] = [];

interface Visit {
  page: Page;
  /** Every answer to a POST the widget made: path after /v1/ and HTTP status. */
  answers: { path: string; status: number }[];
  /** The JSON bodies posted, by path. */
  bodies(path: string): unknown[];
  /** Console errors and warnings, page errors. */
  problems: string[];
}

async function visit(path: string): Promise<Visit> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  contexts.push(context);
  const page = await context.newPage();
  const answers: Visit['answers'] = [];
  const posted: { path: string; text: string }[] = [];
  const problems = recordProblems(page);
  const pathOf = (url: string) => new URL(url).pathname.replace(/^\/v1\//, '');
  page.on('request', (request) => {
    if (request.method() === 'POST' && request.url().startsWith(collector.url)) {
      posted.push({ path: pathOf(request.url()), text: request.postData() ?? '' });
    }
  });
  page.on('response', (response) => {
    const request = response.request();
    if (request.method() === 'POST' && request.url().startsWith(collector.url)) {
      answers.push({ path: pathOf(request.url()), status: response.status() });
    }
  });
  await page.goto(`${pages.origin}${path}`);
  return {
    page,
    answers,
    bodies: (wanted) =>
      posted.filter((item) => item.path === wanted).map((item) => JSON.parse(item.text)),
    problems,
  };
}

beforeAll(async () => {
  browser = await launchBrowser();
  collector = await startRealCollector({ site });
  pages = collector.pages;
  const attributes = {
    site,
    collector: `${collector.url}/v1`,
    chat: `${collector.url}/v1/chat`,
    locale: 'sv',
    fields: 'name,email,orgnr',
  };
  const legacy = {
    head: `<script>${legacyOverrides}</script>`,
    body: '<main><h1 id="Samtal">Samtal AB</h1><p>Legacy page.</p></main>',
  };
  pages.page('/legacy', { html: hostPage(attributes, legacy) });
  pages.page('/legacy/next', { html: hostPage(attributes, legacy) });
  pages.page('/clean', { html: hostPage(attributes) });
});

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await collector?.close();
});

/** A loaded machine (2 shared cores) needs more than the default second. */
const patiently = { timeout: 15_000 };

const shadow = (page: Page, selector: string) => page.locator(`samtal-chat >> ${selector}`);

describe('a page with legacy libraries', () => {
  it('starts the widget though an element has id="Samtal", and window.Samtal is its API', async () => {
    const { page, problems } = await visit('/legacy');
    await shadow(page, '[part="banner-accept"]').waitFor();
    expect(
      await page.evaluate(() => ({
        api: typeof window.Samtal?.open,
        element: document.getElementById('Samtal')?.textContent,
        toJSON: typeof (Array.prototype as { toJSON?: unknown }).toJSON,
      })),
    ).toEqual({ api: 'function', element: 'Samtal AB', toJSON: 'function' });
    expect(problems).toEqual([]);
  });

  it('sends a valid receipt, events, chat, lead and erasure', async () => {
    const clean = await visit('/clean');
    await shadow(clean.page, '[part="banner-accept"]').click();
    await expect
      .poll(() => clean.answers.map((answer) => answer.path), patiently)
      .toContain('consent');

    const legacy = await visit('/legacy');
    const { page, answers } = legacy;
    await shadow(page, '[part="banner-accept"]').click();
    await expect
      .poll(() => answers.some((answer) => answer.path === 'consent'), patiently)
      .toBe(true);
    // The same texts were shown: the hash a collector recomputes must match the clean page's.
    const [receipt] = legacy.bodies('consent') as { textHash: string }[];
    const [cleanReceipt] = clean.bodies('consent') as { textHash: string }[];
    expect(receipt?.textHash).toMatch(/^[0-9a-f]{64}$/);
    expect(receipt?.textHash).toBe(cleanReceipt?.textHash);

    await page.goto(`${pages.origin}/legacy/next`);
    await expect
      .poll(() => answers.filter((answer) => answer.path === 'events').length, { timeout: 20_000 })
      .toBeGreaterThan(0);

    await shadow(page, '[part="launcher"]').click();
    await shadow(page, '[part="message-input"]').fill('Hur länge sparar ni mina uppgifter?');
    await shadow(page, '[part="send"]').click();
    await expect
      .poll(() => shadow(page, '[part="message"][data-from="bot"]').count(), patiently)
      .toBeGreaterThan(0);

    await shadow(page, '[aria-label="Meny"]').click();
    await shadow(page, '.menu__item:has-text("Bli kontaktad")').click();
    await shadow(page, 'input[name="name"]').fill('Åsa Öberg');
    await shadow(page, 'input[name="email"]').fill('asa@exempel.se');
    await shadow(page, 'input[name="orgnr"]').fill('5567037485');
    // A person's pace: the form does not send what is filled in faster than 500 ms.
    await page.waitForTimeout(600);
    await shadow(page, '[part="lead-submit"]').click();
    await expect
      .poll(() => answers.some((answer) => answer.path === 'leads'), patiently)
      .toBe(true);

    // The copy the visitor takes away holds the lead, and no key the page put on Object.prototype.
    const copy = await page.evaluate(async () =>
      JSON.parse(JSON.stringify(await window.Samtal?.data.export())),
    );
    expect(JSON.stringify(copy)).toContain('asa@exempel.se');
    expect(JSON.stringify(copy)).not.toMatch(/"(extend|__legacy)"/);

    await page.evaluate(() => window.Samtal?.data.erase());
    await expect
      .poll(() => answers.some((answer) => answer.path === 'erasure'), patiently)
      .toBe(true);

    const [erasure] = legacy.bodies('erasure') as { consentIds: unknown; leadIds: unknown }[];
    expect(Array.isArray(erasure?.consentIds) && Array.isArray(erasure?.leadIds)).toBe(true);
    expect(answers.map((answer) => answer.path)).toEqual(
      expect.arrayContaining(['consent', 'events', 'chat', 'leads', 'erasure']),
    );
    expect(answers.filter((answer) => answer.status >= 400)).toEqual([]);
    // Nothing sent carries a key the page put on Object.prototype.
    for (const path of ['consent', 'events', 'chat', 'leads', 'erasure']) {
      expect(JSON.stringify(legacy.bodies(path))).not.toMatch(/"(extend|__legacy)"/);
    }
    // The page's fetch wrapper was in the path, as on a monitored site.
    expect(
      await page.evaluate(() => (window as { __legacyFetches?: number }).__legacyFetches),
    ).toBeGreaterThan(0);
    expect([...clean.problems, ...legacy.problems]).toEqual([]);
  });

  it('names the cause when the chat panel throws while starting, and the launcher does not stay open', async () => {
    const { page, problems } = await visit('/clean');
    // The panel's chunk is fetched, then throws as it is evaluated, as the chunks did on a page
    // with an enumerable Object.prototype key before the build walked own keys only.
    await page.route(/\/chunks\/mount-panel-[\w-]+\.js$/, (route) =>
      route.fulfill({
        contentType: 'text/javascript',
        body: "throw new TypeError('a built-in the page replaced');",
      }),
    );
    await shadow(page, '[part="launcher"]').waitFor();
    await page.evaluate(() => {
      const seen: unknown[] = [];
      (window as { __samtalErrors?: unknown[] }).__samtalErrors = seen;
      window.Samtal?.on('error', (error) => seen.push(error));
    });
    await shadow(page, '[part="launcher"]').click();
    await expect
      .poll(
        () => page.evaluate(() => (window as { __samtalErrors?: unknown[] }).__samtalErrors),
        patiently,
      )
      .toEqual([
        {
          code: 'chunk-load-failed',
          message: 'The chat panel could not start: TypeError: a built-in the page replaced',
        },
      ]);
    await expect
      .poll(() => shadow(page, '[part="launcher"]').getAttribute('aria-expanded'), patiently)
      .toBe('false');
    expect(problems).toEqual([]);
  });
});

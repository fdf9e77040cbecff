/**
 * The widget in a host page's iframe sandboxed without `allow-forms`, where
 * Chromium blocks every native form submission: clicking Send and the
 * contact form's submit button still send, and nothing is logged.
 */
import type { Browser, BrowserContext, Frame, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { launchBrowser } from './support/browser';
import {
  type NetworkRecorder,
  recordNetwork,
  testChat,
  testCollector,
} from './support/network-recorder';
import { recordProblems } from './support/page-problems';
import { hostPage, type StaticServer, startStaticServer } from './support/static-server';

let browser: Browser;
let server: StaticServer;
let context: BrowserContext;
let page: Page;
let network: NetworkRecorder;
let problems: string[];

/** Outer pages by path, each framing the widget's page with this sandbox. */
const sandboxes = [
  ['/', 'allow-scripts allow-same-origin'],
  ['/opaque', 'allow-scripts'],
] as const;

beforeAll(async () => {
  browser = await launchBrowser();
  server = await startStaticServer();
  server.page('/frame', {
    html: hostPage({
      site: 'acme-se',
      collector: testCollector,
      chat: testChat,
      locale: 'sv',
      fields: 'name,email',
    }),
  });
  // No forms: with the frame's own origin (its storage works), and without
  // it (an opaque origin, where storage throws and the widget keeps memory).
  for (const [path, sandbox] of sandboxes) {
    server.page(path, {
      html: `<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>Outer page</title></head>
<body><h1>Outer page</h1>
<iframe title="Chat" src="/frame" sandbox="${sandbox}" style="width:480px;height:760px;border:0"></iframe>
</body></html>`,
    });
  }
});

afterAll(async () => {
  await server?.close();
  await browser?.close();
});

beforeEach(async () => {
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  network = await recordNetwork(context);
  page = await context.newPage();
  // Chromium logs "Blocked form submission … 'allow-forms' permission is not set".
  problems = recordProblems(page, {
    // Chromium's warning about the outer page's sandbox, not about the widget.
    ignore: (text) => text.includes('can escape its sandboxing'),
  });
});

afterEach(async () => {
  await context.close();
});

async function widgetFrame(path: string): Promise<Frame> {
  await page.goto(`${server.origin}${path}`);
  let frame: Frame | undefined;
  await expect
    .poll(
      () => {
        frame = page.frames().find((candidate) => candidate.url().endsWith('/frame'));
        return frame !== undefined;
      },
      { timeout: 15_000 },
    )
    .toBe(true);
  if (frame === undefined) throw new Error('the widget frame never loaded');
  return frame;
}

describe.each(sandboxes)(
  'in an iframe sandboxed without allow-forms (%s: sandbox="%s")',
  (path) => {
    it('sends a chat message from a click on Send', async () => {
      const frame = await widgetFrame(path);
      const shadow = (selector: string) => frame.locator(`samtal-chat >> ${selector}`);
      await shadow('[part="banner-reject"]').click({ timeout: 15_000 });
      await shadow('[part="launcher"]').click();
      await shadow('[part="message-input"]').fill('Hej, när har ni öppet?');
      await shadow('[part="send"]').click();
      await expect.poll(() => network.chat().length, { timeout: 15_000 }).toBe(1);
      expect(network.chat()[0]?.body).toMatchObject({
        message: { text: 'Hej, när har ni öppet?' },
      });
      await expect
        .poll(() => shadow('[part=message][data-from=bot]').count(), { timeout: 15_000 })
        .toBe(1);
      expect(await shadow('[part="message-input"]').inputValue()).toBe('');
      expect(problems).toEqual([]);
    });

    it('sends the contact form from a click on its submit button', async () => {
      const frame = await widgetFrame(path);
      const shadow = (selector: string) => frame.locator(`samtal-chat >> ${selector}`);
      await shadow('[part="banner-reject"]').click({ timeout: 15_000 });
      await shadow('[part="launcher"]').click();
      await shadow('[aria-label="Meny"]').click();
      await shadow('.menu__item:has-text("Bli kontaktad")').click();
      await shadow('[part="lead-form"]').waitFor({ timeout: 15_000 });
      await shadow('input[name="name"]').fill('Åsa Öberg');
      await shadow('input[name="email"]').fill('asa@exempel.se');
      // A person takes longer than the form's minimum time to fill.
      await page.waitForTimeout(1_000);
      await shadow('[part="lead-submit"]').click();
      await expect.poll(() => network.collector('leads').length, { timeout: 15_000 }).toBe(1);
      expect(network.collector('leads')[0]?.body).toMatchObject({
        site: 'acme-se',
        fields: { name: 'Åsa Öberg', email: 'asa@exempel.se' },
      });
      await shadow('text=Tack! Vi hör av oss').waitFor({ timeout: 15_000 });
      expect(problems).toEqual([]);
    });
  },
);

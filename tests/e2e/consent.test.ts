/**
 * Consent end to end, in Chromium against dist/: what leaves the browser and
 * what is stored before, at and after each decision (contract §3, §4, §6).
 */
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from './support/browser';
import { type NetworkRecorder, recordNetwork, testCollector } from './support/network-recorder';
import { hostPage, type StaticServer, startStaticServer } from './support/static-server';

const axePath = fileURLToPath(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url));
const site = 'acme-se';
const embed = {
  site,
  collector: testCollector,
  locale: 'sv',
  'policy-url': 'https://acme.example/integritet',
  'policy-version': '2026-01',
};
const receiptKeys = [
  'decidedAt',
  'id',
  'locale',
  'method',
  'policyVersion',
  'purposes',
  'site',
  'textHash',
];

let browser: Browser;
let server: StaticServer;
let context: BrowserContext;

beforeAll(async () => {
  browser = await launchBrowser();
  server = await startStaticServer();
  server.page('/', { html: hostPage(embed) });
  server.page('/next-policy', { html: hostPage({ ...embed, 'policy-version': '2026-02' }) });
  server.page('/host', { html: hostPage({ ...embed, consent: 'host' }) });
  server.page('/gcm', {
    html: hostPage(
      { ...embed, 'google-consent-mode': 'true' },
      {
        head: '<script>window.gtagCalls=[];window.gtag=function(){window.gtagCalls.push(Array.from(arguments));};</script>',
      },
    ),
  });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

afterEach(async () => {
  await context?.close();
});

async function open(
  path = '/',
  options: { gpc?: boolean; width?: number } = {},
): Promise<{ page: Page; network: NetworkRecorder }> {
  context = await browser.newContext({
    viewport: { width: options.width ?? 1280, height: 800 },
    acceptDownloads: true,
  });
  if (options.gpc) {
    await context.addInitScript(() => {
      Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true });
    });
  }
  const network = await recordNetwork(context);
  const page = await context.newPage();
  await page.goto(server.origin + path);
  await page.locator('[part="launcher"]').waitFor();
  return { page, network };
}

const banner = (page: Page) => page.locator('[part="banner"]');

/** What Samtal keeps in this origin: localStorage keys and IndexedDB databases. */
async function storedTraces(page: Page) {
  return page.evaluate(async () => ({
    localStorage: Object.keys(localStorage).filter((key) => key.startsWith('samtal')),
    databases: (await indexedDB.databases()).map((database) => database.name),
  }));
}

async function receipts(network: NetworkRecorder, count: number) {
  await expect.poll(() => network.collector('consent').length, { timeout: 15_000 }).toBe(count);
  return network.collector('consent').map((request) => request.body as Record<string, unknown>);
}

describe('before a decision', () => {
  it('sends nothing to the collector and stores nothing', async () => {
    const { page, network } = await open();
    await banner(page).waitFor();
    await page.locator('[part="launcher"]').click();
    expect(network.collector()).toEqual([]);
    expect(await storedTraces(page)).toEqual({ localStorage: [], databases: [] });
    expect(await page.evaluate(() => window.Samtal?.consent.get().status)).toBe('undecided');
  });

  it('shows a labelled banner with equal accept and reject buttons and nothing chosen', async () => {
    const { page } = await open();
    await banner(page).waitFor();
    expect(await banner(page).getAttribute('aria-labelledby')).toBeTruthy();
    expect(
      await page.getByRole('region', { name: 'Får vi använda data om ditt besök?' }).count(),
    ).toBe(1);
    const style = (part: string) =>
      page.locator(`[part="${part}"]`).evaluate((element) => {
        const computed = getComputedStyle(element);
        const box = element.getBoundingClientRect();
        return {
          width: box.width,
          height: box.height,
          font: `${computed.fontWeight} ${computed.fontSize} ${computed.fontFamily}`,
          color: computed.color,
          background: computed.backgroundColor,
          border: computed.border,
          padding: computed.padding,
        };
      });
    expect(await style('banner-accept')).toEqual(await style('banner-reject'));
    expect(await page.locator('a[href="https://acme.example/integritet"]').count()).toBe(1);
  });

  it('fits a 320 px wide screen without hiding a button', async () => {
    const { page } = await open('/', { width: 320 });
    await banner(page).waitFor();
    for (const part of ['banner-accept', 'banner-reject', 'banner-settings']) {
      const box = await page.locator(`[part="${part}"]`).boundingBox();
      expect(box).not.toBeNull();
      if (!box) continue;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(320);
      expect(box.y + box.height).toBeLessThanOrEqual(800);
    }
  });

  it('has no axe-core violations in the banner', async () => {
    const { page } = await open();
    await banner(page).waitFor();
    await page.addScriptTag({ path: axePath });
    const violations = await page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run(context: unknown): Promise<AxeResult> } }).axe;
      type AxeResult = { violations: { id: string; nodes: { target: unknown }[] }[] };
      const result = await axe.run({ include: [['samtal-chat']] });
      return result.violations.map((violation) => violation.id);
    });
    expect(violations).toEqual([]);
  });

  it('counts dismissing as no consent and asks again on the next page', async () => {
    const { page, network } = await open();
    await page.locator('[part="banner-accept"]').focus();
    await page.keyboard.press('Escape');
    await banner(page).waitFor({ state: 'hidden' });
    expect(await storedTraces(page)).toEqual({ localStorage: [], databases: [] });
    await page.reload();
    await banner(page).waitFor();
    expect(network.collector()).toEqual([]);
  });
});

describe('a decision', () => {
  it('on reject sends only the receipt, then nothing else, on this page or after reload', async () => {
    const { page, network } = await open();
    await page.locator('[part="banner-reject"]').click();
    const [receipt] = await receipts(network, 1);
    expect(Object.keys(receipt ?? {}).sort()).toEqual(receiptKeys);
    expect(receipt).toMatchObject({
      site,
      policyVersion: '2026-01',
      purposes: { analytics: false, marketing: false },
      method: 'reject',
      locale: 'sv',
    });
    expect(receipt?.textHash).toMatch(/^[0-9a-f]{64}$/);
    await banner(page).waitFor({ state: 'hidden' });
    await page.locator('[part="launcher"]').click();
    await page.click('#internal').catch(() => undefined);
    await page.goto(`${server.origin}/`);
    await page.locator('[part="launcher"]').waitFor();
    expect(await page.evaluate(() => window.Samtal?.consent.get().method)).toBe('reject');
    expect(await banner(page).count()).toBe(0);
    expect(network.collector().map((request) => new URL(request.url).pathname)).toEqual([
      '/v1/consent',
    ]);
  });

  it('on accept sends a receipt and is remembered after reload without a second receipt', async () => {
    const { page, network } = await open();
    await page.locator('[part="banner-accept"]').click();
    const [receipt] = await receipts(network, 1);
    expect(receipt).toMatchObject({
      method: 'accept',
      purposes: { analytics: true, marketing: true },
    });
    await page.reload();
    await page.locator('[part="launcher"]').waitFor();
    await expect
      .poll(() => page.evaluate(() => window.Samtal?.consent.get().status))
      .toBe('decided');
    expect(await page.evaluate(() => window.Samtal?.consent.get().id)).toBe(receipt?.id);
    expect(await banner(page).count()).toBe(0);
    expect(network.collector('consent')).toHaveLength(1);
  });

  it('asks again when the policy version changes', async () => {
    const { page } = await open();
    await page.locator('[part="banner-accept"]').click();
    await banner(page).waitFor({ state: 'hidden' });
    await page.goto(`${server.origin}/next-policy`);
    await banner(page).waitFor();
    expect(await page.evaluate(() => window.Samtal?.consent.get().status)).toBe('undecided');
  });

  it('records a choice from the settings, where nothing is switched on at first', async () => {
    const { page, network } = await open();
    const settings = page.locator('[part="banner-settings"]');
    await settings.click();
    const preferences = page.locator('[part="preferences"]');
    await preferences.waitFor();
    const switches = preferences.getByRole('switch');
    expect(
      await switches.evaluateAll((all) => all.map((s) => s.getAttribute('aria-checked'))),
    ).toEqual(['false', 'false']);
    await page.keyboard.press('Escape');
    await preferences.waitFor({ state: 'hidden' });
    expect(await settings.evaluate((element) => element.matches(':focus'))).toBe(true);
    await settings.click();
    await preferences.getByRole('switch', { name: 'Statistik' }).click();
    await preferences.getByRole('button', { name: 'Spara val' }).click();
    const [receipt] = await receipts(network, 1);
    expect(receipt).toMatchObject({
      method: 'custom',
      purposes: { analytics: true, marketing: false },
    });
  });
});

describe('Global Privacy Control', () => {
  it('keeps marketing off on accept all, and the banner says why', async () => {
    const { page, network } = await open('/', { gpc: true });
    await banner(page).getByText('Global Privacy Control').waitFor();
    await page.locator('[part="banner-accept"]').click();
    const [receipt] = await receipts(network, 1);
    expect(receipt).toMatchObject({
      method: 'accept',
      purposes: { analytics: true, marketing: false },
    });
  });
});

describe('changing the choice', () => {
  it('withdrawn mid-visit closes the gate at once and sends a receipt', async () => {
    const { page, network } = await open();
    await page.locator('[part="banner-accept"]').click();
    await receipts(network, 1);
    const analyticsAfterWithdrawal = await page.evaluate(() => {
      window.Samtal?.consent.set({ analytics: false, marketing: false });
      return window.Samtal?.consent.get().purposes.analytics;
    });
    expect(analyticsAfterWithdrawal).toBe(false);
    const [, receipt] = await receipts(network, 2);
    expect(receipt).toMatchObject({ purposes: { analytics: false, marketing: false } });
    expect(network.collector('events')).toEqual([]);
  });

  it('in host mode shows no banner; the site decides, and a repeat sends no second receipt', async () => {
    const { page, network } = await open('/host');
    await expect
      .poll(() => page.evaluate(() => window.Samtal?.consent.get().policyVersion))
      .toBe('2026-01');
    expect(await banner(page).count()).toBe(0);
    await page.evaluate(() => window.Samtal?.consent.set({ analytics: true, marketing: false }));
    const [receipt] = await receipts(network, 1);
    expect(receipt).toMatchObject({
      method: 'host',
      purposes: { analytics: true, marketing: false },
    });
    await page.evaluate(() => window.Samtal?.consent.set({ analytics: true, marketing: false }));
    await page.reload();
    await page.locator('[part="launcher"]').waitFor();
    await page.evaluate(() => window.Samtal?.consent.set({ analytics: true, marketing: false }));
    expect(await page.evaluate(() => window.Samtal?.consent.get().id)).toBe(receipt?.id);
    expect(network.collector('consent')).toHaveLength(1);
  });

  it('tells Google Consent Mode the analytics choice with update only, ads denied', async () => {
    const { page } = await open('/gcm');
    await page.locator('[part="banner-reject"]').click();
    await page.reload();
    await page.locator('[part="launcher"]').waitFor();
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { gtagCalls: unknown[] }).gtagCalls))
      .toEqual([
        [
          'consent',
          'update',
          {
            analytics_storage: 'denied',
            ad_storage: 'denied',
            ad_user_data: 'denied',
            ad_personalization: 'denied',
          },
        ],
      ]);
  });
});

describe("the visitor's data", () => {
  it('exports the choice and its receipts, then erases every local trace and asks the collector', async () => {
    const { page, network } = await open();
    await page.locator('[part="banner-accept"]').click();
    const [receipt] = await receipts(network, 1);
    // Accepting analytics starts telemetry, which makes the visitor id the erasure must name.
    const visitorIdOf = async () =>
      (
        (await page.evaluate(() => window.Samtal?.data.export())) as {
          telemetry?: { visitorId?: unknown };
        }
      ).telemetry?.visitorId;
    await expect.poll(visitorIdOf, { timeout: 15_000 }).toMatch(/^[0-9a-f-]{36}$/);
    const visitorId = await visitorIdOf();
    const exported = await page.evaluate(() => window.Samtal?.data.export());
    expect(exported).toMatchObject({
      format: 'samtal-export',
      version: 1,
      site,
      consent: { choice: { id: receipt?.id, method: 'accept' }, receipts: [receipt] },
      pendingSends: [],
    });
    await page.evaluate(() => window.Samtal?.data.erase());
    await expect.poll(() => network.collector('erasure').length, { timeout: 15_000 }).toBe(1);
    expect(network.collector('erasure')[0]?.body).toEqual({
      site,
      visitorId,
      consentIds: [receipt?.id],
      leadIds: [],
      // The visitor never chatted: no conversation to name.
      conversationIds: [],
    });
    expect((await storedTraces(page)).localStorage).toEqual([]);
    expect(await page.evaluate(() => window.Samtal?.consent.get().status)).toBe('undecided');
    await banner(page).waitFor();
  });
});

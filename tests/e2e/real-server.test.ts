/**
 * The whole path for real: the built widget in Chromium against the
 * reference server (real HTTP, real SQLite in a temp folder), no mocks.
 * Accept, browse, submit the form, export, erase.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from './support/browser';
import { recordProblems } from './support/page-problems';
import { type RealCollector, startRealCollector } from './support/real-collector';
import { hostPage, type StaticServer } from './support/static-server';

const site = 'acme-se';
let browser: Browser;
let pages: StaticServer;
let collector: RealCollector;
let context: BrowserContext;
let page: Page;
let problems: string[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
  collector = await startRealCollector({
    site,
    config: { knowledge: 'demo/knowledge', storeConversations: true },
  });
  pages = collector.pages;
  const attributes = {
    site,
    collector: `${collector.url}/v1`,
    chat: `${collector.url}/v1/chat`,
    locale: 'sv',
    fields: 'name,email,orgnr',
  };
  pages.page('/', { html: hostPage(attributes) });
  pages.page('/tjanster', { html: hostPage(attributes) });
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
  // An aborted request is the widget's own doing (erasure ends the conversation and its stream).
  problems = recordProblems(page, { failedRequests: true, errorResponses: true });
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await collector?.close();
});

const shadow = (selector: string) => page.locator(`samtal-chat >> ${selector}`);
const counts = async () =>
  (await collector.storage.stats()).sites[site] ?? {
    receipts: 0,
    events: 0,
    leads: 0,
    conversations: 0,
    erasures: 0,
  };
const visitorIdOf = async () =>
  (
    (await page.evaluate(() => window.Samtal?.data.export())) as {
      telemetry?: { visitorId?: string | null };
    }
  ).telemetry?.visitorId ?? null;

describe('the widget against the reference server', () => {
  it('accepts, browses, chats, submits the form, exports and erases', async () => {
    await page.goto(`${pages.origin}/`);
    await shadow('[part="banner-accept"]').click();
    await expect.poll(async () => (await counts()).receipts, { timeout: 15_000 }).toBe(1);
    const consentId = await page.evaluate(() => window.Samtal?.consent.get().id);
    const [receipt] = (
      await collector.storage.exportData({
        site,
        consentIds: [consentId ?? ''],
      })
    ).receipts;
    expect(receipt).toMatchObject({
      site,
      method: 'accept',
      purposes: { analytics: true, marketing: true },
    });

    await expect.poll(visitorIdOf, { timeout: 15_000 }).toMatch(/^[0-9a-f-]{36}$/);
    const visitorId = (await visitorIdOf()) as string;

    await page.evaluate(() => history.pushState({}, '', '/tjanster?utm_source=mail#pris'));
    await page.goto(`${pages.origin}/tjanster`);
    await expect
      .poll(
        async () =>
          (await collector.storage.exportData({ site, visitorId })).events.map(
            (row) => row.event.type,
          ),
        { timeout: 20_000 },
      )
      .toEqual(expect.arrayContaining(['page-view', 'device']));
    for (const row of (await collector.storage.exportData({ site, visitorId })).events) {
      expect(JSON.stringify(row.event)).not.toMatch(/[?#]/);
      // The address is kept only as its /24 network.
      expect(row.ipPrefix).toBe('127.0.0.0');
    }

    await shadow('[part="launcher"]').click();
    await shadow('[part="message-input"]').fill('Hur länge sparar ni mina uppgifter?');
    await page.keyboard.press('Enter');
    await expect
      .poll(() => shadow('[part="message"][data-from="bot"]').count(), { timeout: 10_000 })
      .toBeGreaterThan(0);
    await expect
      .poll(() => shadow('[part="message"][data-from="bot"]').last().textContent())
      .toMatch(/12 månader/);

    await shadow('[aria-label="Meny"]').click();
    await shadow('.menu__item:has-text("Bli kontaktad")').click();
    await shadow('input[name="name"]').fill('Åsa Öberg');
    await shadow('input[name="email"]').fill('Asa@Exempel.SE');
    await shadow('input[name="orgnr"]').fill('5567037485');
    // A person's pace: the form does not send what is filled in faster than 500 ms.
    await page.waitForTimeout(600);
    await shadow('[part="lead-submit"]').click();
    await expect.poll(async () => (await counts()).leads, { timeout: 15_000 }).toBe(1);
    const withLead = (await page.evaluate(() => window.Samtal?.data.export())) as {
      contact?: { leadIds?: string[] };
    };
    const leadIds = withLead.contact?.leadIds ?? [];
    const [lead] = (await collector.storage.exportData({ site, leadIds })).leads;
    expect(lead?.fields).toEqual({
      name: 'Åsa Öberg',
      email: 'Asa@exempel.se',
      orgnr: '556703-7485',
    });
    // Marketing was granted: the lead names the consent that links it to the visit.
    expect(lead?.consentId).toBe(receipt?.id);

    const exported = (await page.evaluate(() => window.Samtal?.data.export())) as Record<
      string,
      unknown
    >;
    expect(exported).toMatchObject({
      site,
      consent: { choice: { id: receipt?.id } },
      contact: { leadIds: [lead?.id] },
      telemetry: { visitorId },
    });

    // The server kept both sides of the chat; the erasure must name the conversation.
    expect((await counts()).conversations).toBe(2);
    const { conversationIds } = (exported.conversation ?? {}) as { conversationIds?: string[] };
    expect(conversationIds).toHaveLength(1);

    await page.evaluate(() => window.Samtal?.data.erase());
    await expect.poll(async () => (await counts()).erasures, { timeout: 15_000 }).toBe(1);
    expect(await counts()).toMatchObject({
      receipts: 0,
      events: 0,
      leads: 0,
      conversations: 0,
      erasures: 1,
    });
    const afterwards = await collector.storage.exportData({
      site,
      visitorId,
      consentIds: [receipt?.id ?? ''],
      leadIds,
      conversationIds: conversationIds ?? [],
    });
    expect(afterwards).toEqual({
      receipts: [],
      events: [],
      leads: [],
      conversations: [],
      unreadable: [],
    });
    expect(await page.evaluate(() => window.Samtal?.consent.get().status)).toBe('undecided');
    expect(problems).toEqual([]);
  });
});

/**
 * The visitor's rights for real (issue 12; contract §8): the built widget in
 * Chromium against the reference server (real HTTP, real SQLite in a temp
 * folder), no mocks. Send the contact form, correct the email from "Your
 * data" and see the lead change in the database; pause the use of the data
 * and see no more events arrive, while the collector marks the visitor.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rightsTexts } from '../../src/i18n/rights-texts';
import { launchBrowser } from './support/browser';
import { recordProblems } from './support/page-problems';
import { type RealCollector, startRealCollector } from './support/real-collector';
import { hostPage, type StaticServer } from './support/static-server';

const site = 'acme-se';
const texts = rightsTexts.sv;
let browser: Browser;
let pages: StaticServer;
let collector: RealCollector;
let context: BrowserContext;
let page: Page;
let problems: string[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
  collector = await startRealCollector({ site });
  pages = collector.pages;
  const attributes = {
    site,
    collector: `${collector.url}/v1`,
    locale: 'sv',
    fields: 'name,email',
  };
  pages.page('/', { html: hostPage(attributes) });
  pages.page('/tjanster', { html: hostPage(attributes) });
  pages.page('/kontakt', { html: hostPage(attributes) });
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
  problems = recordProblems(page, { errorResponses: true });
});

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await collector?.close();
});

const shadow = (selector: string) => page.locator(`samtal-chat >> ${selector}`);
const exported = async () =>
  (await page.evaluate(() => window.Samtal?.data.export())) as {
    telemetry?: { visitorId?: string | null };
    contact?: { leadIds?: string[] };
  };
const eventsOf = async (visitorId: string) =>
  (await collector.storage.exportData({ site, visitorId })).events.length;

async function openYourData(): Promise<void> {
  if (!(await shadow('[part="panel"]').isVisible())) await shadow('[part="launcher"]').click();
  await shadow('[aria-label="Meny"]').click();
  await shadow('.menu__item:has-text("Integritet och dina uppgifter")').click();
  await shadow('[part="your-data"]').waitFor({ timeout: 15_000 });
}

describe('the visitor’s rights against the reference server', () => {
  it('corrects the email of the lead sent, then pauses: the lead changes, no more events arrive', async () => {
    await page.goto(`${pages.origin}/`);
    await shadow('[part="banner-accept"]').click();
    await expect
      .poll(async () => (await exported()).telemetry?.visitorId ?? null, {
        timeout: 15_000,
      })
      .toMatch(/^[0-9a-f-]{36}$/);
    const visitorId = (await exported()).telemetry?.visitorId as string;
    // While analytics is granted, browsing reaches the collector: the control for the pause below.
    await page.goto(`${pages.origin}/tjanster`);
    await expect.poll(() => eventsOf(visitorId), { timeout: 20_000 }).toBeGreaterThan(0);

    await shadow('[part="launcher"]').click();
    await shadow('[aria-label="Meny"]').click();
    await shadow('.menu__item:has-text("Bli kontaktad")').click();
    await shadow('input[name="name"]').fill('Åsa Öberg');
    await shadow('input[name="email"]').fill('asa@exempel.se');
    // A person's pace: the form does not send what is filled in faster than 500 ms.
    await page.waitForTimeout(600);
    await shadow('[part="lead-submit"]').click();
    await expect
      .poll(async () => (await exported()).contact?.leadIds?.length ?? 0, { timeout: 15_000 })
      .toBe(1);
    const [leadId] = (await exported()).contact?.leadIds ?? [];
    const storedLead = async () =>
      (await collector.storage.exportData({ site, leadIds: [leadId ?? ''] })).leads[0]?.fields;
    await expect.poll(storedLead, { timeout: 15_000 }).toEqual({
      name: 'Åsa Öberg',
      email: 'asa@exempel.se',
    });

    await openYourData();
    await shadow(`button:has-text("${texts.rectify}")`).click();
    const email = shadow('[part="lead-form"] input[name="email"]');
    // Filled with what was last sent; only the fields that were sent.
    await expect.poll(() => email.inputValue(), { timeout: 15_000 }).toBe('asa@exempel.se');
    expect(await shadow('[part="lead-form"] input[name="phone"]').count()).toBe(0);
    await email.fill('Asa.Oberg@Exempel.SE');
    await shadow(`button:has-text("${texts.rectifySubmit}")`).click();
    await shadow('text=Klart. Dina uppgifter är rättade').waitFor({ timeout: 15_000 });
    // The collector changed the lead itself, normalised as the form does.
    await expect.poll(storedLead, { timeout: 15_000 }).toEqual({
      name: 'Åsa Öberg',
      email: 'Asa.Oberg@exempel.se',
    });
    const [rectification] = await collector.rights.list({ site });
    expect(rectification).toMatchObject({ kind: 'rectify', status: 'open', applied: 1 });
    expect(rectification?.leadIds).toEqual([leadId]);

    await shadow(`button:has-text("${texts.restrict}")`).click();
    await shadow('text=Klart. Inget mäts längre').waitFor({ timeout: 15_000 });
    await expect
      .poll(async () => (await collector.rights.list({ site })).map((request) => request.kind), {
        timeout: 15_000,
      })
      .toEqual(['restrict', 'rectify']);
    // The visitor's rows are out of statistics from now on, whatever still arrives.
    expect(await collector.rights.restrictedLeads(site, [leadId ?? ''], 'marketing')).toEqual(
      new Set([leadId]),
    );
    expect(await page.evaluate(() => window.Samtal?.consent.get().purposes)).toEqual({
      necessary: true,
      analytics: false,
      marketing: false,
    });

    const before = await eventsOf(visitorId);
    await page.goto(`${pages.origin}/kontakt`);
    await shadow('[part="launcher"]').waitFor({ timeout: 15_000 });
    await shadow('[part="launcher"]').click();
    await shadow('[part="panel"]').waitFor({ timeout: 15_000 });
    await page.goto(`${pages.origin}/tjanster`);
    await shadow('[part="launcher"]').waitFor({ timeout: 15_000 });
    // Long enough for a batch to have been sent, had anything been captured.
    await page.waitForTimeout(5_000);
    expect(await eventsOf(visitorId)).toBe(before);
    // The pause holds after a reload, and says until when.
    await openYourData();
    await shadow('text=Pausat till').waitFor({ timeout: 15_000 });
    expect(problems).toEqual([]);
  });
});

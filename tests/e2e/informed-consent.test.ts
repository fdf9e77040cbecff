/**
 * Informed consent in Chromium against dist/ (issue 10, item 4): the first
 * layer names every purpose "Accept all" grants and who receives the data;
 * Settings lists the site's recipients (`data-recipients`) and the purposes
 * that need no consent; the receipt's textHash is the SHA-256 of exactly
 * those texts, so a collector holding them can recompute it.
 */
import { createHash } from 'node:crypto';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { bannerTexts } from '../../src/i18n/banner-texts';
import { preferencesTexts } from '../../src/i18n/preferences-texts';
import { launchBrowser } from './support/browser';
import { type NetworkRecorder, recordNetwork, testCollector } from './support/network-recorder';
import { hostPage, type StaticServer, startStaticServer } from './support/static-server';
import { part } from './support/widget';

const embed = { site: 'acme-se', collector: testCollector, locale: 'sv' };
const recipients = [
  { name: 'Acme AB', role: 'personuppgiftsansvarig' },
  { name: 'Samtal Cloud AB', role: 'driver chatten och insamlingen', country: 'Sverige' },
];
const banner = bannerTexts.sv;
const preferences = preferencesTexts.sv;

let browser: Browser;
let server: StaticServer;
let context: BrowserContext;

beforeAll(async () => {
  browser = await launchBrowser();
  server = await startStaticServer();
  server.page('/', { html: hostPage({ ...embed, recipients: JSON.stringify(recipients) }) });
  server.page('/other', {
    html: hostPage({ ...embed, recipients: JSON.stringify([{ name: 'Annan Molntjänst AB' }]) }),
  });
  server.page('/names', { html: hostPage({ ...embed, recipients: 'Acme AB; Samtal Cloud AB' }) });
  server.page('/bad', {
    html: hostPage({ ...embed, recipients: JSON.stringify([{ name: 'Acme AB', email: 'x' }]) }),
  });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

afterEach(async () => {
  await context?.close();
});

async function open(path: string): Promise<{ page: Page; network: NetworkRecorder }> {
  context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const network = await recordNetwork(context);
  const page = await context.newPage();
  await page.goto(server.origin + path);
  await part(page, 'banner').waitFor({ timeout: 20_000 });
  return { page, network };
}

/** The text of a part that is on screen (waitFor makes sure it is visible). */
async function shownText(locator: Locator): Promise<string> {
  await locator.waitFor();
  return (await locator.textContent()) ?? '';
}

async function receiptHash(network: NetworkRecorder): Promise<string> {
  await expect.poll(() => network.collector('consent').length).toBe(1);
  const [receipt] = network.collector('consent');
  return (receipt?.body as { textHash?: string } | undefined)?.textHash ?? '';
}

/** What a collector computes from the texts of a release: SHA-256 of their JSON array. */
const sha256 = (texts: readonly string[]) =>
  createHash('sha256').update(JSON.stringify(texts)).digest('hex');

const recipientsSentence = 'Uppgifterna tas emot av Acme AB och Samtal Cloud AB.';
const firstLayer = [
  banner.title,
  banner.intro,
  banner.analyticsName,
  banner.analyticsSummary,
  banner.marketingName,
  banner.marketingSummary,
  recipientsSentence,
  banner.accept,
  banner.reject,
  banner.settings,
  banner.dismiss,
];

describe('the first layer', () => {
  it('names every purpose "Accept all" grants and who receives the data', async () => {
    const { page } = await open('/');
    const text = await shownText(part(page, 'banner'));
    for (const shown of [
      banner.analyticsName,
      banner.analyticsSummary,
      banner.marketingName,
      banner.marketingSummary,
      recipientsSentence,
    ]) {
      expect(text).toContain(shown);
    }
  });

  it('reads recipients written as names separated by semicolons', async () => {
    const { page } = await open('/names');
    expect(await shownText(part(page, 'banner'))).toContain(recipientsSentence);
  });

  it('is not shown for a recipients list it cannot read, and says which key is wrong', async () => {
    context = await browser.newContext();
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    await page.goto(`${server.origin}/bad`);
    await expect.poll(() => errors.length).toBeGreaterThan(0);
    expect(errors.join('\n')).toContain('data-recipients');
    expect(await page.locator('samtal-chat').count()).toBe(0);
    expect(await page.locator('h1').textContent()).toBe('Host page');
  });
});

describe('Settings', () => {
  it('lists the recipients and the purposes that need no consent, and what they cover', async () => {
    const { page } = await open('/');
    await part(page, 'banner-settings').click();
    const dialog = part(page, 'preferences');
    await dialog.waitFor();
    const text = await shownText(dialog);
    expect(text).toContain(preferences.recipientsHeading);
    expect(text).toContain('Acme AB – personuppgiftsansvarig');
    expect(text).toContain('Samtal Cloud AB – driver chatten och insamlingen (Sverige)');
    for (const shown of [preferences.abuseName, preferences.legalName]) {
      expect(text).toContain(shown);
    }
    expect(text).toContain(preferences.abuseDescription);
    expect(text).toContain(preferences.legalDescription);
    // "No consent needed" stands beside each of the two, where a switch would be.
    expect(await dialog.getByText(preferences.noConsentState, { exact: true }).count()).toBe(2);
    // Neither has a switch: they cannot be turned off, and nothing pretends they can.
    expect(await dialog.getByRole('switch').count()).toBe(2);
  });
});

describe("the receipt's textHash", () => {
  it('is the hash of the first layer as shown, recipients included', async () => {
    const { page, network } = await open('/');
    await part(page, 'banner-accept').click();
    expect(await receiptHash(network)).toBe(sha256(firstLayer));
  });

  it('covers the Settings texts and every recipient line for a choice made there', async () => {
    const { page, network } = await open('/');
    await part(page, 'banner-settings').click();
    await part(page, 'preferences').getByRole('button', { name: preferences.save }).click();
    expect(await receiptHash(network)).toBe(
      sha256([
        ...firstLayer,
        preferences.title,
        preferences.close,
        preferences.intro,
        preferences.necessaryName,
        preferences.necessaryState,
        preferences.necessaryDescription,
        preferences.analyticsName,
        preferences.analyticsDescription,
        preferences.marketingName,
        preferences.marketingDescription,
        preferences.abuseName,
        preferences.noConsentState,
        preferences.abuseDescription,
        preferences.legalName,
        preferences.noConsentState,
        preferences.legalDescription,
        preferences.recipientsHeading,
        'Acme AB – personuppgiftsansvarig',
        'Samtal Cloud AB – driver chatten och insamlingen (Sverige)',
        preferences.save,
      ]),
    );
  });

  it('changes when the site names other recipients', async () => {
    const first = await open('/');
    await part(first.page, 'banner-reject').click();
    const named = await receiptHash(first.network);
    await context.close();
    const second = await open('/other');
    await part(second.page, 'banner-reject').click();
    expect(await receiptHash(second.network)).not.toBe(named);
  });
});

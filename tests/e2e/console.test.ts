/**
 * The site owner's console in Chromium against the real server and SQLite:
 * a visitor sends the contact form from the built widget; the owner signs in,
 * sees the lead in the inbox, marks it handled, exports the CSV and erases
 * it. Every view is checked with axe in light and dark, and photographed at
 * 320 px and desktop width (into screenshots/console/, to look at).
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoData } from '../../scripts/console-demo';
import { createPasswordHasher } from '../../src/server/admin/password-hasher';
import { consoleDatabase } from '../../src/server/admin/storage/console-database';
import { createUsersStore } from '../../src/server/admin/storage/create-users-store';
import { expectNoAxeViolations as axe } from './support/axe';
import { launchBrowser } from './support/browser';
import { type RealCollector, startRealCollector } from './support/real-collector';
import { hostPage, type StaticServer } from './support/static-server';

const site = 'acme-se';
const email = 'owner@acme.se';
const password = 'a long console password';
const shots = new URL('../../screenshots/console/', import.meta.url).pathname;

let browser: Browser;
let pages: StaticServer;
let server: RealCollector;

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  browser = await launchBrowser();
  server = await startRealCollector({
    site,
    config: { storeConversations: true },
    consoleOptions: { hasher: createPasswordHasher({ cost: { ln: 10, r: 8, p: 1 } }) },
  });
  pages = server.pages;
  const hasher = createPasswordHasher({ cost: { ln: 10, r: 8, p: 1 } });
  await createUsersStore(consoleDatabase(server.database)).addUser(
    { id: randomUUID(), email, passwordHash: await hasher.hash(password), sites: [site] },
    Date.now(),
  );
  pages.page('/', {
    html: hostPage({
      site,
      collector: `${server.url}/v1`,
      chat: `${server.url}/v1/chat`,
      locale: 'sv',
      fields: 'name,email,phone',
    }),
  });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** A browser context that fails the test on any console error, page error or CSP violation. */
async function open(options: {
  width: number;
  scheme: 'light' | 'dark';
}): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
  const context = await browser.newContext({
    viewport: { width: options.width, height: 900 },
    colorScheme: options.scheme,
    locale: 'sv-SE',
    acceptDownloads: true,
  });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (message) => {
    // A refused sign-in is a 401 the page expects and explains; Chromium still logs it.
    const refusedSignIn =
      message.location().url.endsWith('/v1/admin/session') && message.text().includes('401');
    if ((message.type() === 'error' || message.type() === 'warning') && !refusedSignIn)
      problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  return { context, page, problems };
}

/** A month of made-up activity, once: the views are photographed with something in them. */
async function ensureDemoData(): Promise<void> {
  if (((await server.storage.stats()).sites[site]?.leads ?? 0) === 0)
    await seedDemoData(server.storage, site, Date.now());
}

/** True once the element has focus. */
const focused = (locator: Locator) =>
  expect.poll(() => locator.evaluate((element) => element === document.activeElement)).toBe(true);
const text = (locator: Locator) => expect.poll(() => locator.first().textContent());

async function signIn(page: Page): Promise<void> {
  await page.goto(`${server.url}/admin/`);
  await page.getByLabel('E-postadress').fill(email);
  await page.getByLabel('Lösenord').fill(password);
  await page.getByRole('button', { name: 'Logga in' }).click();
  await page.getByRole('heading', { name: 'Dina webbplatser' }).waitFor();
}

describe('the console', () => {
  it('shows a lead sent from the widget, marks it handled, exports it as CSV and erases it', {
    timeout: 120_000,
  }, async () => {
    // The visitor, on the site.
    const visitor = await open({ width: 1280, scheme: 'light' });
    await visitor.page.goto(`${pages.origin}/`);
    const shadow = (selector: string) => visitor.page.locator(`samtal-chat >> ${selector}`);
    await shadow('[part="banner-reject"]').click();
    await shadow('[part="launcher"]').click();
    await shadow('[aria-label="Meny"]').click();
    await shadow('.menu__item:has-text("Bli kontaktad")').click();
    // A leading minus is a formula to a spreadsheet (CSV injection); the name rule allows it.
    await shadow('input[name="name"]').fill('-Karin Berg');
    await shadow('input[name="email"]').fill('karin@exempel.se');
    await shadow('input[name="phone"]').fill('070-123 45 67');
    // A person's pace: the form does not send what is filled in faster than 500 ms.
    await visitor.page.waitForTimeout(600);
    await shadow('[part="lead-submit"]').click();
    await expect
      .poll(async () => (await server.storage.stats()).sites[site]?.leads ?? 0, { timeout: 15_000 })
      .toBe(1);
    await visitor.context.close();

    // The owner, in the console.
    const { context, page, problems } = await open({ width: 1280, scheme: 'light' });
    await page.goto(`${server.url}/admin/sites/${site}/leads`);
    await page.getByRole('heading', { name: 'Logga in i Samtals konsol' }).first().waitFor();
    await axe(page, 'sign-in');
    await page.getByLabel('E-postadress').fill(email);
    await page.getByLabel('Lösenord').fill('wrong password!');
    await page.getByRole('button', { name: 'Logga in' }).click();
    await text(page.getByRole('alert')).toBe('Fel e-postadress eller lösenord.');
    await page.getByLabel('Lösenord').fill(password);
    await page.getByRole('button', { name: 'Logga in' }).click();

    // The reload after signing in lands on the page that was asked for: the inbox.
    await page.getByRole('heading', { level: 1, name: 'Kontaktförfrågningar' }).first().waitFor();
    const nav = page.getByRole('navigation', { name: 'Webbplatsens vyer' });
    await nav
      .getByRole('link', { name: /Kontaktförfrågningar.*1 ny$/ })
      .first()
      .waitFor();
    const row = page.locator('.lead-row').first();
    await text(row).toContain('-Karin Berg');
    await text(row).toContain('karin@exempel.se');
    await text(row).toContain('Ny');
    await axe(page, 'inbox');

    await row.getByRole('link').click();
    await focused(page.getByRole('heading', { level: 1 }));
    await page.getByText('+46701234567').first().waitFor();
    await expect
      .poll(() => nav.getByRole('link', { name: /Kontaktförfrågningar.*\d+ nya?$/ }).count())
      .toBe(0);
    await axe(page, 'lead detail');
    await page.getByLabel('Anteckning').fill('Ringde upp, skickar offert.');
    await page.getByRole('button', { name: 'Markera som hanterad' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: 'Förfrågan markerad som hanterad.' })
      .first()
      .waitFor();
    await page
      .getByText(/Hanterad .* av owner@acme\.se/)
      .first()
      .waitFor();

    await page.getByRole('link', { name: 'Tillbaka till förfrågningarna' }).click();
    await page.getByText('Inga öppna förfrågningar.', { exact: false }).first().waitFor();
    await page.getByRole('link', { name: /Hanterade \(1\)/ }).click();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Exportera som CSV' }).click(),
    ]);
    const csv = readFileSync((await download.path()) ?? '', 'utf8');
    expect(download.suggestedFilename()).toMatch(
      /^samtal-leads-acme-se-handled-\d{4}-\d{2}-\d{2}\.csv$/,
    );
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const lines = csv.slice(1).trim().split('\r\n');
    expect(lines[0]).toBe(
      'id,received_at,submitted_at,status,name,email,phone,orgnr,marketing_consent_id,handled_at,handled_by,note',
    );
    expect(lines).toHaveLength(2);
    // The formula the visitor typed reaches the spreadsheet as text, not as a formula.
    expect(lines[1]).toContain(",'-Karin Berg,");
    expect(lines[1]).toContain(',handled,');
    expect(lines[1]).toContain("'+46701234567");
    expect(lines[1]).toContain('Ringde upp, skickar offert.');

    await page.locator('.lead-row__link').first().click();
    await page.getByRole('button', { name: 'Radera förfrågan …' }).click();
    const dialog = page.getByRole('dialog', { name: 'Radera förfrågan?' });
    await dialog.first().waitFor();
    await focused(dialog.getByRole('button', { name: 'Avbryt' }));
    await axe(page, 'erase dialog');
    await dialog.getByRole('button', { name: 'Radera', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Förfrågan raderad.' }).first().waitFor();
    await page.getByRole('heading', { level: 1, name: 'Kontaktförfrågningar' }).first().waitFor();
    expect(await server.storage.stats()).toMatchObject({
      sites: { [site]: { leads: 0, erasures: 1 } },
    });

    // The erasure is listed with the rights requests, as done.
    await nav.getByRole('link', { name: 'Rättighetsbegäranden' }).click();
    await page.getByRole('link', { name: 'Alla (1)' }).click();
    await page.getByRole('heading', { name: 'Radering (art. 17)' }).first().waitFor();
    await page
      .getByText(/Raderat: 1 förfrågan, 0 kvitton, \d+ händelser?, 0 meddelanden/)
      .first()
      .waitFor();
    await axe(page, 'rights');

    // Signing out ends the session: the same address shows the sign-in page again.
    await page.getByRole('button', { name: 'Logga ut' }).click();
    await page.getByRole('heading', { name: 'Logga in i Samtals konsol' }).first().waitFor();
    expect(problems).toEqual([]);
    await context.close();
  });

  describe.each([
    [1280, 'light'],
    [1280, 'dark'],
    [320, 'light'],
    [320, 'dark'],
  ] as const)('at %i px, %s', (width, scheme) => {
    it('every view is axe-clean, fits the screen, and is photographed', {
      timeout: 180_000,
    }, async () => {
      await ensureDemoData();
      const views = ['', 'leads', 'rights?status=all', 'conversations', 'webhook', 'snippet'];
      const { context, page, problems } = await open({ width, scheme });
      await signIn(page);
      await page.screenshot({ path: `${shots}sites-${width}-${scheme}.png` });
      for (const view of views) {
        await page.goto(`${server.url}/admin/sites/${site}/${view}`);
        await page.locator('main h1').waitFor();
        await page.locator('[role="status"].loading').waitFor({ state: 'detached' });
        if (view === '') await page.locator('.chart__plot canvas').first().waitFor();
        if (view === 'leads') await page.locator('.lead-row').first().waitFor();
        if (view === 'conversations') await page.locator('.conversation, .empty').first().waitFor();
        const name = view.replace(/\?.*/, '') || 'overview';
        // Nothing wider than the screen: the page itself never scrolls sideways.
        expect(
          await page.evaluate(() => document.documentElement.scrollWidth),
          `${name} at ${width}`,
        ).toBeLessThanOrEqual(width);
        await axe(page, `${name} ${width} ${scheme}`);
        await page.screenshot({ path: `${shots}${name}-${width}-${scheme}.png`, fullPage: true });
      }
      expect(problems).toEqual([]);
      await context.close();
    });
  });

  it('works with the keyboard alone: skip link, navigation, a lead, back', {
    timeout: 120_000,
  }, async () => {
    await ensureDemoData();
    const { context, page, problems } = await open({ width: 1280, scheme: 'light' });
    await signIn(page);
    await page.goto(`${server.url}/admin/sites/${site}/`);
    await page.locator('main h1').waitFor();
    await page.keyboard.press('Tab');
    await focused(page.getByRole('link', { name: 'Hoppa till innehållet' }));
    await page.keyboard.press('Enter');
    await focused(page.locator('#content'));
    const leadsLink = page
      .getByRole('navigation', { name: 'Webbplatsens vyer' })
      .getByRole('link', { name: /Kontaktförfrågningar/ });
    await leadsLink.focus();
    await page.keyboard.press('Enter');
    await focused(page.getByRole('heading', { level: 1, name: 'Kontaktförfrågningar' }));
    await expect.poll(() => leadsLink.getAttribute('aria-current')).toBe('page');
    await page.locator('.lead-row__link').first().focus();
    await page.keyboard.press('Enter');
    await focused(page.getByRole('heading', { level: 1 }));
    const focusVisible = await page.evaluate(() => {
      const button = document.querySelector<HTMLButtonElement>('button.button--primary');
      button?.focus();
      return button ? getComputedStyle(button).outlineStyle : 'none';
    });
    expect(focusVisible).not.toBe('none');
    expect(problems).toEqual([]);
    await context.close();
  });
});

/**
 * A restriction request in the site owner's console, in Chromium against the
 * real server and SQLite (contract §8–9; GDPR art. 12(3), 18): a visitor's
 * page views and lead arrive, then their restriction request over real HTTP
 * (`POST /v1/rights`). The owner finds it among the open requests, marks it
 * handled and lifts it with the keyboard alone; focus lands on each outcome,
 * the live region says what happened, and the visitor's rows count again in
 * the statistics and the lead is back in the CSV. The view is axe-clean in
 * every state and photographed at 1280×800 and 390×844, light and dark (into
 * screenshots/console/, to look at).
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RightsRequest } from '../../src/protocol/rights';
import { createPasswordHasher } from '../../src/server/admin/password-hasher';
import { consoleDatabase } from '../../src/server/admin/storage/console-database';
import { createUsersStore } from '../../src/server/admin/storage/create-users-store';
import { makeBatch, makeLead } from '../server/payloads';
import { expectNoAxeViolations as axe } from './support/axe';
import { launchBrowser } from './support/browser';
import { type RealCollector, startRealCollector } from './support/real-collector';

const site = 'acme-se';
const origin = 'https://acme.se';
const email = 'owner@acme.se';
const password = 'a long console password';
const shots = new URL('../../screenshots/console/', import.meta.url).pathname;

let browser: Browser;
let server: RealCollector;

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  browser = await launchBrowser();
  const hasher = createPasswordHasher({ cost: { ln: 10, r: 8, p: 1 } });
  server = await startRealCollector({ site, origins: [origin], consoleOptions: { hasher } });
  await createUsersStore(consoleDatabase(server.database)).addUser(
    { id: randomUUID(), email, passwordHash: await hasher.hash(password), sites: [site] },
    Date.now(),
  );
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** What the widget would send, from the site's origin. */
async function collect(path: string, body: unknown): Promise<void> {
  const response = await fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin },
    body: JSON.stringify(body),
  });
  expect(response.status, path).toBe(200);
}

/** A visitor with three page views today and a lead, and another visitor; returns the first. */
async function visitorsArrive(): Promise<{ visitorId: string; leadId: string; leadEmail: string }> {
  const now = new Date().toISOString();
  const today = (batch: ReturnType<typeof makeBatch>) => ({
    ...batch,
    sentAt: now,
    events: batch.events.map((event) => ({ ...event, at: now })),
  });
  const restricted = today(makeBatch());
  await collect('/v1/events', restricted);
  await collect('/v1/events', today(makeBatch()));
  const leadEmail = `asa.${randomUUID().slice(0, 8)}@example.se`;
  const lead = makeLead({ fields: { name: 'Åsa Öberg', email: leadEmail } });
  await collect('/v1/leads', lead);
  return { visitorId: restricted.visitorId, leadId: lead.id, leadEmail };
}

async function restrictionArrives(names: { visitorId: string; leadId: string }): Promise<string> {
  const request: RightsRequest = {
    id: randomUUID(),
    site,
    kind: 'restrict',
    visitorId: names.visitorId,
    consentIds: [],
    leadIds: [names.leadId],
    submittedAt: new Date().toISOString(),
  };
  await collect('/v1/rights', request);
  return request.id;
}

async function open(options: {
  width: number;
  height: number;
  scheme: 'light' | 'dark';
}): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
  const context = await browser.newContext({
    viewport: { width: options.width, height: options.height },
    colorScheme: options.scheme,
    locale: 'sv-SE',
    timezoneId: 'Europe/Stockholm',
  });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  return { context, page, problems };
}

async function signIn(page: Page, path: string): Promise<void> {
  await page.goto(`${server.url}${path}`);
  await page.getByLabel('E-postadress').fill(email);
  await page.getByLabel('Lösenord').fill(password);
  await page.getByLabel('Lösenord').press('Enter');
  await page.locator('main h1').waitFor();
  await page.locator('[role="status"].loading').waitFor({ state: 'detached' });
}

/** The focused element: its text, and whether the browser draws a focus indicator on it. */
const focus = (page: Page) =>
  page.evaluate(() => {
    const element = document.activeElement as HTMLElement | null;
    const style = element ? getComputedStyle(element) : null;
    return {
      id: element?.id ?? '',
      tag: element?.tagName.toLowerCase() ?? '',
      text: element?.textContent?.trim() ?? '',
      ring: style !== null && style.outlineStyle !== 'none' && style.outlineWidth !== '0px',
    };
  });

/** Tabs forward until `target` has focus (at most `limit` presses), each stop showing its focus. */
async function tabTo(page: Page, target: Locator, limit = 12): Promise<void> {
  for (let presses = 0; presses < limit; presses++) {
    await page.keyboard.press('Tab');
    const now = await focus(page);
    expect(now.ring, `focus ring on <${now.tag}> "${now.text.slice(0, 40)}"`).toBe(true);
    if (await target.evaluate((element) => element === document.activeElement)) return;
  }
  throw new Error(`Tab never reached ${target}`);
}

async function stats(page: Page): Promise<number> {
  const day = (offset: number) =>
    new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
  const response = await page.request.get(
    `${server.url}/v1/admin/sites/${site}/stats?from=${day(-1)}&to=${day(1)}&tz=UTC`,
  );
  expect(response.status()).toBe(200);
  return ((await response.json()) as { traffic: { visitorsInPeriod: number } }).traffic
    .visitorsInPeriod;
}

async function csv(page: Page): Promise<string> {
  const response = await page.request.get(`${server.url}/v1/admin/sites/${site}/leads.csv`);
  expect(response.status()).toBe(200);
  return response.text();
}

describe('a restriction in the console', () => {
  it('is found among the open requests, marked handled and lifted with the keyboard alone', {
    timeout: 120_000,
  }, async () => {
    const visitor = await visitorsArrive();
    const id = await restrictionArrives(visitor);
    const { context, page, problems } = await open({ width: 1280, height: 800, scheme: 'light' });
    await signIn(page, `/admin/sites/${site}/rights`);

    // Open requests first: the restriction, with its deadline and what it covers.
    const filters = page.getByRole('navigation', { name: 'Visa' });
    await expect
      .poll(() => filters.getByRole('link').allTextContents())
      .toEqual(['Öppna (1)', 'Hanterade (0)', 'Alla (1)']);
    expect(
      await filters.getByRole('link', { name: 'Öppna (1)' }).getAttribute('aria-current'),
    ).toBe('page');
    const card = page.getByRole('article', { name: 'Begränsning (art. 18)' });
    await expect.poll(() => card.textContent()).toContain(visitor.visitorId);
    expect(await card.locator('.badge').allTextContents()).toContain('Gäller nu');
    expect(await card.textContent()).toMatch(/(29|30|31) dagar kvar/);
    // While it holds: the visitor is not counted, the lead is not exported.
    expect(await stats(page)).toBe(1);
    expect(await csv(page)).not.toContain(visitor.leadEmail);
    await axe(page, 'open request');

    // Mark it handled: Tab to the note, type, Tab to the button, Enter.
    const note = card.getByLabel('Vad som gjordes');
    await tabTo(page, note, 30);
    await page.keyboard.type('Bekräftat per e-post; begränsningen gäller tills vidare.');
    await tabTo(page, card.getByRole('button', { name: 'Markera som hanterad' }));
    await page.keyboard.press('Enter');
    // It leaves the open list; focus goes to what is there now, the live region says where it went.
    await expect
      .poll(() => focus(page))
      .toMatchObject({
        id: 'rights-empty',
        text: expect.stringContaining('Inga öppna begäranden'),
      });
    await expect
      .poll(() => page.getByRole('status').allTextContents())
      .toContain('Begäran markerad som hanterad och flyttad till Hanterade.');
    await expect
      .poll(() => filters.getByRole('link').allTextContents())
      .toEqual(['Öppna (0)', 'Hanterade (1)', 'Alla (1)']);
    // Handled is not lifted: the restriction still holds.
    expect(await stats(page)).toBe(1);

    // Back to the filter with Shift+Tab, to Handled, Enter: the address keeps the choice.
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Shift+Tab');
    expect((await focus(page)).text).toBe('Hanterade (1)');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.url()).toMatch(/\/rights\?status=handled$/);
    await expect
      .poll(() => filters.getByRole('link', { name: 'Hanterade (1)' }).getAttribute('aria-current'))
      .toBe('page');
    await expect.poll(() => card.textContent()).toContain('Hanterad');
    expect(await card.textContent()).toMatch(
      /Hanterad .+ av owner@acme\.se — Bekräftat per e-post; begränsningen gäller tills vidare\./,
    );
    expect(await card.locator('.badge').allTextContents()).toContain('Gäller nu');

    // Lift it: the question first (art. 18(3)), focus on the safe answer.
    await tabTo(page, card.getByRole('button', { name: 'Häv begränsningen' }));
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Häva begränsningen?' });
    await dialog.waitFor();
    await expect.poll(() => focus(page)).toMatchObject({ text: 'Avbryt' });
    await axe(page, 'lift dialog');
    await page.keyboard.press('Tab');
    expect(await focus(page)).toMatchObject({ text: 'Häv begränsningen', ring: true });
    await page.keyboard.press('Enter');

    // Focus on the outcome: lifted, when, by whom; the live region says so.
    await expect.poll(() => focus(page)).toMatchObject({ id: `rights-${id}-lifted`, ring: true });
    await expect
      .poll(() => page.getByRole('status').allTextContents())
      .toContain('Begränsningen är hävd.');
    const listed = await page.request.get(`${server.url}/v1/admin/sites/${site}/rights`);
    const stored = ((await listed.json()) as { requests: Array<Record<string, unknown>> })
      .requests[0];
    expect(stored).toMatchObject({ id, status: 'handled', liftedBy: email });
    const when = await page.evaluate(
      (iso) =>
        new Intl.DateTimeFormat('sv-SE', { dateStyle: 'medium', timeStyle: 'short' }).format(
          new Date(iso),
        ),
      String(stored?.liftedAt),
    );
    expect((await focus(page)).text).toBe(`Hävd ${when} av owner@acme.se.`);
    expect(await card.locator('.badge').allTextContents()).toEqual(['Hanterad']);
    expect(await card.getByRole('button', { name: 'Häv begränsningen' }).count()).toBe(0);
    await axe(page, 'lifted');

    // What is stored: the visitor counts again, the lead is back in the CSV.
    expect(await stats(page)).toBe(2);
    expect(await csv(page)).toContain(visitor.leadEmail);

    // A reload shows the same: the filter from the address, the lift from the server.
    await page.reload();
    await page.locator('[role="status"].loading').waitFor({ state: 'detached' });
    await expect.poll(() => card.textContent()).toContain(`Hävd ${when} av owner@acme.se.`);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('says so when someone else lifted it first, and shows it as it is now', {
    timeout: 60_000,
  }, async () => {
    const id = await restrictionArrives(await visitorsArrive());
    const { context, page, problems } = await open({ width: 1280, height: 800, scheme: 'light' });
    await signIn(page, `/admin/sites/${site}/rights?status=all`);
    const card = page.locator('article', { has: page.locator(`[id="rights-${id}"]`) });
    const lift = card.getByRole('button', { name: 'Häv begränsningen' });
    await lift.waitFor();
    // Another session (a colleague, or a script over the API) lifts it meanwhile.
    const elsewhere = await page.request.post(
      `${server.url}/v1/admin/sites/${site}/rights/${id}/lift`,
      { data: {}, headers: { origin: server.url } },
    );
    expect(elsewhere.status()).toBe(200);

    await lift.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('dialog', { name: 'Häva begränsningen?' }).waitFor();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.getByRole('status').allTextContents())
      .toContain(
        'Någon annan hann före: begäran var redan ändrad. Listan visar nu hur det står till.',
      );
    await expect.poll(() => focus(page)).toMatchObject({ id: `rights-${id}-lifted` });
    expect((await focus(page)).text).toMatch(/^Hävd .+ av owner@acme\.se\.$/);
    expect(await card.getByRole('alert').count()).toBe(0);
    expect(problems.filter((problem) => !problem.includes('404'))).toEqual([]);
    await context.close();
  });

  describe.each([
    [1280, 800, 'light'],
    [1280, 800, 'dark'],
    [390, 844, 'light'],
    [390, 844, 'dark'],
  ] as const)('at %i×%i, %s', (width, height, scheme) => {
    it('the rights view fits, is axe-clean and is photographed', {
      timeout: 60_000,
    }, async () => {
      if ((await server.rights.list({ site })).filter((r) => r.status === 'open').length === 0) {
        await restrictionArrives(await visitorsArrive());
      }
      const { context, page, problems } = await open({ width, height, scheme });
      await signIn(page, `/admin/sites/${site}/rights?status=all`);
      await page.getByRole('article').first().waitFor();
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
        width,
      );
      await axe(page, `rights ${width} ${scheme}`);
      await page.screenshot({
        path: `${shots}rights-${width}x${height}-${scheme}.png`,
        fullPage: true,
      });
      expect(problems).toEqual([]);
      await context.close();
    });
  });
});

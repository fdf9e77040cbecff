/**
 * The contact form in Chromium: what is wrong is flagged at the field and
 * nothing leaves; once corrected, exactly one lead with exactly the
 * configured fields, normalised.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
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

beforeAll(async () => {
  browser = await launchBrowser();
  server = await startStaticServer();
  server.page('/', {
    html: hostPage({
      site: 'acme-se',
      collector: testCollector,
      chat: testChat,
      locale: 'sv',
      fields: 'name,phone,orgnr',
    }),
  });
});

afterAll(async () => {
  await server.close();
  await browser.close();
});

beforeEach(async () => {
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  network = await recordNetwork(context);
  page = await context.newPage();
  problems = recordProblems(page);
});

afterEach(async () => {
  await context.close();
});

const shadow = (selector: string) => page.locator(`samtal-chat >> ${selector}`);

async function openForm() {
  await page.goto(`${server.origin}/`);
  await shadow('[part="banner-reject"]').click();
  await shadow('[part="launcher"]').click();
  await shadow('[aria-label="Meny"]').click();
  await shadow('.menu__item:has-text("Bli kontaktad")').click();
  await shadow('[part="lead-form"]').waitFor();
}

describe('the contact form', () => {
  it('shows only the configured fields', async () => {
    await openForm();
    const names = await shadow('[part="lead-form"] input').evaluateAll((inputs) =>
      inputs.map((input) => input.getAttribute('name')),
    );
    expect(names).toEqual(['name', 'phone', 'orgnr']);
  });

  it('flags an invalid organisation number at the field and sends nothing; corrected, sends one normalised lead', async () => {
    await openForm();
    await shadow('input[name="name"]').fill('  Åsa   Öberg ');
    await shadow('input[name="phone"]').fill('070-123 45 67');
    await shadow('input[name="orgnr"]').fill('556703-7484');
    await shadow('[part="lead-submit"]').click();

    const orgnr = shadow('input[name="orgnr"]');
    await expect.poll(() => orgnr.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (await orgnr.getAttribute('aria-describedby')) ?? '';
    const message = await shadow(`[id="${describedBy.split(' ')[0]}"]`).textContent();
    expect(message).toMatch(/stämmer inte/);
    expect(
      await orgnr.evaluate((input) => (input.getRootNode() as ShadowRoot).activeElement === input),
    ).toBe(true);
    await page.waitForTimeout(300);
    expect(network.collector('leads')).toEqual([]);

    await orgnr.fill('5567037485');
    // A person takes longer than the form's minimum time to fill.
    await page.waitForTimeout(600);
    await shadow('[part="lead-submit"]').click();
    await expect.poll(() => network.collector('leads').length).toBe(1);
    const [lead] = network.collector('leads');
    expect(lead?.body).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      site: 'acme-se',
      submittedAt: expect.any(String),
      fields: { name: 'Åsa Öberg', phone: '+46701234567', orgnr: '556703-7485' },
      // Milliseconds from showing the form to sending it, for the collector's check.
      botCheck: { fillMs: expect.any(Number) },
    });
    expect(lead?.body).toMatchObject({ botCheck: { fillMs: expect.toSatisfy((ms) => ms > 500) } });
    await shadow('text=Tack! Vi hör av oss').waitFor();
    await page.waitForTimeout(300);
    expect(network.collector('leads')).toHaveLength(1);
    expect(network.collector('events')).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('keeps the values when the collector is down, and delivers them later', async () => {
    let failures = 1;
    network.respond('leads', (_request, route) =>
      failures-- > 0
        ? route.fulfill({ status: 503, headers: { 'access-control-allow-origin': '*' } })
        : route.fulfill({ status: 201, headers: { 'access-control-allow-origin': '*' } }),
    );
    await openForm();
    await shadow('input[name="name"]').fill('Åsa Öberg');
    await shadow('input[name="phone"]').fill('08-123 456 78');
    await page.waitForTimeout(600);
    await shadow('[part="lead-submit"]').click();
    await shadow('text=vi skickar uppgifterna automatiskt').waitFor();
    await expect.poll(() => network.collector('leads').length, { timeout: 10_000 }).toBe(2);
    const [first, second] = network.collector('leads');
    expect(second?.text).toBe(first?.text);
    expect(first?.body).toMatchObject({ fields: { name: 'Åsa Öberg', phone: '+46812345678' } });
  });
});

describe('the contact form against scripts', () => {
  it('hides its honeypot from people, screen readers and the keyboard', async () => {
    await openForm();
    const trap = shadow('[part="lead-form"] textarea[name="comment"]');
    expect(await trap.count()).toBe(1);
    expect(await trap.isVisible()).toBe(false);
    // Not in the accessibility tree that assistive technology reads.
    const tree = await shadow('[part="lead-form"]').ariaSnapshot();
    expect(tree).toContain('Namn');
    expect(tree).not.toMatch(/comment/i);
    // Tab goes from the first field to the last control without landing on it.
    await shadow('input[name="name"]').focus();
    const reached: string[] = [];
    for (let step = 0; step < 8; step++) {
      await page.keyboard.press('Tab');
      reached.push(
        await page.evaluate(() => {
          const active = document.querySelector('samtal-chat')?.shadowRoot?.activeElement;
          return active
            ? (active.getAttribute('name') ?? active.getAttribute('part') ?? active.tagName)
            : '';
        }),
      );
    }
    expect(reached).toContain('lead-submit');
    expect(reached).not.toContain('comment');
    expect(await trap.evaluate((input) => (input as HTMLInputElement).matches(':focus'))).toBe(
      false,
    );
    expect(problems).toEqual([]);
  });

  it('sends nothing when a script fills the honeypot, and thanks it as usual', async () => {
    await openForm();
    await shadow('input[name="name"]').fill('Spam Bot');
    await shadow('input[name="phone"]').fill('070-123 45 67');
    // Scripts fill in every input they find, hidden or not.
    await shadow('textarea[name="comment"]').evaluate((input) => {
      (input as HTMLTextAreaElement).value = 'https://spam.example';
    });
    await page.waitForTimeout(600);
    await shadow('[part="lead-submit"]').click();
    await shadow('text=Tack! Vi hör av oss').waitFor({ timeout: 15_000 });
    await page.waitForTimeout(500);
    expect(network.collector('leads')).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('sends nothing when a script fills and sends the form at once, and thanks it as usual', async () => {
    await page.goto(`${server.origin}/`);
    await shadow('[part="banner-reject"]').click();
    await shadow('[part="launcher"]').click();
    await shadow('[aria-label="Meny"]').click();
    await shadow('.menu__item:has-text("Bli kontaktad")').waitFor();
    // Opened, filled and sent within a frame of the form appearing, as a
    // script does, in the page itself so that no round trip slows it down.
    await page.evaluate(async () => {
      const root = document.querySelector('samtal-chat')?.shadowRoot;
      const item = [...(root?.querySelectorAll<HTMLElement>('.menu__item') ?? [])].find(
        (candidate) => candidate.textContent?.includes('Bli kontaktad'),
      );
      item?.click();
      let form: HTMLFormElement | null = null;
      for (let frame = 0; frame < 600 && form === null; frame++) {
        await new Promise((resolve) => requestAnimationFrame(resolve));
        form = root?.querySelector<HTMLFormElement>('[part="lead-form"]') ?? null;
      }
      const set = (name: string, value: string) => {
        const input = form?.querySelector<HTMLInputElement>(`input[name="${name}"]`);
        if (!input) return;
        input.value = value;
        input.dispatchEvent(new Event('input', { bubbles: true }));
      };
      set('name', 'Spam Bot');
      set('phone', '070-123 45 67');
      form?.querySelector<HTMLButtonElement>('[part="lead-submit"]')?.click();
    });
    await shadow('text=Tack! Vi hör av oss').waitFor({ timeout: 15_000 });
    await page.waitForTimeout(500);
    expect(network.collector('leads')).toEqual([]);
    expect(problems).toEqual([]);
  });
});

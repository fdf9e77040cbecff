/**
 * The widget's layout in real Chromium, measured from its boxes, at a small
 * phone (320×640), a large phone (390×844) and a desktop (1280×800): the
 * panel and an undecided consent banner together, the consent settings and
 * the "your data" view on a small screen, "Accept all" and "Reject all"
 * equal at every width, and text fields large enough that iOS does not zoom.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from './support/browser';
import { corsHeaders, recordNetwork, testChat, testCollector } from './support/network-recorder';
import { hostPage, type StaticServer, startStaticServer } from './support/static-server';
import { fullyVisible, inWidget, part } from './support/widget';

type Viewport = { width: number; height: number };
type Box = { x: number; y: number; width: number; height: number };

const phone: Viewport = { width: 320, height: 640 };
const largePhone: Viewport = { width: 390, height: 844 };
const desktop: Viewport = { width: 1280, height: 800 };
const viewports = [phone, largePhone, desktop];

const embed = {
  site: 'layout',
  collector: testCollector,
  chat: testChat,
  'policy-url': 'https://example.se/integritetspolicy',
  fields: 'name,email,phone,orgnr',
};

let browser: Browser;
let server: StaticServer;
let context: BrowserContext | null = null;

beforeAll(async () => {
  browser = await launchBrowser();
  server = await startStaticServer();
  for (const locale of ['sv', 'en']) {
    server.page(`/${locale}`, { html: hostPage({ ...embed, locale }) });
    server.page(`/${locale}/large-text`, {
      html: hostPage(
        { ...embed, locale },
        { head: '<style>samtal-chat { --samtal-font-size: 30px; }</style>' },
      ),
    });
  }
});

afterEach(async () => {
  await context?.close();
  context = null;
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function open(viewport: Viewport, path = '/sv'): Promise<Page> {
  context = await browser.newContext({ viewport });
  const network = await recordNetwork(context);
  // The bot answers with a quick action, which the chat shows between its messages and the composer.
  network.respondChat((_request, route) =>
    route.fulfill({
      status: 200,
      headers: { ...corsHeaders, 'content-type': 'application/json' },
      body: JSON.stringify({
        replies: [
          {
            id: 'r1',
            text: 'Vi sparar chattar i 12 månader.',
            actions: [{ type: 'contact-form' }],
          },
        ],
      }),
    }),
  );
  const page = await context.newPage();
  page.on('pageerror', (error) => {
    throw error;
  });
  await page.goto(`${server.origin}${path}`);
  await part(page, 'banner').waitFor();
  return page;
}

async function boxOf(page: Page, selector: string): Promise<Box> {
  const box = await inWidget(page, selector).boundingBox();
  if (box === null) throw new Error(`${selector} is not rendered`);
  return box;
}

const size = (viewport: Viewport) => `${viewport.width}×${viewport.height}`;

/**
 * Which edges of a scroll area show the "there is more" shadow now: read from
 * its rendered inset box-shadows (the top one, then the bottom one), visible
 * when their colour is not transparent.
 */
const scrollCue = (page: Page, selector: string) =>
  inWidget(page, selector).evaluate((element) => {
    const style = getComputedStyle(element);
    // Colours come as rgb(a) or, from color-mix(), as oklab(… / alpha).
    const alphas = (style.boxShadow.match(/[a-z]+\([^)]*\)/g) ?? []).map((color) => {
      const slash = color.match(/\/\s*([\d.]+)/);
      if (slash) return Number(slash[1]);
      const parts = color.match(/[\d.]+/g) ?? [];
      return parts.length === 4 ? Number(parts[3]) : 1;
    });
    return {
      overflows: element.scrollHeight > element.clientHeight,
      top: (alphas[0] ?? 0) > 0.05,
      bottom: (alphas[1] ?? 0) > 0.05,
    };
  });

/** Scrolls the area to its end and lets the scroll timeline catch up. */
async function scrollToEnd(page: Page, selector: string): Promise<void> {
  await inWidget(page, selector).evaluate((element) => element.scrollTo(0, element.scrollHeight));
  await page.waitForTimeout(100);
}

describe.each(viewports.map((viewport) => [size(viewport), viewport] as const))(
  'the panel and an undecided banner together, %s',
  (_name, viewport) => {
    it('keeps the panel full size with the banner docked in it, and nothing moves on a decision', async () => {
      const page = await open(viewport);
      const standingBanner = await boxOf(page, '[part="banner"]');
      await part(page, 'launcher').click();
      await part(page, 'message-input').waitFor();
      const panel = await boxOf(page, '[part="panel"]');

      // One width for the two: the banner standing in the dock is as wide as the panel.
      if (viewport !== desktop) {
        expect(panel).toEqual({ x: 0, y: 0, width: viewport.width, height: viewport.height });
        expect(standingBanner.width).toBe(viewport.width - 40);
      } else {
        expect(panel.width).toBe(400);
        expect(panel.height).toBe(600);
        expect(standingBanner.width).toBe(panel.width);
      }

      // The banner is in the panel, under its header, and in view: a full-screen panel cannot hide it.
      const toggle = '.banner__toggle';
      expect(await fullyVisible(page, toggle)).toBe(true);
      const header = await boxOf(page, '.panel__header');
      const strip = await boxOf(page, '[part="banner"]');
      expect(strip.y).toBe(header.y + header.height);
      expect(strip.width).toBe(panel.width - (viewport === desktop ? 2 : 0));
      // Collapsed to its question, it leaves the conversation most of the panel.
      expect(strip.height).toBeLessThanOrEqual(viewport === phone ? 72 : 48);
      expect(await fullyVisible(page, '[part="message-input"]')).toBe(true);

      // Opened, it shows the choices in view; the composer stays too.
      await inWidget(page, toggle).click();
      for (const name of ['banner-accept', 'banner-reject', 'banner-settings']) {
        expect({ name, visible: await fullyVisible(page, `[part="${name}"]`) }).toEqual({
          name,
          visible: true,
        });
      }
      expect(await fullyVisible(page, '[part="message-input"]')).toBe(true);
      expect(await boxOf(page, '[part="panel"]')).toEqual(panel);

      await part(page, 'banner-reject').click();
      await expect.poll(() => part(page, 'banner').isVisible()).toBe(false);
      await inWidget(page, '.privacy-control').waitFor();
      // The decision changes nothing of the panel's box: no jump, no growth.
      expect(await boxOf(page, '[part="panel"]')).toEqual(panel);
    });

    it('shows every field of the contact form with its label, or scrolls to it', async () => {
      const page = await open(viewport);
      await part(page, 'launcher').click();
      await inWidget(page, '[aria-label="Meny"]').click();
      await inWidget(page, '.menu__item:has-text("Bli kontaktad")').click();
      await part(page, 'lead-form').waitFor();
      for (const name of ['name', 'email', 'phone', 'orgnr']) {
        const label = `label[for="${await inWidget(page, `input[name="${name}"]`).getAttribute('id')}"]`;
        await inWidget(page, label).scrollIntoViewIfNeeded();
        expect({ name, visible: await fullyVisible(page, label) }).toEqual({ name, visible: true });
      }
      if (viewport === desktop) {
        // At 600 px the four fields fit beside the docked banner without scrolling.
        await inWidget(page, '.panel__body').evaluate((body) => body.scrollTo(0, 0));
        for (const name of ['name', 'email', 'phone', 'orgnr']) {
          expect(await fullyVisible(page, `input[name="${name}"]`)).toBe(true);
        }
      }
    });
  },
);

/**
 * A short screen: a phone held sideways (740×360, 667×375) or a short laptop
 * window (1024×450). Beside a 600 px panel the docked banner's first layer
 * had no room: its text was 0 px tall, so a visitor decided without seeing
 * what "Accept all" means.
 */
const shortViewports: Viewport[] = [
  { width: 740, height: 360 },
  { width: 667, height: 375 },
  { width: 1024, height: 450 },
];

describe.each(shortViewports.map((viewport) => [size(viewport), viewport] as const))(
  'a short screen, %s, with the panel open and the banner docked',
  (_name, viewport) => {
    it('covers the screen like on a phone, and the page behind does not scroll', async () => {
      const page = await open(viewport);
      await page.evaluate(() => window.Samtal?.open());
      await part(page, 'message-input').waitFor();
      expect(await boxOf(page, '[part="panel"]')).toEqual({ x: 0, y: 0, ...viewport });
      expect(await part(page, 'panel').getAttribute('aria-modal')).toBe('true');
      expect(
        await page.evaluate(() => getComputedStyle(document.documentElement).overflowY),
      ).toMatch(/^(clip|hidden)$/);
      // Collapsed to its question, the banner leaves the conversation most of the screen.
      expect((await boxOf(page, '.chat__messages')).height).toBeGreaterThanOrEqual(
        viewport.height / 2 - 40,
      );
    });

    it('shows the first layer’s text, scrolling with a cue, with every choice and the question in view', async () => {
      const page = await open(viewport);
      await page.evaluate(() => window.Samtal?.open());
      // A conversation with a quick action under it, as a visitor has after a first answer.
      await part(page, 'message-input').fill('Hur länge sparar ni chattar?');
      await page.keyboard.press('Enter');
      await inWidget(page, '.chat__actions').waitFor();
      await inWidget(page, '.banner__toggle').click();

      const text = '.banner__text';
      // At least three lines of the explanation show at once.
      const lineHeight = await inWidget(page, text).evaluate((element) =>
        Number.parseFloat(getComputedStyle(element).lineHeight),
      );
      expect((await boxOf(page, text)).height).toBeGreaterThanOrEqual(3 * lineHeight);
      const cue = await scrollCue(page, text);
      if (cue.overflows) expect(cue).toEqual({ overflows: true, top: false, bottom: true });
      // Its end, the policy link, is reachable by scrolling the text.
      await scrollToEnd(page, text);
      expect(await fullyVisible(page, `${text} a[href]`)).toBe(true);

      for (const name of [
        '.banner__toggle',
        '[part="banner-accept"]',
        '[part="banner-reject"]',
        '[part="banner-settings"]',
        '.banner__more > :last-child',
        '[part="message-input"]',
      ]) {
        expect({ name, visible: await fullyVisible(page, name) }).toEqual({ name, visible: true });
      }
      const { accept, reject } = await choices(page);
      expect(accept).toEqual(reject);

      // Tabbing on to Settings keeps the question in view (nothing scrolls it away).
      await part(page, 'banner-settings').focus();
      expect(await fullyVisible(page, '.banner__toggle')).toBe(true);
      expect(await fullyVisible(page, '.panel__header')).toBe(true);

      // Collapsed again, the conversation comes back.
      await inWidget(page, '.banner__toggle').click();
      expect(await fullyVisible(page, '.chat__actions')).toBe(true);
      expect(await fullyVisible(page, '[part="message-input"]')).toBe(true);
    });

    it('shows the first layer over the contact form too, and gives the form back when collapsed', async () => {
      const page = await open(viewport);
      await page.evaluate(() => window.Samtal?.open());
      await inWidget(page, '[aria-label="Meny"]').click();
      await inWidget(page, '.menu__item:has-text("Bli kontaktad")').click();
      await part(page, 'lead-form').waitFor();
      await inWidget(page, '.banner__toggle').click();
      const lineHeight = await inWidget(page, '.banner__text').evaluate((element) =>
        Number.parseFloat(getComputedStyle(element).lineHeight),
      );
      expect((await boxOf(page, '.banner__text')).height).toBeGreaterThanOrEqual(3 * lineHeight);
      for (const name of [
        '[part="banner-accept"]',
        '[part="banner-reject"]',
        '[part="banner-settings"]',
      ]) {
        expect({ name, visible: await fullyVisible(page, name) }).toEqual({ name, visible: true });
      }
      await inWidget(page, '.banner__toggle').click();
      const label = `label[for="${await inWidget(page, 'input[name="name"]').getAttribute('id')}"]`;
      await inWidget(page, label).scrollIntoViewIfNeeded();
      expect(await fullyVisible(page, label)).toBe(true);
    });
  },
);

describe('a small screen, 320×640', () => {
  it('keeps the settings dialog’s header and Save in view, and its middle scrolls with a cue', async () => {
    const page = await open(phone);
    await part(page, 'banner-settings').click();
    await part(page, 'preferences').waitFor();
    expect(await fullyVisible(page, '.preferences__save')).toBe(true);
    expect(await fullyVisible(page, '.preferences__close')).toBe(true);
    // More below, nothing above: a shadow at the bottom edge only.
    expect(await scrollCue(page, '.preferences__content')).toEqual({
      overflows: true,
      top: false,
      bottom: true,
    });
    // Scrolled, the last switch and the end of the list come into view while Save stays.
    await inWidget(page, '[name="marketing"]').scrollIntoViewIfNeeded();
    expect(await fullyVisible(page, '[name="marketing"]')).toBe(true);
    expect(await fullyVisible(page, '.preferences__save')).toBe(true);
    await scrollToEnd(page, '.preferences__content');
    expect(await fullyVisible(page, '.preferences__recipients')).toBe(true);
    expect(await fullyVisible(page, '.preferences__save')).toBe(true);
    expect(await scrollCue(page, '.preferences__content')).toEqual({
      overflows: true,
      top: true,
      bottom: false,
    });
  });

  it('lets the "your data" view scroll, with a cue, to an erase button shown whole', async () => {
    const page = await open(phone);
    await part(page, 'banner-accept').click();
    await inWidget(page, '.privacy-control').click();
    await part(page, 'your-data').waitFor();
    expect(await scrollCue(page, '.panel__body')).toEqual({
      overflows: true,
      top: false,
      bottom: true,
    });
    await scrollToEnd(page, '.panel__body');
    expect(await fullyVisible(page, '.your-data__button--danger')).toBe(true);
    expect((await scrollCue(page, '.panel__body')).bottom).toBe(false);
  });
});

/** The two choices' boxes and how many lines each label takes. */
async function choices(page: Page) {
  const measure = (name: string) =>
    part(page, name).evaluate((button) => {
      const box = button.getBoundingClientRect();
      const label = button.firstElementChild ?? button;
      const style = getComputedStyle(button);
      return {
        width: Math.round(box.width),
        height: Math.round(box.height),
        lines: label.getClientRects().length
          ? Math.round(label.getBoundingClientRect().height / Number.parseFloat(style.lineHeight))
          : 0,
        weight: style.fontWeight,
        size: style.fontSize,
      };
    });
  return { accept: await measure('banner-accept'), reject: await measure('banner-reject') };
}

describe('"Accept all" and "Reject all"', () => {
  const cases = ['sv', 'en'].flatMap((locale) =>
    [{ width: 280, height: 640 }, phone, { width: 360, height: 740 }, largePhone, desktop].map(
      (viewport) => [`${locale} ${size(viewport)}`, locale, viewport] as const,
    ),
  );

  it.each(cases)('are equal in size, weight and lines, %s', async (_name, locale, viewport) => {
    const page = await open(viewport, `/${locale}`);
    const { accept, reject } = await choices(page);
    expect(accept).toEqual(reject);
    expect(accept.lines).toBe(1);
  });

  it('are equal at 200 % text on a 320 px screen', async () => {
    const page = await open(phone, '/sv/large-text');
    const { accept, reject } = await choices(page);
    expect({ width: accept.width, height: accept.height }).toEqual({
      width: reject.width,
      height: reject.height,
    });
    expect([accept.weight, accept.size]).toEqual([reject.weight, reject.size]);
  });
});

describe('text fields on a phone', () => {
  it('are at least 16 px, so iOS does not zoom in on focus', async () => {
    const page = await open(largePhone);
    await part(page, 'banner-reject').click();
    await part(page, 'launcher').click();
    const fontSize = (selector: string) =>
      inWidget(page, selector).evaluate((element) =>
        Number.parseFloat(getComputedStyle(element).fontSize),
      );
    expect(await fontSize('[part="message-input"]')).toBeGreaterThanOrEqual(16);
    await inWidget(page, '[aria-label="Meny"]').click();
    await inWidget(page, '.menu__item:has-text("Bli kontaktad")').click();
    for (const name of ['name', 'email', 'phone', 'orgnr']) {
      expect({ name, size: await fontSize(`input[name="${name}"]`) }).toEqual({
        name,
        size: expect.any(Number),
      });
      expect(await fontSize(`input[name="${name}"]`)).toBeGreaterThanOrEqual(16);
    }
  });
});

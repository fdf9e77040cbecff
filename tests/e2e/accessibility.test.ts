/**
 * Accessibility in Chromium, in light and dark colour schemes: axe-core on
 * every screen a visitor meets (banner, preferences, panel with a reply,
 * contact form with errors, their data view), a keyboard-only journey with a
 * visible focus ring on every stop, and a 320 px screen at 200 % text size.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from './support/browser';
import {
  corsHeaders,
  type NetworkRecorder,
  recordNetwork,
  testChat,
  testCollector,
} from './support/network-recorder';
import { hostPage, type StaticServer, startStaticServer } from './support/static-server';
import { fullyVisible, inWidget, part } from './support/widget';

type Scheme = 'light' | 'dark';

let browser: Browser;
let server: StaticServer;
let context: BrowserContext | null = null;

beforeAll(async () => {
  browser = await launchBrowser();
  server = await startStaticServer();
  const page = hostPage({
    site: 'a11y',
    collector: testCollector,
    chat: testChat,
    locale: 'sv',
    'policy-url': 'https://example.se/integritetspolicy',
    fields: 'name,email,phone,orgnr',
    'bot-name': 'Testbot',
  });
  server.page('/', { html: page });
  // A site with its own header (banner landmark) and main, as the demo has.
  server.page('/landmarks', {
    html: page.replace(
      /<body>.*<\/body>/s,
      '<body><header><p>Ljungberg &amp; Ek</p></header><main><h1>Host page</h1></main></body>',
    ),
  });
  // 200 % text size, the way a browser's text-only zoom or a user style sheet sets it.
  server.page('/large-text', {
    html: page.replace(
      '</head>',
      '<style>html { font-size: 200%; } samtal-chat { --samtal-font-size: 30px; }</style></head>',
    ),
  });
});

afterEach(async () => {
  await context?.close();
  context = null;
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** A bot reply with everything the renderer draws: emphasis, a link, code, a list, actions. */
const botReply = {
  replies: [
    {
      id: 'r1',
      text: 'Vi sparar **chattar** i 12 månader. Läs [integritetspolicyn](https://example.se/policy).\n\n- Export: `Samtal.data.export()`\n- Radering när du vill',
      actions: [
        { type: 'quick-reply', label: 'Hur raderar jag?', value: 'Hur raderar jag?' },
        { type: 'contact-form' },
      ],
    },
  ],
};

async function open(
  scheme: Scheme,
  viewport = { width: 1280, height: 800 },
  path = '/',
): Promise<{ page: Page; network: NetworkRecorder }> {
  context = await browser.newContext({ viewport, colorScheme: scheme });
  const network = await recordNetwork(context);
  network.respondChat((_request, route) =>
    route.fulfill({
      status: 200,
      headers: { ...corsHeaders, 'content-type': 'application/json' },
      body: JSON.stringify(botReply),
    }),
  );
  const page = await context.newPage();
  page.on('pageerror', (error) => {
    throw error;
  });
  await page.goto(`${server.origin}${path}`);
  await part(page, 'banner').waitFor();
  return { page, network };
}

async function openPanelWithReply(page: Page): Promise<void> {
  await part(page, 'banner-reject').click();
  await part(page, 'launcher').click();
  await part(page, 'message-input').fill('Hur länge sparar ni chattar?');
  await page.keyboard.press('Enter');
  await inWidget(page, '.chip').first().waitFor();
}

async function openFromMenu(page: Page, item: string): Promise<void> {
  await inWidget(page, '[aria-label="Meny"]').click();
  await inWidget(page, `.menu__item:has-text("${item}")`).click();
}

interface Finding {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

interface Scan {
  violations: Finding[];
  /** Nodes whose contrast axe checked and found sufficient: proof the rule ran on the widget. */
  contrastPasses: number;
  /** Nodes whose contrast axe could not decide (text over an image, a gradient, overlap). */
  contrastUndecided: Finding[];
}

/** Runs axe-core on the widget's shadow tree, WCAG 2.2 target size included. */
async function scan(page: Page): Promise<Scan> {
  // Let transitions (switch knobs, hover scale) settle: axe reads colours as painted.
  await page.waitForTimeout(200);
  await page.addScriptTag({ path: 'node_modules/axe-core/axe.min.js' });
  return page.evaluate(async () => {
    interface AxeResult {
      id: string;
      impact: string | null;
      help: string;
      nodes: { target: unknown; failureSummary?: string }[];
    }
    const axe = (
      window as unknown as {
        axe: {
          run(
            context: Element | null,
            options: unknown,
          ): Promise<{ violations: AxeResult[]; passes: AxeResult[]; incomplete: AxeResult[] }>;
        };
      }
    ).axe;
    const result = await axe.run(document.querySelector('samtal-chat'), {
      rules: { 'target-size': { enabled: true } },
    });
    const finding = (entry: AxeResult): Finding => ({
      id: entry.id,
      impact: entry.impact,
      help: entry.help,
      nodes: entry.nodes.map(
        (node) => `${JSON.stringify(node.target)} ${node.failureSummary ?? ''}`,
      ),
    });
    return {
      violations: result.violations.map(finding),
      contrastPasses:
        result.passes.find((entry) => entry.id === 'color-contrast')?.nodes.length ?? 0,
      contrastUndecided: result.incomplete
        .filter((entry) => entry.id === 'color-contrast')
        .map(finding),
    };
  });
}

function expectClean(result: Scan): void {
  const serious = result.violations.filter(
    (finding) => finding.impact === 'serious' || finding.impact === 'critical',
  );
  expect(serious).toEqual([]);
  expect(result.violations.filter((finding) => finding.id === 'color-contrast')).toEqual([]);
  expect(result.contrastUndecided).toEqual([]);
  expect(result.contrastPasses).toBeGreaterThan(0);
}

const screens = [
  ['desktop', { width: 1280, height: 800 }],
  ['a 320 px phone', { width: 320, height: 640 }],
] as const;

// A short screen: the panel covers it and the opened banner's text scrolls above the composer.
describe.each<Scheme>(['light', 'dark'])(
  'axe-core in the %s colour scheme on a phone held sideways',
  (scheme) => {
    it('finds nothing serious on the panel with the banner docked in it and opened, its text scrolled', async () => {
      const { page } = await open(scheme, { width: 740, height: 360 });
      await page.evaluate(() => window.Samtal?.open());
      await part(page, 'message-input').waitFor();
      await inWidget(page, '.banner__toggle').click();
      await part(page, 'banner-accept').waitFor();
      expectClean(await scan(page));
      await inWidget(page, '.banner__text').evaluate((element) =>
        element.scrollTo(0, element.scrollHeight),
      );
      expectClean(await scan(page));
    });
  },
);

describe.each(
  (['light', 'dark'] as const).flatMap((scheme) =>
    screens.map(([name, viewport]) => [scheme, name, viewport] as const),
  ),
)('axe-core in the %s colour scheme on %s', (scheme, _name, viewport) => {
  it('finds nothing serious on the banner', async () => {
    const { page } = await open(scheme, viewport);
    expectClean(await scan(page));
  });

  it('finds nothing serious on the panel with the banner docked in it and opened', async () => {
    const { page } = await open(scheme, viewport);
    await part(page, 'launcher').click();
    await part(page, 'message-input').waitFor();
    await inWidget(page, '.banner__toggle').click();
    await part(page, 'banner-accept').waitFor();
    expectClean(await scan(page));
  });

  it('finds nothing serious on the preferences dialog', async () => {
    const { page } = await open(scheme, viewport);
    await part(page, 'banner-settings').click();
    await part(page, 'preferences').waitFor();
    // One switch on, so both states are checked.
    await inWidget(page, '[role="switch"][name="analytics"]').click();
    expectClean(await scan(page));
  });

  it('finds nothing serious on the panel with a bot reply', async () => {
    const { page } = await open(scheme, viewport);
    await openPanelWithReply(page);
    expectClean(await scan(page));
  });

  it('finds nothing serious on the contact form with its errors shown', async () => {
    const { page } = await open(scheme, viewport);
    await openPanelWithReply(page);
    await openFromMenu(page, 'Bli kontaktad');
    await part(page, 'lead-submit').click();
    await expect.poll(() => inWidget(page, '.lead-error').count()).toBeGreaterThan(0);
    expectClean(await scan(page));
  });

  it('finds nothing serious on the "your data" view', async () => {
    const { page } = await open(scheme, viewport);
    await part(page, 'banner-accept').click();
    await part(page, 'launcher').click();
    await openFromMenu(page, 'Integritet och dina uppgifter');
    await part(page, 'your-data').waitFor();
    expectClean(await scan(page));
  });
});

/** What the keyboard focus looks like on the element that has it, searched through shadow roots. */
interface FocusLook {
  /** `part`, `name`, class or tag: enough to say which control in a failure message. */
  control: string;
  focusVisible: boolean;
  ring: string;
  /** Contrast of the ring against what surrounds it (the better of its two sides). */
  ringContrast: number;
}

async function focusLook(page: Page): Promise<FocusLook | null> {
  return page.evaluate(() => {
    let active = document.activeElement;
    // The host page's own controls are the site's business, not the widget's.
    if (active?.tagName !== 'SAMTAL-CHAT') return null;
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
    if (!(active instanceof HTMLElement) || active === document.body) return null;
    const parse = (color: string): number[] =>
      (color.match(/[\d.]+/g) ?? []).slice(0, 4).map(Number);
    const luminance = ([r = 0, g = 0, b = 0]: number[]): number => {
      const channel = (value: number) => {
        const c = value / 255;
        return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
    };
    const contrast = (a: number[], b: number[]): number => {
      const [high, low] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
      return (high + 0.05) / (low + 0.05);
    };
    // The first opaque background from `start` outwards, crossing shadow roots; the canvas is white.
    const backgroundFrom = (start: Element | null): number[] => {
      let element: Element | null = start;
      while (element) {
        const color = parse(getComputedStyle(element).backgroundColor);
        if (color.length === 3 || (color[3] ?? 0) >= 1) return color;
        const parent: Node | null = element.parentNode;
        element =
          parent instanceof ShadowRoot ? parent.host : parent instanceof Element ? parent : null;
      }
      return [255, 255, 255];
    };
    const style = getComputedStyle(active);
    const outlineWidth = Number.parseFloat(style.outlineWidth);
    const hasOutline = style.outlineStyle !== 'none' && outlineWidth >= 2;
    const ringColor = parse(hasOutline ? style.outlineColor : style.boxShadow);
    // A ring drawn inside the control sits on the control; one outside sits on what is behind it.
    const offset = Number.parseFloat(style.outlineOffset);
    const outer = backgroundFrom(offset + outlineWidth <= 0 ? active : active.parentElement);
    // A spread-only box-shadow in front of the ring is its inner side (a two-tone ring).
    const band = style.boxShadow.match(/^rgba?\([^)]*\) 0px 0px 0px [1-9]/)
      ? parse(style.boxShadow)
      : null;
    const ringContrast = Math.max(contrast(ringColor, outer), band ? contrast(ringColor, band) : 0);
    return {
      control:
        active.getAttribute('part') ??
        active.getAttribute('name') ??
        (active.className || active.tagName.toLowerCase()),
      focusVisible: active.matches(':focus-visible'),
      ring: hasOutline
        ? `${style.outlineStyle} ${style.outlineWidth} ${style.outlineColor}`
        : style.boxShadow,
      ringContrast: Math.round(ringContrast * 100) / 100,
    };
  });
}

/** Notes how the focused control inside the widget shows its focus. */
async function noteFocus(page: Page, rings: FocusLook[]): Promise<FocusLook> {
  const look = await focusLook(page);
  expect(look, 'focus is inside the widget').not.toBeNull();
  const seen = look ?? { control: 'nothing', focusVisible: false, ring: 'none', ringContrast: 0 };
  rings.push(seen);
  return seen;
}

/** Presses `key` and notes the focus it moves to; a stop on the host page is passed over. */
async function press(page: Page, key: string, rings: FocusLook[]): Promise<string> {
  await page.keyboard.press(key);
  const look = await focusLook(page);
  if (look === null) return 'the host page';
  rings.push(look);
  return look.control;
}

const isFocused = (page: Page, selector: string) =>
  inWidget(page, selector).evaluate(
    (element) => element === (element.getRootNode() as ShadowRoot).activeElement,
  );

describe.each<Scheme>(['light', 'dark'])(
  'the keyboard alone, in the %s colour scheme',
  (scheme) => {
    it('reaches the banner, rejects, chats, opens the contact form, is sent to the first invalid field, and leaves with Escape', async () => {
      const { page, network } = await open(scheme);
      const rings: FocusLook[] = [];

      // From the top of the page to the banner's "Reject all", past the host page's own link.
      let control = await press(page, 'Tab', rings);
      for (let step = 0; control !== 'banner-reject' && step < 10; step++) {
        control = await press(page, 'Tab', rings);
      }
      expect(control).toBe('banner-reject');
      await page.keyboard.press('Enter');
      await expect.poll(() => part(page, 'banner').isVisible()).toBe(false);
      await expect.poll(() => network.collector('consent').length).toBe(1);
      expect(network.collector('consent')[0]?.body).toMatchObject({
        method: 'reject',
        purposes: { analytics: false, marketing: false },
      });

      // Focus did not fall back to the page: it sits on the privacy control, the launcher is next.
      expect(await isFocused(page, '.privacy-control')).toBe(true);
      await noteFocus(page, rings);
      expect(await press(page, 'Tab', rings)).toBe('launcher');
      await page.keyboard.press('Enter');
      await part(page, 'panel').waitFor();
      await expect.poll(() => isFocused(page, '[part="message-input"]')).toBe(true);
      await noteFocus(page, rings);

      // Back through the conversation to the header: close, then the menu.
      expect(await press(page, 'Shift+Tab', rings)).toBe('message-list');
      expect(await press(page, 'Shift+Tab', rings)).toBe('close');
      expect(await press(page, 'Shift+Tab', rings)).toBe('panel__icon-button');
      expect(await isFocused(page, '[aria-label="Meny"]')).toBe(true);
      await page.keyboard.press('Enter');
      await expect.poll(() => isFocused(page, '.menu__item >> nth=0')).toBe(true);
      await noteFocus(page, rings);
      await press(page, 'Tab', rings);
      expect(await isFocused(page, '.menu__item:has-text("Bli kontaktad")')).toBe(true);
      await page.keyboard.press('Enter');
      await part(page, 'lead-form').waitFor();
      await expect.poll(() => isFocused(page, '[aria-label="Tillbaka till chatten"]')).toBe(true);
      await noteFocus(page, rings);

      // Tab down the form to "Send" and send it empty.
      for (let step = 0; control !== 'lead-submit' && step < 12; step++) {
        control = await press(page, 'Tab', rings);
      }
      expect(control).toBe('lead-submit');
      await page.keyboard.press('Enter');
      await expect.poll(() => isFocused(page, 'input[name="name"]')).toBe(true);
      expect(await inWidget(page, 'input[name="name"]').getAttribute('aria-invalid')).toBe('true');
      await noteFocus(page, rings);
      expect(network.collector('leads')).toEqual([]);

      await page.keyboard.press('Escape');
      await expect.poll(() => part(page, 'panel').count()).toBe(0);
      expect(await isFocused(page, '[part="launcher"]')).toBe(true);
      await noteFocus(page, rings);

      // Every stop showed a keyboard focus ring with at least 3:1 against its surroundings.
      expect(rings.length).toBeGreaterThan(12);
      const unseen = rings.filter(
        (ring) => !ring.focusVisible || ring.ring === 'none' || ring.ringContrast < 3,
      );
      expect(unseen).toEqual([]);
    });
  },
);

describe('the whole page', () => {
  it("keeps the site's landmarks unique with the panel open: the panel adds no second banner", async () => {
    const { page } = await open('light', { width: 1280, height: 800 }, '/landmarks');
    await part(page, 'launcher').click();
    await part(page, 'message-input').waitFor();
    await page.addScriptTag({ path: 'node_modules/axe-core/axe.min.js' });
    const landmarkFindings = await page.evaluate(async () => {
      const axe = (
        window as unknown as {
          axe: { run(context: Document): Promise<{ violations: { id: string }[] }> };
        }
      ).axe;
      const result = await axe.run(document);
      return result.violations.map(({ id }) => id).filter((id) => id.startsWith('landmark-'));
    });
    expect(landmarkFindings).toEqual([]);
  });
});

describe('a 320 px wide screen at 200 % text size', () => {
  it.each<Scheme>(['light', 'dark'])(
    'keeps the banner buttons and the composer in view, and the contact form scrolls (%s)',
    async (scheme) => {
      const { page } = await open(scheme, { width: 320, height: 640 }, '/large-text');
      expect(
        await inWidget(page, '.dock').evaluate((element) => getComputedStyle(element).fontSize),
      ).toBe('30px');
      for (const name of ['banner-accept', 'banner-reject', 'banner-settings']) {
        expect({ name, visible: await fullyVisible(page, `[part="${name}"]`) }).toEqual({
          name,
          visible: true,
        });
      }
      await part(page, 'banner-reject').click();
      await part(page, 'launcher').click();
      await part(page, 'message-input').waitFor();
      for (const name of ['message-input', 'send', 'close']) {
        expect({ name, visible: await fullyVisible(page, `[part="${name}"]`) }).toEqual({
          name,
          visible: true,
        });
      }
      // A view taller than the screen scrolls under the visitor's wheel or finger.
      await openFromMenu(page, 'Bli kontaktad');
      await part(page, 'lead-form').waitFor();
      expect(await fullyVisible(page, '[part="lead-submit"]')).toBe(false);
      await page.mouse.move(160, 400);
      for (let step = 0; step < 10 && !(await fullyVisible(page, '[part="lead-submit"]')); step++) {
        await page.mouse.wheel(0, 300);
        await page.waitForTimeout(50);
      }
      expect(await fullyVisible(page, '[part="lead-submit"]')).toBe(true);
      // Nothing of the panel spills sideways off the screen.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
        320,
      );
      const panel = await part(page, 'panel').boundingBox();
      expect(panel?.width).toBeLessThanOrEqual(320);
    },
  );
});

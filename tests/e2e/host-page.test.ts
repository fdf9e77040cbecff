/**
 * The widget as a guest on pages it does not control, in real Chromium: its
 * launcher and privacy control stand out by 3:1 against any page colour, in
 * light and dark (WCAG 1.4.11); the site can move it with an offset; and it
 * moves above a bar fixed to the bottom of the page, however late the bar
 * comes, without shifting anything on the page.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from './support/browser';
import { recordNetwork, testChat, testCollector } from './support/network-recorder';
import { hostPage, type StaticServer, startStaticServer } from './support/static-server';
import { inWidget, part } from './support/widget';

const embed = { site: 'guest', collector: testCollector, chat: testChat, locale: 'sv' };

/** Page colours: the cream page, white, a mid grey (the hardest case), dark and black. */
const pageColours = ['#f7f5ef', '#ffffff', '#8a8a8a', '#121417', '#000000'];

const bar = (height: number) =>
  `<div id="bar" style="position:fixed;inset-inline:0;bottom:0;height:${height}px;background:#333;color:#fff">Ring oss</div>`;

let browser: Browser;
let server: StaticServer;
let context: BrowserContext | null = null;

beforeAll(async () => {
  browser = await launchBrowser();
  server = await startStaticServer();
  for (const colour of pageColours) {
    server.page(`/page-${colour.slice(1)}`, {
      html: hostPage(embed, { head: `<style>html { background: ${colour}; }</style>` }),
    });
  }
  server.page('/offset', { html: hostPage({ ...embed, offset: '32', 'offset-bottom': '90' }) });
  server.page('/bar', { html: hostPage(embed, { body: `<main><p>Text</p></main>${bar(64)}` }) });
  server.page('/plain', { html: hostPage(embed) });
  server.page('/overlay', {
    html: hostPage(embed, {
      body: '<div style="position:fixed;inset:0;background:rgb(0 0 0 / 0.1)"></div>',
    }),
  });
  server.page('/sticky', {
    html: hostPage(embed, {
      body: `<div id="app"><main style="height:3000px">Long page</main>
        <nav id="sticky" style="position:sticky;bottom:0;height:56px;background:#eee" hidden>Köp nu</nav></div>
        <script>addEventListener('scroll', () => { document.getElementById('sticky').hidden = scrollY < 200; });</script>`,
    }),
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

async function open(
  path: string,
  { scheme = 'light' as 'light' | 'dark', viewport = { width: 390, height: 844 } } = {},
): Promise<Page> {
  context = await browser.newContext({ viewport, colorScheme: scheme });
  await recordNetwork(context);
  const page = await context.newPage();
  page.on('pageerror', (error) => {
    throw error;
  });
  await page.goto(`${server.origin}${path}`);
  await part(page, 'launcher').waitFor();
  return page;
}

/**
 * How well a round control stands out from the page, from its rendered
 * colours: its fill, then each ring drawn around it by spread-only box
 * shadows (inset ones first, they lie inside the edge), then the page. The
 * control's visible edge is the outermost layer that stands out; each layer
 * counts with the lower of its contrast against what lies directly outside it
 * and against the page, and the best layer wins.
 */
function edgeContrast(page: Page, selector: string): Promise<number> {
  return inWidget(page, selector).evaluate((control) => {
    const parse = (color: string): number[] =>
      (color.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number);
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
    const style = getComputedStyle(control);
    const rings = style.boxShadow
      .split(/,(?![^(]*\))/)
      .map((shadow) => shadow.trim())
      .map((shadow) => ({
        inset: shadow.includes('inset'),
        color: parse(shadow),
        lengths: (shadow.replace(/rgba?\([^)]*\)/, '').match(/-?[\d.]+px/g) ?? []).map(
          Number.parseFloat,
        ),
      }))
      .filter(({ lengths: [x = 0, y = 0, blur = 0, spread = 0] }) => !x && !y && !blur && spread)
      .sort(
        (a, b) =>
          Number(b.inset) - Number(a.inset) ||
          (a.inset ? -1 : 1) * ((a.lengths[3] ?? 0) - (b.lengths[3] ?? 0)),
      );
    const pageColour = parse(getComputedStyle(document.documentElement).backgroundColor);
    const layers = [parse(style.backgroundColor), ...rings.map((ring) => ring.color)];
    let best = 0;
    layers.forEach((layer, index) => {
      const outside = layers[index + 1] ?? pageColour;
      best = Math.max(best, Math.min(contrast(layer, outside), contrast(layer, pageColour)));
    });
    return Math.round(best * 100) / 100;
  });
}

describe.each(['light', 'dark'] as const)('contrast against the host page, %s scheme', (scheme) => {
  it.each(pageColours)('launcher and privacy control stand out by 3:1 on %s', async (colour) => {
    const page = await open(`/page-${colour.slice(1)}`, { scheme });
    await part(page, 'banner-reject').click();
    await inWidget(page, '.privacy-control').waitFor();
    const figures = {
      launcher: await edgeContrast(page, '[part="launcher"]'),
      privacy: await edgeContrast(page, '.privacy-control'),
    };
    expect(figures.launcher, `launcher on ${colour}`).toBeGreaterThanOrEqual(3);
    expect(figures.privacy, `privacy control on ${colour}`).toBeGreaterThanOrEqual(3);
  });
});

/** The launcher's distances from the viewport's right and bottom edges. */
async function launcherInset(page: Page): Promise<{ right: number; bottom: number }> {
  return part(page, 'launcher').evaluate((launcher) => {
    const box = launcher.getBoundingClientRect();
    return {
      right: Math.round(window.innerWidth - box.right),
      bottom: Math.round(window.innerHeight - box.bottom),
    };
  });
}

/**
 * Starts noting the elements that move in a layout shift (Layout Instability
 * API, from page load on), other than the page's own bar, which moves when
 * the test resizes it; `shifted` reads them.
 */
function watchShifts(page: Page): Promise<void> {
  return page.evaluate(() => {
    const moved: string[] = [];
    (window as unknown as { moved: string[] }).moved = moved;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        const { sources } = entry as PerformanceEntry & { sources: { node: Node | null }[] };
        for (const { node } of sources) {
          if (node instanceof Element && node.id === 'late-bar') continue;
          moved.push(node instanceof Element ? node.outerHTML.slice(0, 80) : String(node));
        }
      }
    }).observe({ type: 'layout-shift', buffered: true });
  });
}

const shifted = (page: Page) =>
  page.evaluate(() => (window as unknown as { moved: string[] }).moved);

describe('placement on the page', () => {
  it('honours data-offset and data-offset-bottom', async () => {
    const page = await open('/offset');
    expect(await launcherInset(page)).toEqual({ right: 32, bottom: 90 });
  });

  it('stands above a bar fixed to the bottom of the page', async () => {
    const page = await open('/bar');
    await expect.poll(() => launcherInset(page).then(({ bottom }) => bottom)).toBe(64 + 20);
  });

  it('moves up when a bar arrives after it, and back down when the bar goes, shifting nothing', async () => {
    const page = await open('/plain');
    await watchShifts(page);
    expect((await launcherInset(page)).bottom).toBe(20);
    await page.evaluate(() => {
      const element = document.createElement('div');
      element.id = 'late-bar';
      element.style.cssText = 'position:fixed;left:0;right:0;bottom:0;height:72px;background:#222';
      document.body.append(element);
    });
    await expect.poll(() => launcherInset(page).then(({ bottom }) => bottom)).toBe(72 + 20);
    // The bar grows: followed through the one ResizeObserver on it.
    await page.evaluate(() => {
      (document.getElementById('late-bar') as HTMLElement).style.height = '100px';
    });
    await expect.poll(() => launcherInset(page).then(({ bottom }) => bottom)).toBe(100 + 20);
    await page.evaluate(() => document.getElementById('late-bar')?.remove());
    await expect.poll(() => launcherInset(page).then(({ bottom }) => bottom)).toBe(20);
    await page.waitForTimeout(200);
    expect(await shifted(page)).toEqual([]);
  });

  it('finds a sticky bar that appears deep in the page when a scroll ends', async () => {
    const page = await open('/sticky');
    await page.mouse.move(100, 100);
    await page.mouse.wheel(0, 600);
    await expect.poll(() => launcherInset(page).then(({ bottom }) => bottom)).toBe(56 + 20);
  });

  it('takes a full-screen overlay for no bar', async () => {
    const page = await open('/overlay');
    await page.waitForTimeout(300);
    expect((await launcherInset(page)).bottom).toBe(20);
  });

  it('still opens the phone panel over the whole screen while lifted', async () => {
    const page = await open('/bar');
    await expect.poll(() => launcherInset(page).then(({ bottom }) => bottom)).toBe(84);
    await part(page, 'launcher').click();
    await part(page, 'panel').waitFor();
    await expect
      .poll(() => part(page, 'panel').boundingBox())
      .toEqual({ x: 0, y: 0, width: 390, height: 844 });
  });
});

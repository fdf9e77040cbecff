/** Locators and probes for the widget's shadow tree, shared by the end-to-end tests. */
import type { Locator, Page } from 'playwright-core';

/** A selector inside `<samtal-chat>`'s shadow root. */
export const inWidget = (page: Page, selector: string): Locator =>
  page.locator(`samtal-chat >> ${selector}`);

/** A contract part (§2), e.g. `launcher`, `panel`. */
export const part = (page: Page, name: string): Locator => inWidget(page, `[part="${name}"]`);

/**
 * What has keyboard focus, looked up through shadow roots: the widget part,
 * name, `data-testid`-free description (`part`, else `name`, else class), or
 * `page:<tag>` when focus is on the host page.
 */
export function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    let active = document.activeElement;
    if (active?.tagName !== 'SAMTAL-CHAT') return `page:${active?.tagName.toLowerCase() ?? 'none'}`;
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
    if (!(active instanceof HTMLElement)) return 'none';
    return (
      active.getAttribute('part') ??
      active.getAttribute('name') ??
      (active.textContent?.trim() || active.className)
    );
  });
}

/**
 * Whether the widget element at `selector` lies fully inside the viewport and
 * is the topmost thing at its centre (nothing of the widget or the page
 * covers it there).
 */
export const fullyVisible = (page: Page, selector: string): Promise<boolean> =>
  inWidget(page, selector).evaluate((element) => {
    const box = element.getBoundingClientRect();
    const inside =
      box.width > 0 &&
      box.height > 0 &&
      box.left >= 0 &&
      box.top >= 0 &&
      box.right <= window.innerWidth &&
      box.bottom <= window.innerHeight;
    const root = element.getRootNode() as ShadowRoot;
    const top = root.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
    return inside && top !== null && (top === element || element.contains(top));
  });

/** The element's box, or null when it is not rendered. */
export function box(
  locator: Locator,
): Promise<{ x: number; y: number; width: number; height: number } | null> {
  return locator.boundingBox();
}

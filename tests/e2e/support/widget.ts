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

/** The element's box, or null when it is not rendered. */
export function box(
  locator: Locator,
): Promise<{ x: number; y: number; width: number; height: number } | null> {
  return locator.boundingBox();
}

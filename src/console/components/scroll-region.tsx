/**
 * A box that scrolls sideways when its table is wider than a small screen.
 * It is a focusable, labelled section, so keyboard users can scroll it too
 * (WCAG 2.1.1; axe's scrollable-region-focusable).
 */
import type { ComponentChildren } from 'preact';

export function ScrollRegion({ label, children }: { label: string; children: ComponentChildren }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard to be scrolled.
    <section class="table-scroll" aria-label={label} tabIndex={0}>
      {children}
    </section>
  );
}

/**
 * Below 480 px wide, or 560 px tall (a phone held sideways, a short laptop
 * window, where a 600 px panel beside the page left the docked consent
 * banner no room for its text), the open panel covers the whole screen
 * (panel.css) and is a modal dialog. Two things CSS alone cannot do:
 *
 * - Follow the on-screen keyboard. `visualViewport` reports the part of the
 *   page left visible; its height and offset go into a constructable sheet on
 *   the shadow root as custom properties (a strict CSP allows sheets, not
 *   `style` attributes).
 * - Keep the page behind from scrolling. The panel's scroll areas have
 *   `overscroll-behavior: contain`, but iOS still scrolls the page when a
 *   swipe starts on the header or the composer. So, while the full-screen
 *   panel is open, one sheet adopted on the host document sets
 *   `overflow: clip` (`hidden` where clip is unknown) on `html` and `body`;
 *   it is removed on close. It
 *   touches no element's `style` attribute and leaves nothing behind.
 */
import { useEffect, useState } from 'preact/hooks';

/** Where the panel becomes full-screen: a narrow or a short viewport (CSS pixels). */
export const compactQuery = '(max-width: 479.98px), (max-height: 35rem)';

function adopt(target: DocumentOrShadowRoot, sheet: CSSStyleSheet): () => void {
  target.adoptedStyleSheets = [...target.adoptedStyleSheets, sheet];
  return () => {
    target.adoptedStyleSheets = target.adoptedStyleSheets.filter((other) => other !== sheet);
  };
}

/** True while the layout is compact; while also `open`, follows the keyboard and locks page scroll. */
export function useCompactLayout(root: ShadowRoot, open: boolean): boolean {
  const view = root.ownerDocument.defaultView;
  const query = typeof view?.matchMedia === 'function' ? view.matchMedia(compactQuery) : null;
  const [compact, setCompact] = useState(query?.matches ?? false);

  useEffect(() => {
    if (query === null) return;
    const onChange = () => setCompact(query.matches);
    onChange();
    query.addEventListener('change', onChange);
    return () => query.removeEventListener('change', onChange);
  }, [query?.media]);

  useEffect(() => {
    if (!compact || !open || view === null) return;
    const cleanups: (() => void)[] = [];
    const viewport = view.visualViewport;
    if (viewport) {
      const sizes = new CSSStyleSheet();
      const update = () =>
        sizes.replaceSync(
          `:host { --samtal-viewport-height: ${viewport.height}px; --samtal-viewport-top: ${viewport.offsetTop}px; }`,
        );
      update();
      viewport.addEventListener('resize', update);
      viewport.addEventListener('scroll', update);
      cleanups.push(adopt(root, sizes), () => {
        viewport.removeEventListener('resize', update);
        viewport.removeEventListener('scroll', update);
      });
    }
    const lock = new CSSStyleSheet();
    lock.replaceSync(
      // `clip` where known (hidden before it): the same lock, and it leaves the page no scroll
      // container, which accessibility checkers such as axe-core need to map the fixed panel.
      'html, body { overflow: hidden !important; overflow: clip !important; overscroll-behavior: none !important; }',
    );
    cleanups.push(adopt(root.ownerDocument, lock));
    return () => {
      for (const cleanup of cleanups) cleanup();
    };
  }, [compact, open]);

  return compact;
}

/**
 * Reports the links a visitor follows. The listener is passive and in the
 * capture phase: it sees clicks a page's own handlers stop, and it never
 * calls `preventDefault` or waits, so navigation is never delayed.
 */

function linkHref(node: EventTarget): string | null {
  if (!(node instanceof Element)) return null;
  if (node.localName !== 'a' && node.localName !== 'area') return null;
  // SVG links have an animated `href` object; only HTML links are counted.
  const href = (node as HTMLAnchorElement).href;
  return typeof href === 'string' && href !== '' ? href : null;
}

/** Calls `onLink` with the absolute href of each followed link (left or middle click). */
export function watchLinkClicks(win: Window, onLink: (href: string) => void): () => void {
  function onClick(event: MouseEvent): void {
    if (event.type === 'auxclick' && event.button !== 1) return;
    // composedPath reaches links inside open shadow roots, the widget's own included.
    for (const node of event.composedPath()) {
      const href = linkHref(node);
      if (href !== null) {
        onLink(href);
        return;
      }
    }
  }
  const options = { capture: true, passive: true } as const;
  win.addEventListener('click', onClick, options);
  win.addEventListener('auxclick', onClick, options);
  return () => {
    win.removeEventListener('click', onClick, options);
    win.removeEventListener('auxclick', onClick, options);
  };
}

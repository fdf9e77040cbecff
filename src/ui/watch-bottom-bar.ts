/**
 * Lifts the dock above a bar fixed to the bottom of the page (a cookie bar,
 * a sticky "call us" bar, a shop's mobile navigation), so the launcher and
 * the privacy control never cover it.
 *
 * How, politely: no timer and no polling. It hit-tests (`elementsFromPoint`,
 * two points) where the launcher would stand unlifted, once at start and
 * then at most once per frame, only after something that can add or move
 * such a bar: the window was resized, a child was added to or removed from
 * `<body>` (where consent tools and bars put themselves), a scroll ended
 * (bars that slide in on scroll), or the bar it found changed size (a
 * `ResizeObserver` on that one element). A bar is a `position: fixed` or
 * `sticky` box whose top is in the lower half of the viewport, so a
 * full-screen overlay is not one. The lift is a transform (base.css,
 * `.dock--lifted`), which shifts nothing on the page.
 */

/** Starts watching; returns the stop. `host` is `<samtal-chat>`, which the hit tests pass over. */
export function watchBottomBar(host: Element, root: ShadowRoot, dock: HTMLElement): () => void {
  const document = host.ownerDocument;
  const view = document.defaultView;
  // A browser (or a host page) without what the hit test needs gets no lift, never an error.
  if (
    !view ||
    typeof ResizeObserver !== 'function' ||
    typeof document.elementsFromPoint !== 'function'
  ) {
    return () => {};
  }
  const sheet = new CSSStyleSheet();
  root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
  const skipped = [host, document.documentElement, document.body];
  let lift = 0;
  let frame = 0;
  let bar: Element | null = null;

  const measure = () => {
    frame = 0;
    const height = view.innerHeight;
    const row = (dock.lastElementChild as Element).getBoundingClientRect();
    let found: Element | null = null;
    let needed = 0;
    // The bottom pixel row, and the launcher's middle where it stands without the lift.
    for (const y of [height - 1, row.bottom + lift - row.height / 2]) {
      let node: Element | null | undefined = document
        .elementsFromPoint(row.left + row.width / 2, y)
        .find((element) => !skipped.includes(element));
      while (node && !/fixed|sticky/.test(view.getComputedStyle(node).position)) {
        node = node.parentElement;
      }
      const top = node ? node.getBoundingClientRect().top : height;
      if (node && top > height / 2 && height - top > needed) {
        found = node;
        needed = height - top;
      }
    }
    if (found !== bar) {
      if (bar) resizes.unobserve(bar);
      if (found) resizes.observe(found);
      bar = found;
    }
    // At most 40 % of the screen: a very tall "bar" must not push the chat off it.
    const next = Math.round(Math.min(needed, height * 0.4));
    if (next === lift) return;
    lift = next;
    sheet.replaceSync(`:host{--samtal-bottom-bar:${lift}px}`);
    dock.classList.toggle('dock--lifted', lift > 0);
  };
  const schedule = () => {
    frame ||= view.requestAnimationFrame(measure);
  };

  const resizes = new ResizeObserver(schedule);
  const mutations = new MutationObserver(schedule);
  mutations.observe(document.body, { childList: true });
  view.addEventListener('resize', schedule);
  view.addEventListener('scrollend', schedule);
  schedule();

  return () => {
    view.cancelAnimationFrame(frame);
    mutations.disconnect();
    resizes.disconnect();
    view.removeEventListener('resize', schedule);
    view.removeEventListener('scrollend', schedule);
    root.adoptedStyleSheets = root.adoptedStyleSheets.filter((adopted) => adopted !== sheet);
  };
}

/**
 * Tells when the page the visitor sees changes without a page load: a
 * single-page app's `pushState` / `replaceState` / back and forward
 * (`popstate`), and a restore from the back/forward cache (`pageshow` with
 * `persisted`). Only a change of path counts: the query and fragment are
 * never recorded, so a view differing only in them is the same page, and an
 * in-page `#anchor` is not a page view.
 *
 * The history methods are wrapped, not replaced for good: stopping puts the
 * originals back, or, if a script wrapped them after us, leaves its wrapper
 * in place and makes ours pass straight through.
 */

/** How the page came to be shown without a load. */
export type NavigationKind = 'spa' | 'bfcache';

export function watchNavigation(
  win: Window,
  onNavigate: (kind: NavigationKind) => void,
): () => void {
  const { history } = win;
  const originalPush = history.pushState;
  const originalReplace = history.replaceState;
  let lastPath = win.location.pathname;
  let active = true;

  function checkPath(): void {
    if (!active) return;
    const path = win.location.pathname;
    if (path === lastPath) return;
    lastPath = path;
    onNavigate('spa');
  }

  function pushState(this: History, ...args: Parameters<History['pushState']>): void {
    originalPush.apply(this, args);
    checkPath();
  }
  function replaceState(this: History, ...args: Parameters<History['replaceState']>): void {
    originalReplace.apply(this, args);
    checkPath();
  }
  function onPageShow(event: PageTransitionEvent): void {
    if (!event.persisted) return;
    lastPath = win.location.pathname;
    onNavigate('bfcache');
  }

  history.pushState = pushState;
  history.replaceState = replaceState;
  win.addEventListener('popstate', checkPath);
  win.addEventListener('pageshow', onPageShow);

  return () => {
    active = false;
    if (history.pushState === pushState) history.pushState = originalPush;
    if (history.replaceState === replaceState) history.replaceState = originalReplace;
    win.removeEventListener('popstate', checkPath);
    win.removeEventListener('pageshow', onPageShow);
  };
}

/**
 * Styles for the shadow root as constructable stylesheets. A strict Content
 * Security Policy (no `unsafe-inline`) blocks `<style>` elements and
 * `style="…"` attributes but not stylesheets built through the CSSOM, so the
 * widget styles itself this way. Lazy chunks add their own sheets on load.
 */

/** Adds `css` to `root` once; returns a function that removes it. */
export function adoptStyles(root: ShadowRoot, css: string): () => void {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(css);
  root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
  return () => {
    root.adoptedStyleSheets = root.adoptedStyleSheets.filter((adopted) => adopted !== sheet);
  };
}

/**
 * Styles for the shadow root as constructable stylesheets. A strict Content
 * Security Policy (no `unsafe-inline`) blocks `<style>` elements and
 * `style="…"` attributes but not stylesheets built through the CSSOM, so the
 * widget styles itself this way. Lazy chunks add their own sheets on load.
 */

/** Adds one sheet per `css` text to `root`, in order; returns a function that removes them. */
export function adoptStyles(root: ShadowRoot, ...css: string[]): () => void {
  const sheets = css.map((text) => {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(text);
    return sheet;
  });
  root.adoptedStyleSheets = [...root.adoptedStyleSheets, ...sheets];
  return () => {
    root.adoptedStyleSheets = root.adoptedStyleSheets.filter(
      (adopted) => !sheets.includes(adopted),
    );
  };
}

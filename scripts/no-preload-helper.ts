/**
 * A build plugin that drops Vite's preload helper from the widget.
 *
 * Vite wraps every dynamic `import()` in `__vitePreload(factory, deps)`, whose
 * helper (modulepreload links, CSS loading, a `vite:preloadError` event) lands
 * in the boot chunk every page loads, even with `modulePreload: false`
 * (vitejs/vite#13952, #18551). The widget's chunks have no CSS files (styles
 * are adopted into the shadow root from strings) and we preload nothing, so
 * every `deps` list is empty and the wrapper only calls the factory. The
 * plugin supplies that one-line helper instead, and fails the build if a
 * chunk ever brings a CSS file, which the real helper would have loaded.
 */
import type { Plugin } from 'vite';

const helperId = '\0vite/preload-helper.js';

export function noPreloadHelper(): Plugin {
  return {
    name: 'samtal-no-preload-helper',
    enforce: 'pre',
    resolveId(id) {
      return id === helperId ? helperId : null;
    },
    load(id) {
      return id === helperId ? 'export const __vitePreload = (load) => load();' : null;
    },
    generateBundle(_options, bundle) {
      const css = Object.keys(bundle).filter((name) => name.endsWith('.css'));
      if (css.length > 0) {
        throw new Error(
          `no-preload-helper: the widget build emitted ${css.join(', ')}, which only Vite's preload helper loads; adopt the styles from a string instead.`,
        );
      }
    },
  };
}

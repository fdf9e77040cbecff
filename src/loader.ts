/**
 * `samtal.js`, the classic script a site pastes. It does as little as it can
 * before the browser is idle: finds its own `<script>` tag, defines
 * `window.Samtal` (a queue until the widget is there), then, when idle, loads
 * the widget from the folder it was itself loaded from (not the page's URL).
 */
import { createApiStub } from './api/create-api-stub';
import type { SamtalApi } from './api/samtal-api';
import { isSamtalApi } from './api/samtal-mark';
import type { BootOptions } from './embed';

declare global {
  interface Window {
    Samtal?: SamtalApi;
  }
}

/** Filled in by the build: the boot chunk's file name. */
declare const __SAMTAL_BOOT__: string;

(() => {
  // Loaded twice (two tags, a tag and init): the first one wins. Anything
  // else called Samtal (an element with that id, say) is the page's, not ours.
  if (isSamtalApi(window.Samtal)) return;
  const current = document.currentScript;
  const script =
    current instanceof HTMLScriptElement
      ? current
      : document.querySelector<HTMLScriptElement>('script[src*="samtal.js"]');
  const stub = createApiStub();
  try {
    // An own property, so it shadows an element that named access exposes.
    window.Samtal = stub.api;
  } catch (error) {
    console.error(
      'Samtal: the page has made window.Samtal read-only; the API is not reachable.',
      error,
    );
  }
  const base = script?.src || document.baseURI;
  const start = () => {
    import(/* @vite-ignore */ new URL(__SAMTAL_BOOT__, base).href).then(
      // A task of its own: evaluating the chunk and starting the widget together
      // made one long task on a slow phone (issue 15, item 9).
      (chunk: { boot(options: BootOptions): void }) =>
        setTimeout(() => chunk.boot({ script, stub }), 0),
      (error: unknown) => {
        stub.abandon();
        console.error('Samtal: could not load the widget from', base, error);
      },
    );
  };
  if (typeof requestIdleCallback === 'function') requestIdleCallback(start, { timeout: 4000 });
  else setTimeout(start, 200);
})();

/**
 * The panel is a lazy chunk (with Preact): fetched on the first open or when
 * the visitor shows intent, never for every page view. One promise, so intent
 * and open never fetch it twice; a failed fetch may be retried.
 */
import type { PanelMount } from './mount-panel';

// The type lives with the chunk that implements it, so the chunk never imports its loader.
export type { PanelMount } from './mount-panel';

/** Creates a loader that fetches the panel chunk once. */
export function createPanelLoader(): () => Promise<PanelMount> {
  let loading: Promise<PanelMount> | null = null;
  return () => {
    if (loading === null) {
      loading = import('./mount-panel').then((chunk) => chunk.mountPanel);
      loading.catch(() => {
        loading = null;
      });
    }
    return loading;
  };
}

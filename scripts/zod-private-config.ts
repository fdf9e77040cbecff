/**
 * A build plugin that keeps zod's configuration private to Samtal.
 *
 * zod 4 stores its config on `globalThis.__zod_globalConfig`, shared by every
 * copy of zod on the page. As a guest on someone else's page that would add a
 * global (we promise only `window.Samtal`), let our `jitless` setting change
 * the host's zod, and let the host's zod settings (error maps, compile hooks)
 * change ours. The plugin rewrites those few lines to a module-local object,
 * and fails the build if zod's code no longer matches, so an upgrade cannot
 * quietly bring the global back.
 */
import type { Plugin } from 'vite';

const rewrites: [RegExp, string][] = [
  [
    /\(_a = globalThis\)\.__zod_globalConfig \?\? \(_a\.__zod_globalConfig = \{\}\);\s*export const globalConfig = globalThis\.__zod_globalConfig;/,
    'export const globalConfig = {};',
  ],
  [/globalThis\.__zod_globalConfig\?\.postProcessor/, 'globalConfig.postProcessor'],
];

export function zodPrivateConfig(): Plugin {
  return {
    name: 'samtal-zod-private-config',
    enforce: 'pre',
    transform(code, id) {
      if (!/[\\/]zod[\\/]v4[\\/]core[\\/]core\.js$/.test(id)) return null;
      let result = code;
      for (const [pattern, replacement] of rewrites) {
        if (!pattern.test(result)) {
          throw new Error(
            `zod-private-config: zod's core.js changed (no match for ${pattern}); review the plugin.`,
          );
        }
        result = result.replace(pattern, replacement);
      }
      if (result.includes('__zod_globalConfig')) {
        throw new Error(
          'zod-private-config: zod still reaches __zod_globalConfig; review the plugin.',
        );
      }
      return { code: result, map: null };
    },
  };
}

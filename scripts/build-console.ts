/**
 * Builds the site owner's console (src/console/) into dist/console/: two
 * pages, `index.html` (the console) and `sign-in.html`, with hashed assets
 * under `assets/`. The server serves them at `/admin/` (src/server/admin/).
 * No inline script or style ends up in the pages, so they run under a CSP
 * without 'unsafe-inline'.
 */
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const root = fileURLToPath(new URL('..', import.meta.url));
const outDir = `${root}dist/console`;

/** Builds dist/console/ and fails if a page came out with inline code. */
export async function buildConsole(): Promise<void> {
  rmSync(outDir, { recursive: true, force: true });
  await build({
    root: `${root}src/console`,
    base: '/admin/',
    configFile: false,
    logLevel: 'warn',
    oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
    build: {
      outDir,
      emptyOutDir: true,
      target: ['es2022', 'chrome111', 'firefox111', 'safari16.4'],
      minify: true,
      // The polyfill would be bundled, not inlined, but every browser the console supports has modulepreload.
      modulePreload: { polyfill: false },
      assetsInlineLimit: 0,
      rolldownOptions: {
        input: {
          index: `${root}src/console/index.html`,
          'sign-in': `${root}src/console/sign-in.html`,
        },
      },
    },
  });
  for (const page of readdirSync(outDir).filter((name) => name.endsWith('.html'))) {
    const html = readFileSync(`${outDir}/${page}`, 'utf8');
    if (/<script(?![^>]*\bsrc=)[^>]*>|<style|\sstyle=/i.test(html)) {
      throw new Error(
        `dist/console/${page} has an inline script or style; the console's CSP forbids them.`,
      );
    }
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildConsole();

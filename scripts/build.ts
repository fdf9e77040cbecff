/**
 * `npm run build`: the widget for script tags and bundlers, its types and the
 * JSON Schema files of the wire contract.
 *
 *   dist/samtal.js          classic script (IIFE) a site loads with <script async>
 *   dist/samtal-boot.js     the widget, loaded by samtal.js from its own folder
 *   dist/samtal.mjs         npm entry: import { init } from 'samtal'
 *   dist/protocol.js        npm entry: import { consentReceipt } from 'samtal/protocol'
 *   dist/chunks/*.js        shared and lazy chunks (panel, form, telemetry)
 *   dist/types/**.d.ts      types
 *   dist/schemas/*.json     JSON Schema of every wire shape
 *   dist/server/            the reference collector and chat server (samtal-server)
 *   dist/console/           the site owner's console, served by the server at /admin/
 */
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { build, type InlineConfig } from 'vite';
import { buildConsole } from './build-console';
import { buildServer } from './build-server';
import { writeJsonSchemas } from './write-json-schemas';
import { zodPrivateConfig } from './zod-private-config';

const root = new URL('..', import.meta.url).pathname;
const target = ['es2020', 'chrome90', 'firefox90', 'safari15'];
// CSS is compiled for the browsers alone: with `es2020` in the list the CSS
// minifier assumes older browsers and expands every logical property and
// `:dir()` into long `:lang()` lists.
const cssTarget = target.filter((name) => !name.startsWith('es'));
const jsx = { jsx: { runtime: 'automatic' as const, importSource: 'preact' } };

const shared: InlineConfig = {
  root,
  configFile: false,
  logLevel: 'warn',
  oxc: jsx,
  plugins: [zodPrivateConfig()],
};

rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });

/**
 * The script-tag graph and the npm graph are built apart: tree-shaking keeps,
 * per module, what any entry of a build uses, so the wire schemas exported for
 * npm users would otherwise swell the zod code the widget's chunks load.
 *
 * Both are built in library mode: an app build wraps every `import()` in
 * Vite's preload helper (about 0.7 KB gzip in the boot), which would also
 * look for a `csp-nonce` meta tag and fire `vite:preloadError` on the host
 * page's window. Our chunks import no CSS files, so the helper has nothing to
 * do. `bootChunk` names the entry whose static imports must all be in one
 * file, so a page fetches one boot file, not the boot and common chunks.
 */
async function buildModules(
  input: Record<string, string>,
  chunkFolder: string,
  entryFile: (name: string) => string,
  bootChunk?: string,
) {
  await build({
    ...shared,
    build: {
      outDir: 'dist',
      emptyOutDir: false,
      target,
      cssTarget,
      minify: true,
      modulePreload: false,
      copyPublicDir: false,
      lib: { entry: input, formats: ['es'], fileName: (_format, name) => entryFile(name) },
      rolldownOptions: {
        input,
        preserveEntrySignatures: 'allow-extension',
        output: {
          format: 'es',
          // Library mode would keep whitespace and /* @__PURE__ */ comments for a later bundler;
          // these files go to browsers as they are.
          minify: true,
          comments: { annotation: false, jsdoc: false, legal: false },
          entryFileNames: (chunk) => entryFile(chunk.name),
          chunkFileNames: `${chunkFolder}/[name]-[hash].js`,
          ...(bootChunk
            ? { codeSplitting: { groups: [{ name: bootChunk, tags: ['$initial' as const] }] } }
            : {}),
        },
      },
    },
  });
}

await buildModules(
  { 'samtal-boot': 'src/embed.ts' },
  'chunks',
  (name) => `${name}.js`,
  'samtal-boot',
);
await buildModules({ samtal: 'src/index.ts', protocol: 'src/protocol/index.ts' }, 'npm', (name) =>
  name === 'samtal' ? 'samtal.mjs' : `${name}.js`,
);

await build({
  ...shared,
  define: { __SAMTAL_BOOT__: JSON.stringify('samtal-boot.js') },
  build: {
    outDir: 'dist',
    emptyOutDir: false,
    target,
    minify: true,
    copyPublicDir: false,
    lib: {
      entry: 'src/loader.ts',
      formats: ['iife'],
      name: 'samtalLoader',
      fileName: () => 'samtal.js',
    },
  },
});

execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
await writeJsonSchemas(new URL('../dist/schemas/', import.meta.url));
await buildServer();
await buildConsole();
console.log('Built dist/');

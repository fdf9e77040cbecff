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
import { noPreloadHelper } from './no-preload-helper';
import { ownKeysOnly } from './own-keys-only';
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
  plugins: [zodPrivateConfig(), ownKeysOnly()],
};

rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });

/**
 * The script-tag graph and the npm graph are built apart: tree-shaking keeps,
 * per module, what any entry of a build uses, so the wire schemas exported for
 * npm users would otherwise swell the zod code every page loads.
 */
async function buildModules(
  input: Record<string, string>,
  chunkFolder: string,
  entryFile: (name: string) => string,
) {
  await build({
    ...shared,
    plugins: [...(shared.plugins ?? []), noPreloadHelper()],
    build: {
      outDir: 'dist',
      emptyOutDir: false,
      target,
      cssTarget,
      minify: true,
      modulePreload: false,
      copyPublicDir: false,
      rolldownOptions: {
        input,
        preserveEntrySignatures: 'allow-extension',
        output: {
          format: 'es',
          entryFileNames: (chunk) => entryFile(chunk.name),
          chunkFileNames: `${chunkFolder}/[name]-[hash].js`,
        },
      },
    },
  });
}

await buildModules({ 'samtal-boot': 'src/embed.ts' }, 'chunks', (name) => `${name}.js`);
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

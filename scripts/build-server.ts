/**
 * Builds the reference server for Node into dist/server/ (`main.js` plus its
 * SQL migrations), so the `samtal-server` bin runs from an installed package
 * without tsx. Dependencies stay external: they are the package's own
 * dependencies, and better-sqlite3 is a native module that cannot be bundled.
 */
import { cpSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const root = fileURLToPath(new URL('..', import.meta.url));
const outDir = `${root}dist/server`;

/** Builds dist/server/main.js and copies the migrations next to it. */
export async function buildServer(): Promise<void> {
  rmSync(outDir, { recursive: true, force: true });
  await build({
    root,
    configFile: false,
    logLevel: 'warn',
    build: {
      ssr: 'src/server/main.ts',
      outDir,
      target: 'node20',
      emptyOutDir: true,
      minify: false,
      rollupOptions: { output: { entryFileNames: 'main.js', format: 'es' } },
    },
    ssr: { target: 'node' },
  });
  cpSync(`${root}src/server/storage/migrations`, `${outDir}/migrations`, { recursive: true });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildServer();

/**
 * Runs once before the server tests (per project): starts the throwaway
 * PostgreSQL cluster for the `server-postgres` project, and bundles `samtal-server` into one file
 * (esbuild, about a second) for the tests that start it as its own process.
 * Starting that bundle takes a fraction of what `node --import tsx` takes to
 * compile the sources on every start, which on a loaded machine was seconds
 * per process.
 */
import { chmodSync, cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { TestProject } from 'vitest/node';
import { startPostgresCluster } from './start-postgres-cluster';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Path of the bundled `samtal-server` entry: run it with `node`. */
    serverEntry: string;
    /** The throwaway cluster's admin URL in the `server-postgres` project; null for SQLite. */
    postgresUrl: string | null;
  }
}

const root = fileURLToPath(new URL('../..', import.meta.url));

export default async function setup(project: TestProject): Promise<() => void> {
  // Inside the project, so the bundle's imports of its dependencies resolve from node_modules.
  const cache = join(root, 'node_modules/.cache');
  mkdirSync(cache, { recursive: true });
  const folder = mkdtempSync(join(cache, 'samtal-server-bundle-'));
  // Readable by every user: one test starts the server as an unprivileged one.
  chmodSync(folder, 0o755);
  const entry = join(folder, 'main.mjs');
  await build({
    entryPoints: [join(root, 'src/server/main.ts')],
    outfile: entry,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
  });
  // The migrations are read from beside the entry, as in the built package.
  cpSync(join(root, 'src/server/storage/migrations'), join(folder, 'migrations'), {
    recursive: true,
  });
  project.provide('serverEntry', entry);
  const cluster = project.name === 'server-postgres' ? await startPostgresCluster() : null;
  project.provide('postgresUrl', cluster?.url ?? null);
  return () => {
    cluster?.stop();
    rmSync(folder, { recursive: true, force: true });
  };
}

/**
 * The reference server for end-to-end tests, for real: `startServer` on
 * 127.0.0.1 and a free port, with SQLite in a fresh temporary folder (or in
 * memory), and a static server for dist/ and the test's host pages whose
 * origin is the one site's allowed origin (unless the test names others).
 * `close()` stops both and deletes the folder.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { z } from 'zod/mini';
import { serverConfigSchema } from '../../../src/server/server-config';
import {
  type RunningServer,
  type StartServerOptions,
  startServer,
} from '../../../src/server/start-server';
import { type StaticServer, startStaticServer } from './static-server';

type ServerConfigInput = z.input<typeof serverConfigSchema>;

export interface RealCollectorOptions {
  /** The one site the collector accepts. */
  site: string;
  /**
   * The browser origins that may post for it; by default the static server's
   * alone. For a test that posts as the site itself (with `fetch` and an
   * `origin` header) rather than from a page.
   */
  origins?: readonly string[];
  /**
   * More of the server's configuration (`knowledge`, `storeConversations`,
   * `llm`, `durability`, …), as samtal-server reads it. Durability is
   * `normal` unless it says otherwise.
   */
  config?: Omit<ServerConfigInput, 'host' | 'port' | 'database' | 'sites'>;
  /** `file` (the default): `collector.db` in a new temporary folder; `memory`: `:memory:`. */
  database?: 'file' | 'memory';
  /** The console's password hasher, webhook sender or rights source. */
  consoleOptions?: StartServerOptions['consoleOptions'];
  /** Watch the knowledge folders for changes (startServer's default: true). */
  watchKnowledge?: boolean;
}

export interface RealCollector extends Pick<RunningServer, 'storage' | 'rights' | 'database'> {
  /** `http://127.0.0.1:<port>`: the collector's endpoints are under `/v1`, the console at `/admin/`. */
  url: string;
  /** Serves dist/ and the pages the test adds; its origin is the site's allowed one unless `origins` names others. */
  pages: StaticServer;
  /** Stops the collector and the static server, then deletes the temporary folder. */
  close(): Promise<void>;
}

/** @throws whatever `startServer` throws (a bad config, a knowledge base that does not load), after cleaning up. */
export async function startRealCollector(options: RealCollectorOptions): Promise<RealCollector> {
  const folder = options.database === 'memory' ? null : mkdtempSync(join(tmpdir(), 'samtal-e2e-'));
  const removeFolder = () => {
    if (folder) rmSync(folder, { recursive: true, force: true });
  };
  let pages: StaticServer | undefined;
  let server: RunningServer;
  try {
    pages = await startStaticServer();
    server = await startServer({
      config: serverConfigSchema.parse({
        durability: 'normal',
        ...options.config,
        host: '127.0.0.1',
        port: 0,
        database: folder ? join(folder, 'collector.db') : ':memory:',
        sites: { [options.site]: { origins: [...(options.origins ?? [pages.origin])] } },
      }),
      ...(options.consoleOptions ? { consoleOptions: options.consoleOptions } : {}),
      ...(options.watchKnowledge === undefined ? {} : { watchKnowledge: options.watchKnowledge }),
    });
  } catch (error) {
    await pages?.close();
    removeFolder();
    throw error;
  }
  const staticServer = pages;
  return {
    url: server.url,
    pages: staticServer,
    storage: server.storage,
    rights: server.rights,
    database: server.database,
    async close() {
      try {
        await server.close();
        await staticServer.close();
      } finally {
        removeFolder();
      }
    },
  };
}

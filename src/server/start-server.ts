/**
 * Opens the storage, purges what retention no longer allows, listens, and
 * purges again every day. Returns the address and a way to stop cleanly.
 */
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { ModelClient } from '../bot/create-model-client';
import { isAdminPath } from './admin/create-admin-app';
import { type ConsoleOptions, createConsole } from './admin/create-console';
import { createChatResponder } from './create-chat-responder';
import { createCollectorApp } from './create-collector-app';
import { loadKnowledgeRegistry } from './create-knowledge-registry';
import { retentionCutoffs } from './retention-cutoffs';
import type { ServerConfig } from './server-config';
import type { CollectorStorage, PurgeResult } from './storage/collector-storage';
import { createCollectorStorage } from './storage/create-collector-storage';
import { createRightsStorage, type RightsStorage } from './storage/create-rights-storage';
import { databaseOptions, openDatabase } from './storage/open-database';
import type { SamtalDatabase } from './storage/samtal-database';
import { withRightsRequests } from './storage/with-rights-requests';

const day = 24 * 60 * 60 * 1000;

export interface StartServerOptions {
  config: ServerConfig;
  /** The database named in the config by default, opened and migrated; closed with the server. */
  database?: SamtalDatabase;
  now?: () => number;
  /** Runs `purge` every `ms`; returns a cancel function. Defaults to an unref'd interval. */
  every?: (ms: number, purge: () => Promise<unknown>) => () => void;
  logError?: (error: unknown) => void;
  /** The console's password hashing, webhook sending or rights source, for tests. */
  consoleOptions?: Pick<ConsoleOptions, 'hasher' | 'send' | 'rights'>;
  /** Knowledge-base reloads and bot fallbacks are reported here. */
  log?: (message: string) => void;
  /** The language model's key (`SAMTAL_LLM_API_KEY`). */
  llmApiKey?: string | undefined;
  /** Instead of a client made from `config.llm`. */
  model?: ModelClient;
  /** Watch knowledge folders for changes (default true). */
  watchKnowledge?: boolean;
}

/** The knowledge base did not load: the server does not start (contract §7). */
export class KnowledgeLoadError extends Error {}

export interface RunningServer {
  /** `http://host:port`, with the port actually bound (the config may say 0). */
  url: string;
  port: number;
  database: SamtalDatabase;
  storage: CollectorStorage;
  /** The rights requests (contract §8) and the restrictions they hold. */
  rights: RightsStorage;
  /** Deletes what is past retention now; also runs at start and daily. Skipped while another process purges. */
  purge(): Promise<PurgeResult>;
  /** Re-reads the knowledge folders (SIGHUP); true when all loaded, else the last good ones stay. */
  reloadKnowledge(): Promise<boolean>;
  close(): Promise<void>;
}

function defaultEvery(ms: number, run: () => Promise<unknown>): () => void {
  const timer = setInterval(() => void run(), ms);
  timer.unref();
  return () => clearInterval(timer);
}

/**
 * @throws DatabaseProblem when the database cannot be used as it is.
 */
export async function startServer({
  config,
  database: given,
  now = Date.now,
  every = defaultEvery,
  logError = (error) => console.error('samtal-server:', error),
  consoleOptions = {},
  log = (message) => console.error(`samtal-server: ${message}`),
  llmApiKey,
  model,
  watchKnowledge = true,
}: StartServerOptions): Promise<RunningServer> {
  // The knowledge base first: a broken one stops the start before anything opens (contract §7).
  const loaded = await loadKnowledgeRegistry(config, { watchFiles: watchKnowledge, log });
  if (!loaded.success) throw new KnowledgeLoadError(loaded.error);
  const knowledge = loaded.registry;
  const chat = createChatResponder({
    config,
    knowledge,
    newId: () => crypto.randomUUID(),
    llmApiKey,
    log,
    ...(model ? { model } : {}),
  });
  let database: SamtalDatabase;
  try {
    database = given ?? (await openDatabase(config.database, databaseOptions(config)));
  } catch (error) {
    await knowledge.close();
    throw error;
  }
  const rights = createRightsStorage(database);
  const storage = withRightsRequests(createCollectorStorage(database), rights);
  const purge = () => storage.purge(retentionCutoffs(now(), config.retention), now());
  try {
    await purge();
  } catch (error) {
    await knowledge.close();
    await database.close();
    throw error;
  }
  const stopPurging = every(day, () => purge().catch(logError));
  // The console (/admin/, /v1/admin/, /widget/) answers its own paths; the collector the rest.
  const consoleApp = createConsole({
    config,
    database,
    storage,
    rightsStorage: rights,
    now,
    logError,
    ...consoleOptions,
  });
  const app = createCollectorApp({
    config,
    database,
    storage: consoleApp.storage,
    rights,
    now,
    logError,
    chat,
  });
  const fetch: typeof app.fetch = (request, env) =>
    isAdminPath(new URL(request.url).pathname)
      ? consoleApp.app.fetch(request, env)
      : app.fetch(request, env);
  let server: ReturnType<typeof serve>;
  try {
    server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
      const listening = serve({ fetch, hostname: config.host, port: config.port }, () =>
        resolve(listening),
      );
      listening.once('error', reject);
    });
  } catch (error) {
    stopPurging();
    await consoleApp.close();
    await knowledge.close();
    await database.close();
    throw error;
  }
  const { port } = server.address() as AddressInfo;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  return {
    url: `http://${host}:${port}`,
    port,
    database,
    storage,
    rights,
    purge,
    reloadKnowledge: () => knowledge.reload(),
    close: async () => {
      stopPurging();
      await knowledge.close();
      await new Promise<void>((resolve, reject) => {
        server.close((error) => {
          consoleApp
            .close()
            .then(() => database.close())
            .then(() => (error ? reject(error) : resolve()), reject);
        });
        // Keep-alive connections would hold close() open until they time out.
        if ('closeAllConnections' in server) server.closeAllConnections();
      });
    },
  };
}

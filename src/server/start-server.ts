/**
 * Opens the storage, purges what retention no longer allows, listens, and
 * purges again every day. Returns the address and a way to stop cleanly.
 */
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { ModelClient } from '../bot/create-model-client';
import type { CollectorStorage, DeletedCounts } from './collector-storage';
import { createChatResponder } from './create-chat-responder';
import { createCollectorApp } from './create-collector-app';
import { loadKnowledgeRegistry } from './create-knowledge-registry';
import { createSqliteStorage } from './create-sqlite-storage';
import { retentionCutoffs } from './retention-cutoffs';
import type { ServerConfig } from './server-config';

const day = 24 * 60 * 60 * 1000;

export interface StartServerOptions {
  config: ServerConfig;
  /** The SQLite file named in the config by default. */
  storage?: CollectorStorage;
  now?: () => number;
  /** Runs `purge` every `ms`; returns a cancel function. Defaults to an unref'd interval. */
  every?: (ms: number, purge: () => void) => () => void;
  logError?: (error: unknown) => void;
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
  storage: CollectorStorage;
  /** Deletes what is past retention now; also runs at start and daily. */
  purge(): DeletedCounts;
  /** Re-reads the knowledge folders (SIGHUP); true when all loaded, else the last good ones stay. */
  reloadKnowledge(): Promise<boolean>;
  close(): Promise<void>;
}

function defaultEvery(ms: number, run: () => void): () => void {
  const timer = setInterval(run, ms);
  timer.unref();
  return () => clearInterval(timer);
}

export async function startServer({
  config,
  storage = createSqliteStorage(config.database, { durability: config.durability }),
  now = Date.now,
  every = defaultEvery,
  logError = (error) => console.error('samtal-server:', error),
  log = (message) => console.error(`samtal-server: ${message}`),
  llmApiKey,
  model,
  watchKnowledge = true,
}: StartServerOptions): Promise<RunningServer> {
  const loaded = await loadKnowledgeRegistry(config, { watchFiles: watchKnowledge, log });
  if (!loaded.success) {
    storage.close();
    throw new KnowledgeLoadError(loaded.error);
  }
  const knowledge = loaded.registry;
  const chat = createChatResponder({
    config,
    knowledge,
    newId: () => crypto.randomUUID(),
    llmApiKey,
    log,
    ...(model ? { model } : {}),
  });
  const purge = () => storage.purge(retentionCutoffs(now(), config.retention));
  purge();
  const stopPurging = every(day, () => {
    try {
      purge();
    } catch (error) {
      logError(error);
    }
  });
  const app = createCollectorApp({ config, storage, now, logError, chat });
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const listening = serve({ fetch: app.fetch, hostname: config.host, port: config.port }, () =>
      resolve(listening),
    );
    listening.once('error', (error) => {
      void knowledge.close();
      reject(error);
    });
  });
  const { port } = server.address() as AddressInfo;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  return {
    url: `http://${host}:${port}`,
    port,
    storage,
    purge,
    reloadKnowledge: () => knowledge.reload(),
    close: async () => {
      stopPurging();
      await knowledge.close();
      await new Promise<void>((resolve, reject) => {
        server.close((error) => {
          storage.close();
          if (error) reject(error);
          else resolve();
        });
        // Keep-alive connections would hold close() open until they time out.
        if ('closeAllConnections' in server) server.closeAllConnections();
      });
    },
  };
}

/**
 * Every site's knowledge-base bot: one folder for all sites (`knowledge`) or
 * one per site (`sites.<site>.knowledge`). Folders are read at start (a
 * broken one stops the server), then re-read when a file in them changes and
 * on `reload()` (SIGHUP). A reload that fails keeps the last good knowledge
 * base and logs why, so a half-saved edit never takes the bot down.
 */
import { resolve } from 'node:path';
import { type FSWatcher, watch } from 'chokidar';
import { formatKnowledgeProblems } from '../bot/build-knowledge-base';
import { createKnowledgeBot, type KnowledgeBot } from '../bot/create-knowledge-bot';
import { emptyKnowledgeBase } from '../bot/knowledge-base';
import { readKnowledgeDir } from './read-knowledge-dir';
import type { ServerConfig } from './server-config';

export interface KnowledgeRegistry {
  /** The bot answering for `site` right now. */
  botFor(site: string): KnowledgeBot;
  /** Re-reads every folder; resolves true when all of them loaded. */
  reload(): Promise<boolean>;
  /** Stops watching. */
  close(): Promise<void>;
}

export interface KnowledgeRegistryOptions {
  /** Watch the folders for changes (off in the command-line checks). */
  watchFiles?: boolean;
  /** Milliseconds to wait after a change before reading, so an editor's several writes count once. */
  settleMs?: number;
  /** Where reload results go. */
  log?: (message: string) => void;
}

export type LoadKnowledgeResult =
  | { success: true; registry: KnowledgeRegistry }
  | { success: false; error: string };

/** The folders the config names, resolved, and which sites use which. */
function foldersOf(config: ServerConfig): { folders: string[]; folderOf: Map<string, string> } {
  const folderOf = new Map<string, string>();
  for (const [site, settings] of Object.entries(config.sites)) {
    const folder = settings.knowledge ?? config.knowledge;
    if (folder !== undefined) folderOf.set(site, resolve(folder));
  }
  const folders = [
    ...new Set([...folderOf.values(), ...(config.knowledge ? [resolve(config.knowledge)] : [])]),
  ];
  return { folders, folderOf };
}

async function loadBot(
  folder: string,
): Promise<{ bot: KnowledgeBot; answers: number } | { error: string }> {
  const built = await readKnowledgeDir(folder);
  if (!built.success) return { error: formatKnowledgeProblems(built.problems) };
  return {
    bot: createKnowledgeBot(built.data),
    answers: built.data.sv.entries.length + built.data.en.entries.length,
  };
}

/** Loads every folder the config names; fails, naming each problem, if any does not parse. */
export async function loadKnowledgeRegistry(
  config: ServerConfig,
  {
    watchFiles = true,
    settleMs = 150,
    log = (message) => console.error(`samtal-server: ${message}`),
  }: KnowledgeRegistryOptions = {},
): Promise<LoadKnowledgeResult> {
  const { folders, folderOf } = foldersOf(config);
  const bots = new Map<string, KnowledgeBot>();
  const problems: string[] = [];
  for (const folder of folders) {
    const loaded = await loadBot(folder);
    if ('error' in loaded)
      problems.push(`the knowledge base in ${folder} does not load:\n${loaded.error}`);
    else bots.set(folder, loaded.bot);
  }
  if (problems.length > 0) return { success: false, error: problems.join('\n') };
  const noKnowledge = createKnowledgeBot(emptyKnowledgeBase());

  let closed = false;
  async function reloadFolder(folder: string): Promise<boolean> {
    if (closed) return false;
    const loaded = await loadBot(folder).catch((error: unknown) => ({ error: String(error) }));
    if (closed) return false;
    if ('error' in loaded) {
      log(
        `the knowledge base in ${folder} was not reloaded; the last good one keeps answering:\n${loaded.error}`,
      );
      return false;
    }
    bots.set(folder, loaded.bot);
    log(`reloaded the knowledge base in ${folder} (${loaded.answers} answers)`);
    return true;
  }

  const watchers: FSWatcher[] = [];
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  if (watchFiles) {
    for (const folder of folders) {
      const watcher = watch(folder, { ignoreInitial: true, depth: 1 });
      watcher.on('all', () => {
        clearTimeout(timers.get(folder));
        timers.set(
          folder,
          setTimeout(() => void reloadFolder(folder), settleMs),
        );
      });
      watcher.on('error', (error) => log(`cannot watch ${folder}: ${String(error)}`));
      watchers.push(watcher);
      await new Promise<void>((ready) => watcher.once('ready', () => ready()));
    }
  }

  return {
    success: true,
    registry: {
      botFor(site) {
        const folder = folderOf.get(site);
        return (folder === undefined ? undefined : bots.get(folder)) ?? noKnowledge;
      },
      async reload() {
        const results = await Promise.all(folders.map(reloadFolder));
        return results.every(Boolean);
      },
      async close() {
        closed = true;
        for (const timer of timers.values()) clearTimeout(timer);
        await Promise.all(watchers.map((watcher) => watcher.close()));
      },
    },
  };
}

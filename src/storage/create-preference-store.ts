/**
 * Small synchronous records in localStorage, for what must be known before
 * the first paint without opening a database: the visitor's consent choice
 * (strictly necessary storage, contract §3). Reading creates nothing.
 * Any storage error falls back to memory for the rest of the page.
 *
 * localStorage is shared by every tab of the origin, so what is stored is
 * what holds in all of them. `watch` tells a tab when another tab changed a
 * key: a BroadcastChannel message naming the key, the `storage` event as a
 * fallback, and a re-read of every watched key when the page comes back
 * from the back/forward cache, where it heard neither. (A tab whose storage
 * fell back to memory keeps its own values, as a separate browser would.)
 */
import { writeJson } from '../protocol/write-json';
import {
  type ChannelFactory,
  createTabChannel,
  type PageEvents,
  pageEvents,
  type TabChannel,
} from './create-tab-channel';

/**
 * What `get` checks a stored value with: a zod schema, or, for what the boot
 * reads on every page, a check written out by hand with the same
 * `safeParse`, because the boot carries no schema library (issue 15, item 9).
 */
export interface StoredValueSchema<T> {
  safeParse(value: unknown): { success: true; data: T } | { success: false };
}

export interface PreferenceStore {
  /** The stored value if it passes `schema`, else undefined (as if nothing were stored). */
  get<T>(key: string, schema: StoredValueSchema<T>): T | undefined;
  set(key: string, value: unknown): void;
  delete(key: string): void;
  /** Every key of this site, without the prefix. */
  keys(): string[];
  /**
   * Calls `listener` when another tab may have changed `key` (it re-reads
   * with `get`). Returns the function that stops watching.
   */
  watch(key: string, listener: () => void): () => void;
}

/** The part of the Web Storage API used here. */
export type StorageBackend = Pick<Storage, 'getItem' | 'setItem' | 'removeItem' | 'key' | 'length'>;

function defaultBackend(): StorageBackend | null {
  try {
    // Reading the property itself throws when storage is blocked.
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

export function createPreferenceStore(
  site: string,
  backend: StorageBackend | null = defaultBackend(),
  page: PageEvents | null = pageEvents(),
  openChannel?: ChannelFactory,
): PreferenceStore {
  const prefix = `samtal:${site}:`;
  const memory = new Map<string, string>();
  let storage = backend;
  const watchers = new Set<{ key: string; listener: () => void }>();
  let channel: TabChannel | null = null;

  /** Tells the watchers of `key` (of every key when null) to re-read. */
  function changed(key: string | null): void {
    for (const watcher of [...watchers])
      if (key === null || key === watcher.key) watcher.listener();
  }

  const onStorage = (event: Event) => {
    const { key } = event as StorageEvent;
    // A null key is localStorage.clear(): anything may have changed.
    if (key === null) changed(null);
    else if (key.startsWith(prefix)) changed(key.slice(prefix.length));
  };

  /** The other tabs are told which key changed; they read the value themselves. */
  const announce = (key: string) => channel?.post(key);

  function read(key: string): string | null {
    if (storage !== null) {
      try {
        return storage.getItem(prefix + key);
      } catch {
        storage = null;
      }
    }
    return memory.get(prefix + key) ?? null;
  }

  return {
    get(key, schema) {
      const text = read(key);
      if (text === null) return undefined;
      try {
        const parsed = schema.safeParse(JSON.parse(text));
        return parsed.success ? parsed.data : undefined;
      } catch {
        return undefined;
      }
    },
    set(key, value) {
      const text = writeJson(value);
      memory.set(prefix + key, text);
      try {
        storage?.setItem(prefix + key, text);
      } catch {
        storage = null;
      }
      announce(key);
    },
    delete(key) {
      memory.delete(prefix + key);
      try {
        storage?.removeItem(prefix + key);
      } catch {
        storage = null;
      }
      announce(key);
    },
    keys() {
      const found = new Set<string>();
      for (const key of memory.keys()) found.add(key);
      if (storage !== null) {
        try {
          for (let index = 0; index < storage.length; index++) {
            const key = storage.key(index);
            if (key?.startsWith(prefix)) found.add(key);
          }
        } catch {
          storage = null;
        }
      }
      return [...found].map((key) => key.slice(prefix.length));
    },
    watch(key, listener) {
      const watcher = { key, listener };
      if (watchers.size === 0) {
        channel = createTabChannel(`samtal:${site}:preferences`, {
          page,
          open: openChannel,
          onMessage: (changedKey) => changed(typeof changedKey === 'string' ? changedKey : null),
          onResume: () => changed(null),
        });
        page?.addEventListener('storage', onStorage);
      }
      watchers.add(watcher);
      return () => {
        watchers.delete(watcher);
        if (watchers.size > 0) return;
        channel?.close();
        channel = null;
        page?.removeEventListener('storage', onStorage);
      };
    },
  };
}

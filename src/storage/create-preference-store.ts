/**
 * Small synchronous records in localStorage, for what must be known before
 * the first paint without opening a database: the visitor's consent choice
 * (strictly necessary storage, contract §3). Reading creates nothing.
 * Any storage error falls back to memory for the rest of the page.
 */
import { writeJson } from '../protocol/write-json';

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
): PreferenceStore {
  const prefix = `samtal:${site}:`;
  const memory = new Map<string, string>();
  let storage = backend;

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
      if (storage === null) return;
      try {
        storage.setItem(prefix + key, text);
      } catch {
        storage = null;
      }
    },
    delete(key) {
      memory.delete(prefix + key);
      try {
        storage?.removeItem(prefix + key);
      } catch {
        storage = null;
      }
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
  };
}

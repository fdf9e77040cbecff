/**
 * Samtal's IndexedDB storage: idb-keyval in its own database and object store
 * (never idb-keyval's shared default), keys prefixed by site so two Samtal
 * sites on one origin never see each other's data.
 *
 * Storage fails in real life (private windows, blocked storage, full quota).
 * The first failure switches this store to memory for the rest of the page:
 * the widget keeps working and nothing throws into the host page.
 */
import { createStore, del, get, keys, set, type UseStore, update } from 'idb-keyval';
import type { z } from '../protocol/zod-setup';

/** A site's key-value storage. Values read back are parsed with a schema. */
export interface KeyValueStore {
  get<Schema extends z.ZodMiniType>(
    key: string,
    schema: Schema,
  ): Promise<z.infer<Schema> | undefined>;
  set(key: string, value: unknown): Promise<void>;
  /**
   * Reads, changes and writes one value in a single IndexedDB transaction,
   * so two tabs writing the same key at once cannot undo each other's
   * change. `change` gets the stored value parsed with `schema` (undefined
   * when missing or invalid) and returns the value to write.
   */
  update<Schema extends z.ZodMiniType>(
    key: string,
    schema: Schema,
    change: (current: z.infer<Schema> | undefined) => z.infer<Schema>,
  ): Promise<void>;
  delete(key: string): Promise<void>;
  /** Every key of this site, without the prefix. */
  keys(): Promise<string[]>;
  /** True once storage failed and values live in memory only. */
  readonly inMemory: boolean;
}

/** The idb-keyval calls this store needs; tests pass fakes. */
export interface IdbBackend {
  get(key: string, store: UseStore): Promise<unknown>;
  set(key: string, value: unknown, store: UseStore): Promise<void>;
  update(key: string, updater: (old: unknown) => unknown, store: UseStore): Promise<void>;
  del(key: string, store: UseStore): Promise<void>;
  keys(store: UseStore): Promise<IDBValidKey[]>;
  createStore(dbName: string, storeName: string): UseStore;
}

const idbKeyval: IdbBackend = { get, set, update, del, keys, createStore };

/** Database and object store names: Samtal's own, never idb-keyval's `keyval-store`. */
export const databaseName = 'samtal';
export const objectStoreName = 'data';

export function createKeyValueStore(
  site: string,
  backend: IdbBackend | null = typeof indexedDB === 'undefined' ? null : idbKeyval,
): KeyValueStore {
  const prefix = `${site}:`;
  const memory = new Map<string, unknown>();
  let store: UseStore | null = null;
  let failed = backend === null;

  function useStore(): UseStore | null {
    if (failed || backend === null) return null;
    if (store === null) {
      try {
        store = backend.createStore(databaseName, objectStoreName);
      } catch {
        failed = true;
        return null;
      }
    }
    return store;
  }

  async function attempt<T>(
    run: (backend: IdbBackend, store: UseStore) => Promise<T>,
    fallback: () => T,
  ): Promise<T> {
    const current = useStore();
    if (current === null || backend === null) return fallback();
    try {
      return await run(backend, current);
    } catch {
      failed = true;
      return fallback();
    }
  }

  return {
    get inMemory() {
      return failed;
    },
    async get(key, schema) {
      const raw = await attempt(
        (b, s) => b.get(prefix + key, s),
        () => memory.get(prefix + key),
      );
      if (raw === undefined) return undefined;
      // Stored data is outside input too: another version of Samtal, a
      // half-written value or a curious visitor may have changed it.
      const parsed = schema.safeParse(raw);
      return parsed.success ? parsed.data : undefined;
    },
    async set(key, value) {
      memory.set(prefix + key, value);
      await attempt(
        (b, s) => b.set(prefix + key, value, s),
        () => undefined,
      );
    },
    async update(key, schema, change) {
      // Like `set`, every write is mirrored in memory for a later fallback.
      const next = (raw: unknown) => {
        const parsed = schema.safeParse(raw);
        const value = change(parsed.success ? parsed.data : undefined);
        memory.set(prefix + key, value);
        return value;
      };
      await attempt(
        (b, s) => b.update(prefix + key, next, s),
        () => {
          next(memory.get(prefix + key));
        },
      );
    },
    async delete(key) {
      memory.delete(prefix + key);
      await attempt(
        (b, s) => b.del(prefix + key, s),
        () => undefined,
      );
    },
    async keys() {
      const fromMemory = () => [...memory.keys()];
      const all = await attempt(async (b, s) => (await b.keys(s)).map(String), fromMemory);
      return all.filter((key) => key.startsWith(prefix)).map((key) => key.slice(prefix.length));
    },
  };
}

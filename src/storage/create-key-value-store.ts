/**
 * Samtal's IndexedDB storage: idb-keyval in its own database and object store
 * (never idb-keyval's shared default), keys prefixed by site so two Samtal
 * sites on one origin never see each other's data.
 *
 * Storage fails in real life (private windows, blocked storage, full quota).
 * The first failure switches this store to memory for the rest of the page:
 * the widget keeps working and nothing throws into the host page.
 */
import { createStore, del, get, keys, promisifyRequest, set, type UseStore } from 'idb-keyval';
import type { z } from '../protocol/zod-setup';

/** A site's key-value storage. Values read back are parsed with a schema. */
export interface KeyValueStore {
  get<Schema extends z.ZodMiniType>(
    key: string,
    schema: Schema,
  ): Promise<z.infer<Schema> | undefined>;
  set(key: string, value: unknown): Promise<void>;
  /**
   * Reads, changes and writes `key` in one IndexedDB transaction. Browsers
   * run read-write transactions on one store one after another, across
   * tabs too, so two tabs updating at once never lose each other's change,
   * with or without Web Locks. `change` must be synchronous (the transaction
   * commits once idle) and gets the value as `schema` parses it; returning
   * `undefined` deletes the key.
   */
  update<Schema extends z.ZodMiniType>(
    key: string,
    schema: Schema,
    change: (current: z.infer<Schema> | undefined) => unknown,
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
  /** Like idb-keyval's `update`, except that a change to `undefined` deletes the key. */
  update(key: string, change: (old: unknown) => unknown, store: UseStore): Promise<void>;
  del(key: string, store: UseStore): Promise<void>;
  keys(store: UseStore): Promise<IDBValidKey[]>;
  createStore(dbName: string, storeName: string): UseStore;
}

function update(key: string, change: (old: unknown) => unknown, store: UseStore): Promise<void> {
  return store('readwrite', (objectStore) => {
    // Built by hand, not chained: the transaction commits as soon as it has
    // no request left, so the write must be asked for in the read's callback.
    return new Promise<void>((resolve, reject) => {
      const read = objectStore.get(key);
      read.onsuccess = () => {
        try {
          const next = change(read.result);
          if (next === undefined) objectStore.delete(key);
          else objectStore.put(next, key);
          resolve(promisifyRequest(objectStore.transaction));
        } catch (error) {
          reject(error);
        }
      };
      read.onerror = () => reject(read.error);
    });
  });
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

  function parse<Schema extends z.ZodMiniType>(
    schema: Schema,
    raw: unknown,
  ): z.infer<Schema> | undefined {
    if (raw === undefined) return undefined;
    // Stored data is outside input too: another version of Samtal, a
    // half-written value or a curious visitor may have changed it.
    const parsed = schema.safeParse(raw);
    return parsed.success ? parsed.data : undefined;
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
      return parse(schema, raw);
    },
    async set(key, value) {
      memory.set(prefix + key, value);
      await attempt(
        (b, s) => b.set(prefix + key, value, s),
        () => undefined,
      );
    },
    async update(key, schema, change) {
      let next: unknown;
      const remember = (value: unknown) => {
        if (value === undefined) memory.delete(prefix + key);
        else memory.set(prefix + key, value);
      };
      const changed = (old: unknown) => {
        next = change(parse(schema, old));
        return next;
      };
      await attempt(
        async (b, s) => {
          await b.update(prefix + key, changed, s);
          remember(next);
        },
        () => remember(changed(memory.get(prefix + key))),
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

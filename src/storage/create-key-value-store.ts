/**
 * Samtal's IndexedDB storage: idb-keyval in its own database and object store
 * (never idb-keyval's shared default), keys prefixed by site so two Samtal
 * sites on one origin never see each other's data.
 *
 * Storage fails in real life (private windows, blocked storage, full quota).
 * The first failure switches this store to memory for the rest of the page:
 * the widget keeps working and nothing throws into the host page.
 *
 * The back/forward cache: no connection is held while the page sits in it
 * (`suspend` on `pagehide`, `resume` on `pageshow`), and no transaction is
 * left waiting for the page's script. A transaction normally commits only
 * once the page has handled each request's result, which a frozen page
 * never does; its open transaction then blocks the site's other pages, and
 * Chromium evicts the cached page (`IgnoreEventAndEvict`). So every
 * operation but `update` asks for its requests at once and commits
 * explicitly (`IDBTransaction.commit()`). `update` needs the page's script
 * between its read and its write: keep it out of what runs as a page is left.
 */
import { promisifyRequest, type UseStore } from 'idb-keyval';
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
  /**
   * Reads `keys`, then makes the writes `change` returns, in one IndexedDB
   * read-write transaction, so no other tab's write comes between the read
   * and the writes (see `update`). `change` is synchronous and gets the raw
   * stored values (parse them); a key not found is absent from the map.
   * Like `update`, it needs the page's script mid-transaction: never call
   * it as the page is left.
   */
  transact(
    keys: readonly string[],
    change: (found: ReadonlyMap<string, unknown>) => StoreWrites,
  ): Promise<void>;
  delete(key: string): Promise<void>;
  /** Writes several keys in one transaction, without reading first. */
  setMany(entries: readonly (readonly [string, unknown])[]): Promise<void>;
  /** Deletes several keys in one transaction, without reading first. */
  deleteMany(keys: readonly string[]): Promise<void>;
  /** Deletes every key that starts with `keyPrefix`, in one request. */
  deletePrefix(keyPrefix: string): Promise<void>;
  /**
   * Every key that starts with `keyPrefix`, with its value as `schema`
   * parses it (undefined when it does not), read in one transaction.
   */
  list<Schema extends z.ZodMiniType>(
    keyPrefix: string,
    schema: Schema,
  ): Promise<{ key: string; value: z.infer<Schema> | undefined }[]>;
  /** Every key of this site, without the prefix. */
  keys(): Promise<string[]>;
  /**
   * The page is hidden away (`pagehide`): the connection closes once the
   * requests already made finish, and requests made from now on wait for
   * `resume` instead of opening it again.
   */
  suspend(): void;
  /** The page is back (`pageshow`): waiting requests go ahead, on a new connection. */
  resume(): void;
  /** True once storage failed and values live in memory only. */
  readonly inMemory: boolean;
}

/** What `transact` writes once it has read. */
export interface StoreWrites {
  set: readonly (readonly [string, unknown])[];
}

/** An idb-keyval store whose connection can be closed, and opens again when next used. */
export interface ClosableStore {
  /** Opens the database, creating it when it does not exist yet (for writes). */
  use: UseStore;
  /**
   * Opens the database only if it exists (for reads and deletes): where it
   * does not, rejects with `missingDatabase` and creates nothing, so a
   * visitor who only looked has no database on their device.
   */
  peek?: UseStore;
  close(): void;
}

/** `peek` found no database: nothing was ever stored, and nothing was created. */
export const missingDatabase = new Error('Samtal: no database yet');

/** The idb-keyval calls this store needs; tests pass fakes. */
export interface IdbBackend {
  get(key: string, store: UseStore): Promise<unknown>;
  set(key: string, value: unknown, store: UseStore): Promise<void>;
  /** Like idb-keyval's `update`, except that a change to `undefined` deletes the key. */
  update(key: string, change: (old: unknown) => unknown, store: UseStore): Promise<void>;
  /** Reads the keys, then writes, in one read-write transaction. */
  transact(
    keys: readonly string[],
    change: (found: Map<string, unknown>) => StoreWrites,
    store: UseStore,
  ): Promise<void>;
  del(key: string, store: UseStore): Promise<void>;
  setMany(entries: [IDBValidKey, unknown][], store: UseStore): Promise<void>;
  delMany(keys: IDBValidKey[], store: UseStore): Promise<void>;
  /** Deletes the keys from `lower` to `upper`, inclusive. */
  delRange(lower: string, upper: string, store: UseStore): Promise<void>;
  /** The keys from `lower` to `upper`, inclusive, with their values. */
  getRange(lower: string, upper: string, store: UseStore): Promise<[IDBValidKey, unknown][]>;
  keys(store: UseStore): Promise<IDBValidKey[]>;
  createStore(dbName: string, storeName: string): ClosableStore;
}

/**
 * idb-keyval's `createStore`, plus `close` and `peek`. A request made before
 * `close` still runs on the old connection (IndexedDB finishes a closing
 * connection's transactions); one made after opens a new connection.
 *
 * `peek` opens without creating: a database that does not exist yet starts
 * its first version in `upgradeneeded`, and aborting that upgrade deletes
 * it again (IndexedDB, "open a database connection", step 10).
 */
function createClosableStore(dbName: string, storeName: string): ClosableStore {
  let connection: Promise<IDBDatabase> | undefined;
  const watch = (db: IDBDatabase, opening: Promise<IDBDatabase>) => {
    const forget = () => {
      if (connection === opening) connection = undefined;
    };
    // Closed by the browser, or another tab upgrading the database: open again when next used.
    db.onclose = forget;
    db.onversionchange = () => {
      db.close();
      forget();
    };
  };
  const open = (create: boolean): Promise<IDBDatabase> => {
    if (connection) return connection;
    const request = indexedDB.open(dbName);
    let missing = false;
    request.onupgradeneeded = () => {
      if (create) {
        request.result.createObjectStore(storeName);
        return;
      }
      missing = true;
      request.transaction?.abort();
    };
    const opened = promisifyRequest(request);
    if (!create) {
      // A look only: kept as the connection when the database was there.
      return opened.then(
        (db) => {
          if (connection) {
            db.close();
            return connection;
          }
          const adopted = Promise.resolve(db);
          connection = adopted;
          watch(db, adopted);
          return db;
        },
        (error: unknown) => {
          throw missing ? missingDatabase : error;
        },
      );
    }
    connection = opened;
    opened.then(
      (db) => watch(db, opened),
      () => {
        if (connection === opened) connection = undefined;
      },
    );
    return opened;
  };
  const useWith =
    (create: boolean): UseStore =>
    (mode, callback) =>
      open(create).then((db) => callback(db.transaction(storeName, mode).objectStore(storeName)));
  return {
    use: useWith(true),
    peek: useWith(false),
    close() {
      const closing = connection;
      connection = undefined;
      closing?.then(
        (db) => db.close(),
        () => undefined,
      );
    },
  };
}

/**
 * Asks for every request of a transaction, then commits it at once, so it
 * completes without the page (see the module comment). Resolves with
 * `result`, or when the transaction completes.
 */
function committed<T>(
  store: UseStore,
  mode: IDBTransactionMode,
  requests: (objectStore: IDBObjectStore) => Promise<T> | undefined,
): Promise<T | undefined> {
  return store(mode, (objectStore) => {
    const result = requests(objectStore);
    const { transaction } = objectStore;
    transaction.commit();
    return result ?? promisifyRequest(transaction).then(() => undefined);
  });
}

const get = (key: IDBValidKey, store: UseStore) =>
  committed(store, 'readonly', (objectStore) => promisifyRequest(objectStore.get(key)));

const set = async (key: IDBValidKey, value: unknown, store: UseStore) => {
  await committed(store, 'readwrite', (objectStore) => void objectStore.put(value, key));
};

const setMany = async (entries: [IDBValidKey, unknown][], store: UseStore) => {
  await committed(store, 'readwrite', (objectStore) => {
    for (const [key, value] of entries) objectStore.put(value, key);
    return undefined;
  });
};

const del = async (key: IDBValidKey, store: UseStore) => {
  await committed(store, 'readwrite', (objectStore) => void objectStore.delete(key));
};

const delMany = async (keys: IDBValidKey[], store: UseStore) => {
  await committed(store, 'readwrite', (objectStore) => {
    for (const key of keys) objectStore.delete(key);
    return undefined;
  });
};

const delRange = async (lower: string, upper: string, store: UseStore) => {
  await committed(store, 'readwrite', (objectStore) => {
    objectStore.delete(IDBKeyRange.bound(lower, upper));
    return undefined;
  });
};

const getRange = async (lower: string, upper: string, store: UseStore) => {
  const range = IDBKeyRange.bound(lower, upper);
  const found = await committed(store, 'readonly', (objectStore) =>
    // Both asked for at once, in one transaction: the keys and values match.
    Promise.all([
      promisifyRequest(objectStore.getAllKeys(range)),
      promisifyRequest(objectStore.getAll(range)),
    ]),
  );
  const [keys = [], values = []] = found ?? [];
  return keys.map((key, index): [IDBValidKey, unknown] => [key, values[index]]);
};

const keys = async (store: UseStore) =>
  (await committed(store, 'readonly', (objectStore) =>
    promisifyRequest(objectStore.getAllKeys()),
  )) ?? [];

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

function transact(
  keys: readonly string[],
  change: (found: Map<string, unknown>) => StoreWrites,
  store: UseStore,
): Promise<void> {
  return store('readwrite', (objectStore) => {
    // Every read is asked for at once; the writes are asked for in the last
    // read's callback, before the transaction runs out of requests and commits.
    return new Promise<void>((resolve, reject) => {
      const found = new Map<string, unknown>();
      let waiting = keys.length;
      const write = () => {
        try {
          for (const [key, value] of change(found).set) objectStore.put(value, key);
          resolve(promisifyRequest(objectStore.transaction).then(() => undefined));
        } catch (error) {
          reject(error);
        }
      };
      if (waiting === 0) write();
      for (const key of keys) {
        const request = objectStore.get(key);
        request.onsuccess = () => {
          if (request.result !== undefined) found.set(key, request.result);
          waiting -= 1;
          if (waiting === 0) write();
        };
        request.onerror = () => reject(request.error);
      }
    });
  });
}

const idbKeyval: IdbBackend = {
  get,
  set,
  update,
  transact,
  del,
  setMany,
  delMany,
  delRange,
  getRange,
  keys,
  createStore: createClosableStore,
};

/** The highest key starting with `keyPrefix`, for ranges: keys here are short ASCII ids. */
const rangeEnd = (keyPrefix: string) => `${keyPrefix}\uffff`;

/** Database and object store names: Samtal's own, never idb-keyval's `keyval-store`. */
export const databaseName = 'samtal';
export const objectStoreName = 'data';

export function createKeyValueStore(
  site: string,
  backend: IdbBackend | null = typeof indexedDB === 'undefined' ? null : idbKeyval,
): KeyValueStore {
  const prefix = `${site}:`;
  const memory = new Map<string, unknown>();
  let store: ClosableStore | null = null;
  let failed = backend === null;

  function useStore(create: boolean): UseStore | null {
    if (failed || backend === null) return null;
    if (store === null) {
      try {
        store = backend.createStore(databaseName, objectStoreName);
      } catch {
        failed = true;
        return null;
      }
    }
    return create ? store.use : (store.peek ?? store.use);
  }

  // Set while the page is hidden away: requests wait for it.
  let suspended: { promise: Promise<void>; resume(): void } | null = null;

  /**
   * Runs `run` on the database, or `fallback` on memory once storage failed.
   * Only writes (`create`) make the database: a read or a delete where
   * none exists yet has nothing to find, so it gets `fallback` too.
   */
  async function attempt<T>(
    run: (backend: IdbBackend, store: UseStore) => Promise<T>,
    fallback: () => T,
    create = false,
  ): Promise<T> {
    if (suspended) await suspended.promise;
    const current = useStore(create);
    if (current === null || backend === null) return fallback();
    try {
      return await run(backend, current);
    } catch (error) {
      if (error !== missingDatabase) failed = true;
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
        true,
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
        true,
      );
    },
    async transact(keys, change) {
      const full = keys.map((key) => prefix + key);
      /** `change` on the site's keys, its writes prefixed again. */
      const changeHere = (found: ReadonlyMap<string, unknown>): StoreWrites => {
        const here = new Map<string, unknown>();
        for (const [key, value] of found) here.set(key.slice(prefix.length), value);
        return { set: change(here).set.map(([key, value]) => [prefix + key, value] as const) };
      };
      const remember = (writes: StoreWrites) => {
        for (const [key, value] of writes.set) memory.set(key, value);
      };
      let made: StoreWrites | null = null;
      await attempt(
        async (b, s) => {
          await b.transact(
            full,
            (found) => {
              made = changeHere(found);
              return made;
            },
            s,
          );
          if (made !== null) remember(made);
        },
        () => {
          const found = new Map<string, unknown>();
          for (const key of full) if (memory.has(key)) found.set(key, memory.get(key));
          remember(changeHere(found));
        },
        true,
      );
    },
    async delete(key) {
      memory.delete(prefix + key);
      await attempt(
        (b, s) => b.del(prefix + key, s),
        () => undefined,
      );
    },
    async setMany(entries) {
      for (const [key, value] of entries) memory.set(prefix + key, value);
      await attempt(
        (b, s) =>
          b.setMany(
            entries.map(([key, value]) => [prefix + key, value]),
            s,
          ),
        () => undefined,
        true,
      );
    },
    async deleteMany(keys) {
      for (const key of keys) memory.delete(prefix + key);
      await attempt(
        (b, s) =>
          b.delMany(
            keys.map((key) => prefix + key),
            s,
          ),
        () => undefined,
      );
    },
    async deletePrefix(keyPrefix) {
      const full = prefix + keyPrefix;
      for (const key of [...memory.keys()]) if (key.startsWith(full)) memory.delete(key);
      await attempt(
        (b, s) => b.delRange(full, rangeEnd(full), s),
        () => undefined,
      );
    },
    async list(keyPrefix, schema) {
      const full = prefix + keyPrefix;
      const fromMemory = () => [...memory].filter(([key]) => key.startsWith(full));
      const found = await attempt((b, s) => b.getRange(full, rangeEnd(full), s), fromMemory);
      return found.map(([key, value]) => ({
        key: String(key).slice(prefix.length),
        value: parse(schema, value),
      }));
    },
    async keys() {
      const fromMemory = () => [...memory.keys()];
      const all = await attempt(async (b, s) => (await b.keys(s)).map(String), fromMemory);
      return all.filter((key) => key.startsWith(prefix)).map((key) => key.slice(prefix.length));
    },
    suspend() {
      if (suspended) return;
      let resume = () => {};
      const promise = new Promise<void>((resolve) => {
        resume = resolve;
      });
      suspended = { promise, resume };
      store?.close();
    },
    resume() {
      suspended?.resume();
      suspended = null;
    },
  };
}

import { IDBFactory } from 'fake-indexeddb';
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { z } from '../../src/protocol/zod-setup';
import { createKeyValueStore } from '../../src/storage/create-key-value-store';

const names = async () => (await indexedDB.databases()).map((database) => database.name);

beforeEach(() => {
  // A fresh browser profile for each test.
  globalThis.indexedDB = new IDBFactory();
});

describe('the key-value store before anything is written', () => {
  it('reads, lists and deletes without creating a database', async () => {
    const store = createKeyValueStore('acme-se');
    expect(await store.get('conversation', z.unknown())).toBeUndefined();
    expect(await store.list('telemetry-event:', z.unknown())).toEqual([]);
    expect(await store.keys()).toEqual([]);
    await store.delete('conversation');
    await store.deleteMany(['a', 'b']);
    await store.deletePrefix('telemetry-event:');
    expect(await names()).toEqual([]);
    // Nothing failed: the store still uses IndexedDB, not memory.
    expect(store.inMemory).toBe(false);
  });

  it('creates the database with the first write, and reads it back on another page', async () => {
    const store = createKeyValueStore('acme-se');
    expect(await store.get('conversation', z.string())).toBeUndefined();
    await store.set('conversation', 'hej');
    expect(await names()).toEqual(['samtal']);
    const nextPage = createKeyValueStore('acme-se');
    expect(await nextPage.get('conversation', z.string())).toBe('hej');
    expect(await nextPage.keys()).toEqual(['conversation']);
  });

  it('a read made while the first write is opening the database does not lose the write', async () => {
    const store = createKeyValueStore('acme-se');
    const [, , read] = await Promise.all([
      store.get('a', z.string()),
      store.set('a', 'one'),
      store.get('a', z.string()),
    ]);
    expect(read === undefined || read === 'one').toBe(true);
    expect(await createKeyValueStore('acme-se').get('a', z.string())).toBe('one');
    expect(store.inMemory).toBe(false);
  });

  it('update creates the database (it is a write)', async () => {
    const store = createKeyValueStore('acme-se');
    await store.update('count', z.number(), (count) => (count ?? 0) + 1);
    expect(await createKeyValueStore('acme-se').get('count', z.number())).toBe(1);
  });
});

/** A `localStorage`-shaped StorageBackend held in a Map, for the services' unit tests. */
import type { StorageBackend } from '../../../src/storage/create-preference-store';

export function memoryBackend(): StorageBackend {
  const items = new Map<string, string>();
  return {
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, value),
    removeItem: (key) => void items.delete(key),
    key: (index) => [...items.keys()][index] ?? null,
    get length() {
      return items.size;
    },
  };
}

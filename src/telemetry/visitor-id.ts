/**
 * The visitor id: a random UUID that ties a visitor's batches together, and
 * that an erasure request names. It is made only once analytics is granted,
 * and lives in Samtal's own store under `visitor-id` (site-prefixed there).
 */
import { uuidPattern } from '../protocol/regexes';
import { z } from '../protocol/zod-setup';
import type { KeyValueStore } from '../storage/create-key-value-store';
import { visitorIdKey } from './telemetry-keys';

const storedVisitorId = z.string().check(z.regex(uuidPattern));

/** The stored visitor id, or undefined when there is none. Creates nothing. */
export function readVisitorId(store: KeyValueStore): Promise<string | undefined> {
  return store.get(visitorIdKey, storedVisitorId);
}

/** The stored visitor id, made and stored first if there is none. Only with analytics consent. */
export async function ensureVisitorId(
  store: KeyValueStore,
  newId: () => string = () => crypto.randomUUID(),
): Promise<string> {
  const existing = await readVisitorId(store);
  if (existing !== undefined) return existing;
  const created = newId();
  await store.set(visitorIdKey, created);
  return created;
}

/**
 * Stored lists are outside input like any other (another version of Samtal,
 * a half-written value, a curious visitor), but one item that no longer fits
 * its schema must never take the others with it: a conversation loses one
 * message, not all of them; an outbox loses one request, not every pending
 * lead. These schemas read a list item by item and keep what parses.
 */
import { z } from '../protocol/zod-setup';

/**
 * A list of `item`: anything that is not an array reads as empty, items that
 * do not parse are dropped, and at most the last `max` valid ones are kept.
 */
export function eachValid<Item extends z.ZodMiniType>(item: Item, max: number) {
  return z.pipe(
    z.unknown(),
    z.transform((value): z.output<Item>[] => {
      if (!Array.isArray(value)) return [];
      const kept: z.output<Item>[] = [];
      for (const entry of value) {
        const parsed = item.safeParse(entry);
        if (parsed.success) kept.push(parsed.data);
      }
      return kept.length > max ? kept.slice(-max) : kept;
    }),
  );
}

/**
 * A record of named values, each checked by `value` on its own: a value that
 * does not parse is dropped, the others stay. Keys outside `keys` are dropped.
 */
export function eachValidField<Key extends string, Value extends z.ZodMiniType>(
  keys: readonly Key[],
  value: Value,
) {
  return z.pipe(
    z.unknown(),
    z.transform((input): Partial<Record<Key, z.output<Value>>> => {
      const kept: Partial<Record<Key, z.output<Value>>> = {};
      if (typeof input !== 'object' || input === null) return kept;
      for (const key of keys) {
        if (!Object.hasOwn(input, key)) continue;
        const parsed = value.safeParse((input as Record<string, unknown>)[key]);
        if (parsed.success) kept[key] = parsed.data;
      }
      return kept;
    }),
  );
}

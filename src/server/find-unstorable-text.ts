/**
 * Finds text that JSON can carry but a database cannot store: U+0000
 * (PostgreSQL's `text` and `jsonb` refuse it: "invalid byte sequence for
 * encoding UTF8: 0x00") and unpaired UTF-16 surrogates (`"\ud800"`: not
 * Unicode scalar values, so they have no UTF-8 form, and `jsonb` refuses their
 * escapes). No person types either; a request holding one is refused with a
 * 400 at the edge instead of failing in the database as a 500, which a client
 * would retry for ever.
 */

/** Where the first unstorable string is (`events.0.path`, object keys included), or null. */
export function findUnstorableText(value: unknown): string | null {
  // Iterative, so a deeply nested body cannot exhaust the stack.
  const pending: Array<{ value: unknown; path: string }> = [{ value, path: '' }];
  const at = (path: string, key: string) => (path === '' ? key : `${path}.${key}`);
  while (pending.length > 0) {
    const item = pending.pop();
    if (item === undefined) break;
    if (typeof item.value === 'string') {
      if (!isStorableText(item.value)) return item.path;
    } else if (Array.isArray(item.value)) {
      item.value.forEach((entry, index) => {
        pending.push({ value: entry, path: at(item.path, String(index)) });
      });
    } else if (typeof item.value === 'object' && item.value !== null) {
      for (const [key, entry] of Object.entries(item.value)) {
        const path = at(item.path, key);
        if (!isStorableText(key)) return path;
        pending.push({ value: entry, path });
      }
    }
  }
  return null;
}

/** The message a refusal gives for the path `findUnstorableText` found. */
export const unstorableTextMessage = 'must not hold a NUL character or an unpaired surrogate';

/** A high surrogate not followed by a low one, or a low one not preceded by a high one. */
const unpairedSurrogate = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function isStorableText(text: string): boolean {
  return !text.includes('\u0000') && !unpairedSurrogate.test(text);
}

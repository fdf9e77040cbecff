/**
 * JSON text for what Samtal sends and stores, written without asking the
 * host page's built-ins: no `JSON.stringify` (old polyfills replace it) and
 * no `toJSON` methods (Prototype.js 1.6 puts one on `Array.prototype` and
 * `String.prototype` that returns an already-encoded string, so every array
 * in a body became a string and every `/events` and `/erasure` body failed
 * validation; issue 15, item 10).
 *
 * For the plain data Samtal writes (objects, arrays, strings, finite numbers,
 * booleans, null) the output is byte for byte what a pristine
 * `JSON.stringify(value, null, indent)` writes (ECMA-262 §25.5.2, with the
 * well-formed escaping of lone surrogates): `undefined`, functions and
 * symbols are left out of objects and written as `null` in arrays;
 * `NaN` and infinities as `null`. Only own enumerable string keys are read,
 * so properties a page adds to `Object.prototype` never leak in. A cycle, a
 * BigInt, or a bare value JSON cannot hold (`undefined`, a function) throws a
 * `TypeError`, where `JSON.stringify` would throw or return `undefined`.
 */

const shortEscapes: Record<string, string> = {
  '\b': '\\b',
  '\t': '\\t',
  '\n': '\\n',
  '\f': '\\f',
  '\r': '\\r',
  '"': '\\"',
  '\\': '\\\\',
};

/** A surrogate pair (kept), or a character JSON must escape: controls, quote, backslash, a lone surrogate. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: JSON escapes U+0000–U+001F, so the pattern names them.
const needsEscape = /[\ud800-\udbff][\udc00-\udfff]|[\u0000-\u001f"\\\ud800-\udfff]/g;

/** A JSON string literal (ECMA-262 QuoteJSONString). */
const quote = (text: string) =>
  `"${text.replace(needsEscape, (match) =>
    match.length === 2
      ? match
      : (shortEscapes[match] ?? `\\u${match.charCodeAt(0).toString(16).padStart(4, '0')}`),
  )}"`;

/**
 * `value` as JSON text; `indent` as `JSON.stringify`'s third argument takes
 * it (a string, or a number of spaces up to 10).
 */
export function writeJson(value: unknown, indent: string | number = ''): string {
  const gap = typeof indent === 'number' ? ' '.repeat(Math.min(10, indent)) : indent.slice(0, 10);
  const open = new Set<object>();

  function write(item: unknown, margin: string): string | undefined {
    switch (typeof item) {
      case 'string':
        return quote(item);
      case 'number':
        return Number.isFinite(item) ? String(item) : 'null';
      case 'boolean':
        return item ? 'true' : 'false';
      case 'bigint':
        throw new TypeError('Samtal cannot write a BigInt as JSON');
      case 'object':
        break;
      default:
        return undefined;
    }
    if (item === null) return 'null';
    if (open.has(item)) throw new TypeError('Samtal cannot write a cycle as JSON');
    open.add(item);
    const inner = margin + gap;
    const parts: string[] = [];
    let text: string;
    if (Array.isArray(item)) {
      for (let index = 0; index < item.length; index++) {
        parts.push(write(item[index], inner) ?? 'null');
      }
      text = join(parts, '[', ']', margin, inner);
    } else {
      const record = item as Record<string, unknown>;
      const keys = Object.keys(record);
      for (let index = 0; index < keys.length; index++) {
        const key = keys[index] as string;
        const written = write(record[key], inner);
        if (written !== undefined) parts.push(`${quote(key)}:${gap ? ' ' : ''}${written}`);
      }
      text = join(parts, '{', '}', margin, inner);
    }
    open.delete(item);
    return text;
  }

  function join(parts: string[], start: string, end: string, margin: string, inner: string) {
    if (parts.length === 0) return start + end;
    if (!gap) return start + parts.join(',') + end;
    return `${start}\n${inner}${parts.join(`,\n${inner}`)}\n${margin}${end}`;
  }

  const text = write(value, '');
  if (text === undefined) throw new TypeError(`Samtal cannot write ${typeof value} as JSON`);
  return text;
}

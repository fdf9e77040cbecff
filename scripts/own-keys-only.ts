/**
 * A build plugin that makes the bundled libraries walk objects by their own
 * keys only (issue 15, item 10: the host page owns the globals).
 *
 * zod 4 (4.6.7) and rolldown's runtime (its `__export`, which builds the
 * namespace object of a module both imported and loaded with `import()`)
 * walk objects with `for…in`, which also yields any key the host page made
 * enumerable on `Object.prototype` (`Object.prototype.extend = …`, as
 * Prototype.js ≤ 1.3 and some ad scripts still do). On such a page zod's
 * `util.members` reads that key's own descriptor, gets `undefined` and throws
 * `Cannot read properties of undefined (reading 'get')` while the first
 * schema is built, and `__export` throws `Getter must be a function` for a
 * non-function value, so every chunk with a schema or a namespace object
 * failed as it started. zod's object, record and discriminated-union code
 * would also report or copy the inherited key as if the input had it.
 *
 * The plugin rewrites each `for (const key in object)` in those modules to
 * `for (const key of Object.keys(object))` (own enumerable string keys, in the
 * same order), leaves loops that already skip inherited keys alone, and fails
 * the build if any other `for…in` remains, so an upgrade cannot quietly bring
 * one back. Neither library is patched in node_modules.
 */
import type { Plugin } from 'vite';

/** zod's modules and rolldown's runtime module (`\0rolldown/runtime.js`). */
const walked = /[\\/]node_modules[\\/]zod[\\/]v4[\\/].*\.js$|^\0rolldown[\\/]runtime\.js$/;
// A loop whose body starts by checking the key is its object's own already.
const ownCheck = String.raw`\s*\{?\s*if \(!?Object\.prototype\.hasOwnProperty\.call\(`;
const walk = new RegExp(
  String.raw`for \((const|let|var) ([\w$]+) in ([\w$.]+)\)(?!${ownCheck}\3, \2\)\))`,
  'g',
);
const guarded = new RegExp(
  String.raw`for \((?:const|let|var) ([\w$]+) in ([\w$.]+)\)${ownCheck}\2, \1\)\)`,
  'g',
);
// Not one that starts a string: compile.js writes code for zod's JIT, which zod-setup.ts turns off.
const anyForIn = /(?<![`'"])\bfor\s*\(\s*(?:(?:const|let|var)\s+)?[\w$]+\s+in\s/g;

/** Count of `for…in` loops in `code` that could yield an inherited key. */
function unguardedLoops(code: string): number {
  const all = code.match(anyForIn)?.length ?? 0;
  return all - (code.match(guarded)?.length ?? 0);
}

export function ownKeysOnly(): Plugin {
  return {
    name: 'samtal-own-keys-only',
    enforce: 'pre',
    transform(code, id) {
      if (!walked.test(id) || !code.includes(' in ')) return null;
      const result = code.replace(
        walk,
        (_, declaration: string, key: string, object: string) =>
          `for (${declaration} ${key} of Object.keys(${object}))`,
      );
      if (unguardedLoops(result) > 0) {
        throw new Error(
          `own-keys-only: ${id} walks an object with a for…in the plugin cannot rewrite; review the plugin.`,
        );
      }
      return result === code ? null : { code: result, map: null };
    },
  };
}

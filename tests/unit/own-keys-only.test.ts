/**
 * The build plugin that makes zod and rolldown's runtime walk own keys only
 * (scripts/own-keys-only.ts): on a page that made a key enumerable on
 * `Object.prototype`, a `for…in` in those libraries stopped every chunk with
 * a schema from starting (issue 15, item 10).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ownKeysOnly } from '../../scripts/own-keys-only';

const zodFolder = new URL('../../node_modules/zod/v4/', import.meta.url).pathname;
const unchecked =
  /(?<![`'"])for \((?:const|let|var) (\w+) in ([\w.]+)\) \{(?!\s*if \(!?Object\.prototype\.hasOwnProperty\.call\(\2, \1\)\))/;
const zodId = (file: string) => `${zodFolder}${file}`;

function transform(code: string, id: string): string | null {
  const hook = ownKeysOnly().transform as (code: string, id: string) => { code: string } | null;
  return hook.call({}, code, id)?.code ?? null;
}

/** Runs `body` (a function's body) with `Object.prototype.extend` set, as Prototype.js 1.3 did. */
function onPollutedPage(body: string, ...args: unknown[]): unknown {
  const prototype = Object.prototype as { extend?: unknown };
  prototype.extend = () => undefined;
  try {
    return new Function('input', body)(...args);
  } finally {
    delete prototype.extend;
  }
}

describe('ownKeysOnly', () => {
  it("rewrites every module of zod's core and mini, and none walks inherited keys after", () => {
    for (const folder of ['core', 'mini']) {
      for (const file of readdirSync(`${zodFolder}${folder}`).filter((name) =>
        name.endsWith('.js'),
      )) {
        const id = zodId(`${folder}/${file}`);
        const result = transform(readFileSync(id, 'utf8'), id);
        // Any for…in left checks first that the key is the object's own.
        if (result !== null) expect(result).not.toMatch(unchecked);
      }
    }
    const util = zodId('core/util.js');
    expect(transform(readFileSync(util, 'utf8'), util)).toContain(
      'for (const key of Object.keys(table))',
    );
  });

  it('makes a loop skip a key the page put on Object.prototype', () => {
    const loop = 'const keys = []; for (const key in input) { keys.push(key); } return keys;';
    expect(onPollutedPage(loop, { a: 1 })).toEqual(['a', 'extend']);
    const rewritten = transform(loop, zodId('core/util.js'));
    expect(onPollutedPage(rewritten ?? '', { a: 1 })).toEqual(['a']);
  });

  it("rewrites rolldown's runtime, whose __export builds namespace objects", () => {
    const runtime =
      'for (var name in all) __defProp(target, name, { get: all[name], enumerable: true });';
    expect(transform(runtime, '\0rolldown/runtime.js')).toBe(
      'for (var name of Object.keys(all)) __defProp(target, name, { get: all[name], enumerable: true });',
    );
  });

  it('leaves a loop that already skips inherited keys, and other modules, alone', () => {
    const guarded =
      'for (const k in proto) {\n  if (!Object.prototype.hasOwnProperty.call(proto, k))\n    continue;\n}';
    expect(transform(guarded, zodId('core/core.js'))).toBeNull();
    expect(transform('for (const k in o) {}', '/work/src/app.js')).toBeNull();
  });

  it('fails the build on a for…in it cannot rewrite, naming the module', () => {
    const id = zodId('core/new.js');
    expect(() => transform('for (const k in lookup(o)) {}', id)).toThrow(/new\.js walks an object/);
  });
});

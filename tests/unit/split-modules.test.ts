/**
 * The build's split-modules plugin (scripts/split-modules.ts): a library
 * module split per declaration puts each declaration in the chunk that uses
 * it, and the code still runs as one module would.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'vite';
import { afterAll, describe, expect, it } from 'vitest';
import { splitModules } from '../../scripts/split-modules';

const folder = mkdtempSync(join(tmpdir(), 'samtal-split-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

// Shaped like zod's schemas.js: constructors made by a shared helper, one
// type that extends another at evaluation time, a counter assigned by a
// function, a private helper, and a re-export.
const library = `
import { tag } from './tag.js';
export { tag } from './tag.js';
const prefix = 'type:';
export function make(name, parent) {
  return { name: prefix + name, parent: parent ? parent.name : null, tag: tag(name) };
}
export const BaseType = make('base-type-used-by-both');
export const BootType = make('boot-type-only-in-the-boot', BaseType);
export const LazyType = make('lazy-type-only-in-the-lazy-chunk', BaseType);
export let created = 0;
export function count() {
  created++;
  return created;
}
const internal = () => LazyType.name;
export { internal as lazyName };
`;

async function buildFixture(): Promise<{
  boot: string;
  lazy: string;
  run: () => Promise<unknown>;
}> {
  writeFileSync(join(folder, 'tag.js'), "export const tag = (name) => '<' + name + '>';\n");
  writeFileSync(join(folder, 'library.js'), library);
  writeFileSync(
    join(folder, 'boot.js'),
    `import { BootType, count } from './library.js';
export async function run() {
  const lazy = await import('./lazy.js');
  return { boot: BootType, first: count(), lazy: lazy.describe() };
}
`,
  );
  writeFileSync(
    join(folder, 'lazy.js'),
    `import { LazyType, count, lazyName, created } from './library.js';
export function describe() { const second = count(); return { type: LazyType, name: lazyName(), second, created }; }
`,
  );
  await build({
    root: folder,
    configFile: false,
    logLevel: 'silent',
    plugins: [splitModules([join(folder, 'library.js')])],
    build: {
      outDir: join(folder, 'dist'),
      minify: false,
      modulePreload: false,
      lib: { entry: { boot: join(folder, 'boot.js') }, formats: ['es'] },
      rolldownOptions: {
        output: { entryFileNames: '[name].js', chunkFileNames: '[name]-[hash].js' },
      },
    },
  });
  const dist = join(folder, 'dist');
  const files = readdirSync(dist).filter((file) => file.endsWith('.js'));
  const bootFile = files.find((file) => file.startsWith('boot'));
  const lazyFile = files.find((file) => file.startsWith('lazy'));
  if (!bootFile || !lazyFile) throw new Error(`unexpected output: ${files.join(', ')}`);
  const module = (await import(pathToFileURL(join(dist, bootFile)).href)) as {
    run: () => Promise<unknown>;
  };
  return {
    boot: readFileSync(join(dist, bootFile), 'utf8'),
    lazy: readFileSync(join(dist, lazyFile), 'utf8'),
    run: module.run,
  };
}

describe('splitModules', () => {
  it('puts a declaration only the lazy chunk uses in the lazy chunk, and the code still runs', async () => {
    const { boot, lazy, run } = await buildFixture();
    expect(boot).toContain('boot-type-only-in-the-boot');
    expect(boot).not.toContain('lazy-type-only-in-the-lazy-chunk');
    expect(lazy).toContain('lazy-type-only-in-the-lazy-chunk');
    expect(await run()).toEqual({
      boot: {
        name: 'type:boot-type-only-in-the-boot',
        parent: 'type:base-type-used-by-both',
        tag: '<boot-type-only-in-the-boot>',
      },
      first: 1,
      lazy: {
        type: {
          name: 'type:lazy-type-only-in-the-lazy-chunk',
          parent: 'type:base-type-used-by-both',
          tag: '<lazy-type-only-in-the-lazy-chunk>',
        },
        name: 'type:lazy-type-only-in-the-lazy-chunk',
        // One binding, assigned by the function in its own part, seen live by both chunks.
        second: 2,
        created: 2,
      },
    });
  });

  it('fails the build on a top-level statement that is not a declaration', async () => {
    writeFileSync(join(folder, 'effect.js'), 'export const a = 1;\nglobalThis.touched = true;\n');
    writeFileSync(join(folder, 'uses-effect.js'), "export { a } from './effect.js';\n");
    await expect(
      build({
        root: folder,
        configFile: false,
        logLevel: 'silent',
        plugins: [splitModules([join(folder, 'effect.js')])],
        build: {
          write: false,
          lib: { entry: join(folder, 'uses-effect.js'), formats: ['es'] },
        },
      }),
    ).rejects.toThrow(/top-level statement that is not a declaration \(ExpressionStatement\)/);
  });
});

/**
 * CI runs what the README tells a developer to run (issue 15, item 10): the
 * test command of "Set-up", through npm, so a script added to `npm test`
 * (the build first, say) runs in CI too.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');

describe('.ci/run', () => {
  const ci = read('.ci/run')
    .split('\n')
    .filter((line) => !line.trimStart().startsWith('#'));

  it('runs the README’s test command', () => {
    const setUp = read('README.md').split('## Set-up')[1] ?? '';
    const command = /^(npm [\w:-]+)\s+# builds, then/m.exec(setUp)?.[1];
    expect(command).toBe('npm test');
    expect(ci.some((line) => line.startsWith(`${command} `) || line === command)).toBe(true);
  });

  it('never runs vitest around npm test', () => {
    expect(ci.filter((line) => /\b(npx|exec)\s+vitest\b/.test(line))).toEqual([]);
  });

  it('fails on any boot task over 50 ms at 4× CPU throttling (issue 15, item 9)', () => {
    expect(ci.some((line) => /\bnpm run bench:boot -- --budget-ms 50$/.test(line))).toBe(true);
  });

  it('checks that npm install leaves the committed lock as it is', () => {
    const text = ci.join('\n');
    expect(text).toMatch(/npm install --package-lock-only/);
    expect(text).toMatch(/git diff --exit-code[^\n]*package-lock\.json/);
  });
});

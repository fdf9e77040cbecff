/** What `npm pack` ships, and that the npm entries load and work from dist/. */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const root = new URL('../../', import.meta.url);

describe('the npm package', () => {
  it('ships the script, the module, types, JSON Schemas and the server', () => {
    const [pack] = JSON.parse(
      execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
        cwd: root,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      }),
    ) as [{ files: { path: string }[] }];
    const files = pack.files.map((file) => file.path);
    for (const path of [
      'dist/samtal.js',
      'dist/samtal-boot.js',
      'dist/samtal.mjs',
      'dist/protocol.js',
      'dist/types/index.d.ts',
      'dist/types/protocol/index.d.ts',
      'dist/schemas/consent-receipt.schema.json',
      'dist/schemas/event-batch.schema.json',
      'dist/schemas/lead.schema.json',
      'dist/schemas/erasure-request.schema.json',
      'dist/schemas/rights-request.schema.json',
      'dist/schemas/chat-request.schema.json',
      'dist/server/main.js',
      'bin/samtal-server.js',
    ]) {
      expect(files, path).toContain(path);
    }
    expect(files.some((file) => file.startsWith('src/') || file.startsWith('tests/'))).toBe(false);
  });

  it('every export of package.json points at a built file', async () => {
    const { exports } = (await import('../../package.json', { with: { type: 'json' } }))
      .default as {
      exports: Record<string, string | Record<string, string>>;
    };
    for (const target of Object.values(exports).flatMap((value) =>
      typeof value === 'string' ? [value] : Object.values(value),
    )) {
      if (target.includes('*')) continue;
      expect(existsSync(new URL(target, root)), target).toBe(true);
    }
  });

  it('types init in the shipped declarations: init({ site: 123 }) does not compile', () => {
    // tests/types/shipped/consumer.ts imports 'samtal' as a site would, from dist/types;
    // its @ts-expect-error lines fail the compile if the config type is ever loosened.
    let output = '';
    try {
      execFileSync('npx', ['tsc', '-p', 'tests/types/shipped/tsconfig.json'], {
        cwd: root,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      });
    } catch (error) {
      output = String((error as { stdout?: unknown }).stdout ?? error);
    }
    expect(output).toBe('');
  });

  it('samtal/protocol validates a consent receipt with the built schemas', async () => {
    const protocol = (await import(
      new URL('dist/protocol.js', root).href
    )) as typeof import('../../src/protocol/index');
    const receipt = {
      id: '4f1f2a9e-5d0b-4a57-9c2e-0b7f4c6f1e11',
      site: 'acme-se',
      policyVersion: '2026-01',
      purposes: { analytics: true, marketing: false },
      decidedAt: '2026-11-25T10:00:00.000Z',
      method: 'accept',
      locale: 'sv',
      textHash: 'a'.repeat(64),
    };
    expect(protocol.consentReceipt.safeParse(receipt).success).toBe(true);
    expect(protocol.consentReceipt.safeParse({ ...receipt, userAgent: 'x' }).success).toBe(false);
  });
});

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadServerConfig } from '../../src/server/load-server-config';
import { parseCliFlags, runCli } from '../../src/server/run-cli';
import { makeBatch, makeLead, makeReceipt, site } from './payloads';
import { startTestServer, type TestServer } from './start-test-server';
import { runCliCaptured } from './support/run-cli-captured';

let running: TestServer | null = null;
let folder: string | null = null;

afterEach(async () => {
  await running?.stop();
  running = null;
  if (folder !== null) rmSync(folder, { recursive: true, force: true });
  folder = null;
});

const cli = (args: string[], env: Record<string, string> = {}) =>
  runCliCaptured(args, { env, now: () => Date.parse('2026-02-01T12:00:00.000Z') });

/** A visitor who consented, browsed and left a lead, stored through the real server. */
async function seedVisitor() {
  running = await startTestServer();
  const receipt = makeReceipt({ purposes: { analytics: true, marketing: true } });
  const batch = makeBatch({ consentId: receipt.id });
  const lead = makeLead({ consentId: receipt.id });
  await running.post('/v1/consent', receipt);
  await running.post('/v1/events', batch);
  await running.post('/v1/leads', lead);
  return { database: running.database, receipt, batch, lead };
}

describe('samtal-server export, erase, stats, purge', () => {
  it('exports everything held about a visitor as JSON', async () => {
    const { database, receipt, batch, lead } = await seedVisitor();
    const { code, stdout } = await cli(['export', '--db', database, '--visitor', batch.visitorId]);
    expect(code).toBe(0);
    const held = JSON.parse(stdout);
    expect(held.receipts.map((row: { id: string }) => row.id)).toEqual([receipt.id]);
    expect(held.events.map((row: { event: { id: string } }) => row.event.id)).toEqual(
      batch.events.map((event) => event.id),
    );
    expect(held.leads.map((row: { fields: unknown }) => row.fields)).toEqual([lead.fields]);
  });

  it('erases a visitor and counts what went', async () => {
    const { database, receipt, batch, lead } = await seedVisitor();
    const erased = await cli([
      'erase',
      '--db',
      database,
      '--site',
      site,
      '--visitor',
      batch.visitorId,
      '--consent',
      receipt.id,
      '--lead',
      lead.id,
    ]);
    expect(erased.code).toBe(0);
    expect(JSON.parse(erased.stdout)).toEqual({
      deleted: { events: 3, leads: 1, receipts: 1, conversations: 0 },
    });
    const stats = await cli(['stats', '--db', database]);
    expect(JSON.parse(stats.stdout)).toEqual({
      sites: { [site]: { receipts: 0, events: 0, leads: 0, conversations: 0, erasures: 1 } },
    });
  });

  it('purges with the configured retention', async () => {
    const { database } = await seedVisitor();
    const kept = await cli(['purge', '--db', database]);
    expect(JSON.parse(kept.stdout).deleted).toEqual({
      events: 0,
      leads: 0,
      conversations: 0,
      receipts: 0,
    });
    // Received "now" in the test server's clock; a retention of 1 month from a clock 2 months on drops them.
    const later = await runCli(
      ['purge', '--db', database, '--events-months', '1', '--leads-months', '1'],
      {
        env: {},
        stdout: () => {},
        stderr: () => {},
        now: () => Date.parse('2026-04-02T12:00:00.000Z'),
      },
    );
    expect(later).toBe(0);
    const stats = await cli(['stats', '--db', database]);
    expect(JSON.parse(stats.stdout).sites[site]).toMatchObject({
      events: 0,
      leads: 0,
      receipts: 1,
    });
  });

  it('refuses an erasure without a site, and ids that are not ids', async () => {
    const noSite = await cli(['erase', '--db', ':memory:', '--visitor', makeBatch().visitorId]);
    expect(noSite.code).toBe(2);
    expect(noSite.stderr).toContain('--site');
    const badId = await cli(['export', '--db', ':memory:', '--visitor', 'anna']);
    expect(badId.code).toBe(2);
    expect(badId.stderr).toContain('visitorId');
  });

  it('serves until told to stop, printing its address', async () => {
    const { code, stdout } = await cli(['--port', '0', '--db', ':memory:']);
    expect(code).toBe(0);
    expect(stdout).toMatch(
      /^samtal-server listening on http:\/\/127\.0\.0\.1:\d+ \(database: :memory:\)\n$/,
    );
  });
});

/**
 * Serves with `args`, asks for /healthz once, stops; returns the exit code,
 * the access log lines written meanwhile and what went to standard error.
 */
async function serveOnce(args: string[]) {
  const lines: string[] = [];
  const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    lines.push(String(chunk));
    return true;
  });
  let url = '';
  let stderr = '';
  let listening = () => {};
  const ready = new Promise<void>((resolve) => {
    listening = resolve;
  });
  try {
    const code = await runCli(args, {
      env: {},
      stdout: (text) => {
        url = /listening on (\S+)/.exec(text)?.[1] ?? url;
        if (url !== '') listening();
      },
      stderr: (text) => {
        stderr += text;
      },
      stopSignal: async () => {
        await ready;
        await (await fetch(`${url}/healthz`)).text();
      },
    });
    return { code, lines, stderr };
  } finally {
    write.mockRestore();
  }
}

describe('boolean flags', () => {
  it('takes a bare --access-log as true, anywhere on the line, and still takes true or false', async () => {
    const served = { port: '--port', zero: '0', db: '--db', memory: ':memory:' };
    const base = Object.values(served);
    const runs: Array<[string[], number]> = [
      [[...base, '--access-log'], 1],
      [['--access-log', ...base], 1],
      [['serve', '--access-log', ...base], 1],
      [[...base, '--access-log', 'true'], 1],
      [[...base, '--access-log=true'], 1],
      [[...base, '--access-log', 'false'], 0],
      [[...base, '--access-log=0'], 0],
      [base, 0],
    ];
    for (const [args, logged] of runs) {
      const { code, lines, stderr } = await serveOnce(args);
      expect({ args, code, stderr }).toEqual({ args, code: 0, stderr: '' });
      expect(
        lines.map((line) => JSON.parse(line).route),
        args.join(' '),
      ).toEqual(Array.from({ length: logged }, () => '/healthz'));
    }
  });

  it('takes a bare --trust-proxy and --store-conversations as true too', async () => {
    const { values } = parseCliFlags(['--trust-proxy', '--store-conversations', '--port', '0']);
    const loaded = loadServerConfig({ flags: values, env: {} });
    expect(loaded.success ? loaded.data : loaded.error).toMatchObject({
      trustProxy: true,
      storeConversations: true,
      port: 0,
    });
  });

  it('still refuses a value that is not a boolean', async () => {
    const { code, stderr } = await cli(['--port', '0', '--db', ':memory:', '--access-log', 'yes']);
    expect(code).toBe(2);
    expect(stderr).toContain('accessLog (flag --access-log, env SAMTAL_ACCESS_LOG)');
  });
});

describe('configuration', () => {
  it('reads a JSON file, then the environment, then flags, later ones winning', () => {
    folder = mkdtempSync(join(tmpdir(), 'samtal-config-'));
    const file = join(folder, 'samtal.json');
    writeFileSync(
      file,
      JSON.stringify({
        port: 9000,
        host: '0.0.0.0',
        retention: { eventsMonths: 6 },
        sites: { a: { origins: ['https://a.se'] } },
      }),
    );
    const result = loadServerConfig({
      flags: { config: file, port: '9100' },
      env: {
        SAMTAL_PORT: '9050',
        SAMTAL_DB: '/var/lib/samtal.db',
        SAMTAL_ORIGINS: 'b=https://b.se,https://www.b.se',
      },
    });
    expect(result).toEqual({
      success: true,
      data: expect.objectContaining({
        host: '0.0.0.0',
        port: 9100,
        database: '/var/lib/samtal.db',
        sites: { b: { origins: ['https://b.se', 'https://www.b.se'] } },
        retention: {
          eventsMonths: 6,
          leadsMonths: 12,
          conversationsMonths: 12,
          receiptsMonths: 60,
        },
      }),
    });
  });

  it('names the key, its flag and what is wrong', async () => {
    const { code, stderr } = await cli(['--port', 'eighty', '--origins', 'acme-se=ftp://acme.se']);
    expect(code).toBe(2);
    expect(stderr).toContain('port (flag --port, env SAMTAL_PORT)');
    expect(stderr).toContain('sites.acme-se.origins.0');
    expect(stderr).toContain('must be an origin');
  });

  it('says which config file could not be read', () => {
    const result = loadServerConfig({ flags: { config: '/nonexistent/samtal.json' }, env: {} });
    expect(result.success).toBe(false);
    expect(result.success ? '' : result.error).toContain('/nonexistent/samtal.json');
  });

  it('refuses keys it does not know', () => {
    const result = loadServerConfig({
      flags: {},
      env: { SAMTAL_CONFIG: 'x.json' },
      readFile: () => '{"prot": 1}',
    });
    expect(result.success ? '' : result.error).toContain('prot');
  });
});

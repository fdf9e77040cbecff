import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, inject, it, vi } from 'vitest';
import { openDatabase } from '../../src/server/storage/open-database';
import { useConsoleServer } from './console/start-console-server';
import { makeBatch, makeReceipt, site } from './payloads';
import { useTestServer } from './start-test-server';
import { runCliCaptured as cli } from './support/run-cli-captured';
import { storeKind } from './test-database';

const start = useTestServer();
const startConsole = useConsoleServer();
let folder = '';

afterEach(() => {
  vi.restoreAllMocks();
  if (folder !== '') {
    chmodSync(folder, 0o755);
    rmSync(folder, { recursive: true, force: true });
  }
  folder = '';
});

describe('GET /healthz', () => {
  it('answers ok while the database answers, and 503 when it does not', async () => {
    const { url, server } = await start();
    const healthy = await fetch(`${url}/healthz`);
    expect(healthy.status).toBe(200);
    expect(healthy.headers.get('cache-control')).toBe('no-store');
    expect(await healthy.json()).toEqual({ status: 'ok' });

    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    await server.database.close();
    const down = await fetch(`${url}/healthz`);
    expect(down.status).toBe(503);
    expect(await down.json()).toEqual({
      status: 'unavailable',
      message: 'The database is not reachable.',
    });
    expect(logged).toHaveBeenCalled();
  });
});

describe('the access log', () => {
  it('writes one line per request with no address, agent, referrer, query or id', async () => {
    const lines: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      lines.push(String(chunk));
      return true;
    });
    const { post, url } = await start({ accessLog: true });
    const batch = makeBatch({}, 1);
    await post('/v1/events?email=anna@example.se', batch, {
      'x-forwarded-for': '198.51.100.7',
      'user-agent': 'Mozilla/5.0 (Annas phone)',
      referer: 'https://acme.se/konto/anna',
    });
    await fetch(`${url}/v1/konto/${batch.visitorId}`);
    await fetch(`${url}/healthz`);
    const entries = lines.map((line) => JSON.parse(line));
    expect(entries.map(({ method, route, status }) => ({ method, route, status }))).toEqual([
      { method: 'POST', route: '/v1/events', status: 200 },
      { method: 'GET', route: null, status: 404 },
      { method: 'GET', route: '/healthz', status: 200 },
    ]);
    for (const entry of entries) {
      expect(Object.keys(entry).sort()).toEqual(['method', 'ms', 'route', 'status', 'time']);
    }
    const written = lines.join('');
    for (const personal of ['127.0.0', '198.51', 'Mozilla', 'anna', batch.visitorId]) {
      expect(written).not.toContain(personal);
    }
  });

  it('writes a line for every console request too: sign-ins, 401s, lockouts, pages and the widget', async () => {
    const lines: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      lines.push(String(chunk));
      return true;
    });
    const app = await startConsole({ accessLog: true });
    const owner = 'anna.owner@acme.se';
    await app.addUser(owner, [site]);
    const leadId = crypto.randomUUID();
    const cookie = await app.signIn(owner);
    const signedIn = lines.length;
    const calls: Array<[string, string, unknown?, string?]> = [
      ['GET', `/v1/admin/sites/${site}/leads?status=open`],
      ['GET', `/v1/admin/sites/${site}/leads/${leadId}`],
      ['GET', '/v1/admin/me', undefined, cookie],
      ['GET', '/v1/admin/nowhere'],
      ['GET', '/admin/'],
      ['GET', '/widget/nowhere.js'],
    ];
    for (let attempt = 0; attempt < 6; attempt += 1) {
      calls.push(['POST', '/v1/admin/session', { email: owner, password: 'a wrong guess' }]);
    }
    for (const [method, path, body, withCookie] of calls) {
      await app.call(path, {
        method,
        ...(body === undefined ? {} : { body }),
        ...(withCookie === undefined ? {} : { cookie: withCookie }),
        headers: { 'user-agent': 'Mozilla/5.0 (Annas phone)', referer: 'https://acme.se/anna' },
      });
    }
    const entries = lines.map((line) => JSON.parse(line));
    expect(signedIn).toBe(1);
    expect(entries.map(({ method, route, status }) => ({ method, route, status }))).toEqual([
      { method: 'POST', route: '/v1/admin/session', status: 204 },
      { method: 'GET', route: '/v1/admin/sites/:site/leads', status: 401 },
      { method: 'GET', route: '/v1/admin/sites/:site/leads/:id', status: 401 },
      { method: 'GET', route: '/v1/admin/me', status: 200 },
      { method: 'GET', route: null, status: 401 },
      { method: 'GET', route: '/admin/*', status: 200 },
      { method: 'GET', route: '/widget/*', status: 404 },
      ...Array.from({ length: 5 }, () => ({
        method: 'POST',
        route: '/v1/admin/session',
        status: 401,
      })),
      { method: 'POST', route: '/v1/admin/session', status: 429 },
    ]);
    for (const entry of entries) {
      expect(Object.keys(entry).sort()).toEqual(['method', 'ms', 'route', 'status', 'time']);
    }
    const written = lines.join('');
    for (const personal of ['127.0.0', 'Mozilla', 'anna', 'acme', 'open', leadId, site]) {
      expect(written).not.toContain(personal);
    }
    expect(written).not.toContain(cookie.split('=')[1]);
  });

  it('writes nothing unless turned on', async () => {
    const write = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const { post } = await start();
    await post('/v1/events', makeBatch({}, 1));
    expect(write).not.toHaveBeenCalled();
  });
});

describe('samtal-server export', () => {
  it('hands over a row that no longer matches the schema as stored, with a warning', async () => {
    const { post, database, server } = await start();
    const receipt = makeReceipt();
    const batch = makeBatch({ consentId: receipt.id }, 3);
    await post('/v1/consent', receipt);
    await post('/v1/events', batch);
    const broken = batch.events[1]?.id ?? '';
    await server.database.db
      .updateTable('events')
      .set({ payload: '{"type":"retired-kind"}' })
      .where('id', '=', broken)
      .execute();

    const { code, stdout, stderr } = await cli([
      'export',
      '--db',
      database,
      '--visitor',
      batch.visitorId,
    ]);
    expect(code).toBe(0);
    const held = JSON.parse(stdout);
    expect(held.receipts).toHaveLength(1);
    expect(held.events).toHaveLength(2);
    expect(held.unreadable).toEqual([
      {
        table: 'events',
        key: { site, id: broken },
        problem: expect.stringContaining('type'),
        row: expect.objectContaining({
          id: broken,
          payload: storeKind === 'sqlite' ? '{"type":"retired-kind"}' : { type: 'retired-kind' },
        }),
      },
    ]);
    expect(stderr).toBe(
      'samtal-server: warning: 1 stored row(s) no longer match the schema; they are in "unreadable", as stored, with the reason.\n',
    );
  });
});

describe.skipIf(storeKind !== 'sqlite')('a SQLite file the server cannot write', () => {
  it('stops the server at start with what is wrong and how to fix it, and no stack', async () => {
    folder = mkdtempSync(join(tmpdir(), 'samtal-readonly-'));
    const path = join(folder, 'collector.db');
    await (await openDatabase(path)).close();
    // Root may write anything, so as root the server runs as nobody; otherwise as this user.
    const asRoot = process.getuid?.() === 0;
    chmodSync(path, 0o444);
    chmodSync(folder, 0o555);
    const child = spawn(
      process.execPath,
      [inject('serverEntry'), 'serve', '--port', '0', '--db', path],
      { stdio: ['ignore', 'pipe', 'pipe'], ...(asRoot ? { uid: 65534, gid: 65534 } : {}) },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const code = await new Promise((resolve) => child.once('exit', resolve));
    const user = asRoot ? 'nobody' : userInfo().username;
    expect({ code, stdout }).toEqual({ code: 1, stdout: '' });
    expect(stderr).toBe(
      `samtal-server: The database ${path} cannot be written by this process (user ${user}): samtal-server writes to the file and creates ${path}-wal and ${path}-shm beside it. Give ${user} write access to the file and its folder (for example: chown ${user} ${folder} ${path}), or point --db at a writable place.\n`,
    );
  });

  it('names a missing folder', async () => {
    const { code, stderr } = await cli(['stats', '--db', '/nonexistent-samtal/collector.db']);
    expect(code).toBe(1);
    expect(stderr).toBe(
      'samtal-server: The folder /nonexistent-samtal for the database does not exist: create it (mkdir -p /nonexistent-samtal) or point --db at another place.\n',
    );
  });
});

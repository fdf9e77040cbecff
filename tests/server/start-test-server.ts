/**
 * A real collector on 127.0.0.1, a free port, and a fresh SQLite file in a
 * temporary folder, with a clock the test moves.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { serverConfigSchema } from '../../src/server/server-config';
import { type RunningServer, startServer } from '../../src/server/start-server';
import { otherOrigin, otherSite, site, siteOrigin } from './payloads';

export interface TestServer {
  server: RunningServer;
  url: string;
  database: string;
  clock: { now: number };
  /** POSTs JSON from the site's origin unless `headers` say otherwise. */
  post(path: string, body: unknown, headers?: Record<string, string>): Promise<Response>;
  stop(): Promise<void>;
}

export async function startTestServer(settings: Record<string, unknown> = {}): Promise<TestServer> {
  const folder = mkdtempSync(join(tmpdir(), 'samtal-server-'));
  const database = join(folder, 'collector.db');
  const config = serverConfigSchema.parse({
    host: '127.0.0.1',
    port: 0,
    database,
    sites: { [site]: { origins: [siteOrigin] }, [otherSite]: { origins: [otherOrigin] } },
    durability: 'normal',
    ...settings,
  });
  const clock = { now: Date.parse('2026-02-01T12:00:00.000Z') };
  const server = await startServer({ config, now: () => clock.now });
  return {
    server,
    url: server.url,
    database,
    clock,
    post: (path, body, headers = {}) =>
      fetch(`${server.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: siteOrigin, ...headers },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      }),
    async stop() {
      await server.close();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}

/**
 * For a test file whose tests each start their own server: returns `start`,
 * and stops whatever it started after every test.
 */
export function useTestServer(): (settings?: Record<string, unknown>) => Promise<TestServer> {
  let running: TestServer | null = null;
  afterEach(async () => {
    await running?.stop();
    running = null;
  });
  return async (settings = {}) => {
    running = await startTestServer(settings);
    return running;
  };
}

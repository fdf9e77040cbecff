/**
 * A real collector on 127.0.0.1, a free port, and a fresh database of the
 * store under test (test-database.ts), with a clock the test moves.
 */
import { sql } from 'kysely';
import { afterEach } from 'vitest';
import { serverConfigSchema } from '../../src/server/server-config';
import { type RunningServer, startServer } from '../../src/server/start-server';
import { otherOrigin, otherSite, site, siteOrigin } from './payloads';
import { createTestDatabase, type TestDatabase } from './test-database';

export interface TestServer {
  server: RunningServer;
  url: string;
  /** What `--db` takes for this test's database. */
  database: string;
  /** Every row of `table`, through the server's own connection. */
  rows(table: string): Promise<Record<string, unknown>[]>;
  clock: { now: number };
  /** POSTs JSON from the site's origin unless `headers` say otherwise. */
  post(path: string, body: unknown, headers?: Record<string, string>): Promise<Response>;
  /** Closes the server (unless closed already) and drops the database. */
  stop(): Promise<void>;
  /** Drops the database; for a test that closed the server itself. */
  drop: TestDatabase['drop'];
}

export async function startTestServer(settings: Record<string, unknown> = {}): Promise<TestServer> {
  const created = await createTestDatabase();
  const database = created.location;
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
    rows: async (table) =>
      (
        await sql<Record<string, unknown>>`SELECT * FROM ${sql.table(table)}`.execute(
          server.database.db,
        )
      ).rows,
    async stop() {
      await server.close().catch(() => {});
      await created.drop();
    },
    drop: created.drop,
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

/**
 * A real server with the console, on 127.0.0.1 and a fresh database of the
 * store under test (a SQLite file, or a PostgreSQL schema: test-database.ts), with
 * a clock the test moves, cheap password hashing, users made through the
 * same store the CLI uses, and a small cookie-carrying client.
 */
import { randomUUID } from 'node:crypto';
import { afterEach } from 'vitest';
import type { ConsoleOptions } from '../../../src/server/admin/create-console';
import { createPasswordHasher } from '../../../src/server/admin/password-hasher';
import { consoleDatabase } from '../../../src/server/admin/storage/console-database';
import { createUsersStore } from '../../../src/server/admin/storage/create-users-store';
import { serverConfigSchema } from '../../../src/server/server-config';
import { type RunningServer, startServer } from '../../../src/server/start-server';
import { otherOrigin, otherSite, site, siteOrigin } from '../payloads';
import { createTestDatabase } from '../test-database';

/** Cheap enough for tests; the stored hash names its cost, so verification still works. */
export const testHasher = createPasswordHasher({ cost: { ln: 10, r: 8, p: 1 } });

export const password = 'a long test password';

export interface ConsoleServer {
  server: RunningServer;
  url: string;
  origin: string;
  clock: { now: number };
  addUser(email: string, sites: readonly string[], userPassword?: string): Promise<void>;
  removeUser(email: string): Promise<void>;
  /** Signs in and returns the session cookie (`name=value`). */
  signIn(email: string, userPassword?: string): Promise<string>;
  /** A request to the console's own server, from its own origin unless told otherwise. */
  call(
    path: string,
    init?: {
      method?: string;
      body?: unknown;
      cookie?: string | null;
      headers?: Record<string, string>;
    },
  ): Promise<Response>;
  /** POSTs to the collector as the widget does. */
  collect(path: string, body: unknown): Promise<Response>;
  stop(): Promise<void>;
}

/** The `name=value` of a Set-Cookie header. */
export function cookieOf(response: Response): string | null {
  const header = response.headers.get('set-cookie');
  return header === null ? null : (header.split(';', 1)[0] ?? null);
}

export async function startConsoleServer(
  settings: Record<string, unknown> = {},
  consoleOptions: Pick<ConsoleOptions, 'send' | 'rights'> = {},
): Promise<ConsoleServer> {
  const created = await createTestDatabase();
  const config = serverConfigSchema.parse({
    host: '127.0.0.1',
    port: 0,
    database: created.location,
    sites: { [site]: { origins: [siteOrigin] }, [otherSite]: { origins: [otherOrigin] } },
    durability: 'normal',
    ...settings,
  });
  const clock = { now: Date.parse('2026-02-10T12:00:00.000Z') };
  const server = await startServer({
    config,
    now: () => clock.now,
    consoleOptions: { hasher: testHasher, ...consoleOptions },
  }).catch(async (error: unknown) => {
    await created.drop();
    throw error;
  });
  const users = createUsersStore(consoleDatabase(server.database));
  const origin = server.url;

  const call: ConsoleServer['call'] = (path, init = {}) => {
    const method = init.method ?? 'GET';
    const headers: Record<string, string> = {
      ...(method === 'GET' ? {} : { origin }),
      ...init.headers,
    };
    // An empty origin means "send none", as a non-browser client would.
    if (headers.origin === '') delete headers.origin;
    if (init.cookie) headers.cookie = init.cookie;
    if (init.body !== undefined) headers['content-type'] ??= 'application/json';
    return fetch(`${server.url}${path}`, {
      method,
      headers,
      redirect: 'manual',
      ...(init.body === undefined
        ? {}
        : { body: typeof init.body === 'string' ? init.body : JSON.stringify(init.body) }),
    });
  };

  return {
    server,
    url: server.url,
    origin,
    clock,
    async addUser(email, sites, userPassword = password) {
      await users.addUser(
        { id: randomUUID(), email, passwordHash: await testHasher.hash(userPassword), sites },
        clock.now,
      );
    },
    async removeUser(email) {
      await users.removeUser(email);
    },
    async signIn(email, userPassword = password) {
      const response = await call('/v1/admin/session', {
        method: 'POST',
        body: { email, password: userPassword },
      });
      const cookie = cookieOf(response);
      if (response.status !== 204 || cookie === null)
        throw new Error(`sign-in failed: ${response.status}`);
      return cookie;
    },
    call,
    collect: (path, body) =>
      fetch(`${server.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: siteOrigin },
        body: JSON.stringify(body),
      }),
    async stop() {
      await server.close();
      await created.drop();
    },
  };
}

/** For a test file whose tests each start their own server: stops it after every test. */
export function useConsoleServer() {
  let running: ConsoleServer | null = null;
  afterEach(async () => {
    await running?.stop();
    running = null;
  });
  return async (...args: Parameters<typeof startConsoleServer>) => {
    running = await startConsoleServer(...args);
    return running;
  };
}

export { otherSite, site };

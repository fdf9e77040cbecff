/**
 * The store the server tests run against: the `server` project uses SQLite
 * files, the `server-postgres` project the throwaway cluster its global set-up
 * started (contract §10: both hold the same data with the same behaviour).
 * Each test gets a database of its own: a file in a temporary folder, or a
 * schema of its own in the cluster (selected through the URL's search_path).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';

/** Which engine this run of the suite stores into. */
export const storeKind: 'sqlite' | 'postgres' = inject('postgresUrl') ? 'postgres' : 'sqlite';

export interface TestDatabase {
  /** What `--db` takes: a file path or a `postgres://` URL. */
  location: string;
  /** Removes it and everything in it. */
  drop(): Promise<void>;
}

async function asAdmin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client(inject('postgresUrl') ?? '');
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const cluster = inject('postgresUrl');
  if (!cluster) {
    const folder = mkdtempSync(join(tmpdir(), 'samtal-server-'));
    return {
      location: join(folder, 'collector.db'),
      drop: async () => rmSync(folder, { recursive: true, force: true }),
    };
  }
  const schema = `test_${crypto.randomUUID().replaceAll('-', '')}`;
  await asAdmin((client) => client.query(`CREATE SCHEMA ${schema}`));
  const url = new URL(cluster);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return {
    location: url.toString(),
    drop: () => asAdmin((client) => client.query(`DROP SCHEMA ${schema} CASCADE`)).then(() => {}),
  };
}

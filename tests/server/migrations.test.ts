import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { DatabaseProblem } from '../../src/server/storage/database-problem';
import { openDatabase } from '../../src/server/storage/open-database';
import { type Migration, readMigrations } from '../../src/server/storage/read-migrations';
import { runCliCaptured as cli } from './support/run-cli-captured';
import { createTestDatabase, storeKind, type TestDatabase } from './test-database';

let folder = '';
let created: TestDatabase | null = null;

afterEach(async () => {
  if (folder !== '') rmSync(folder, { recursive: true, force: true });
  folder = '';
  await created?.drop();
  created = null;
});

/** A fresh database of the store under test; `name` is ignored for PostgreSQL. */
async function tempFile(_name: string): Promise<string> {
  created = await createTestDatabase();
  return created.location;
}

/** A migration creating one table, the same for both engines. */
function creating(name: string, table: string): Migration {
  const text = `CREATE TABLE ${table} (id TEXT PRIMARY KEY);`;
  return { name, sql: { sqlite: text, postgres: text } };
}

async function tables(location: string): Promise<string[]> {
  const database = await openDatabase(location, { migrate: false });
  const found = await database.db.introspection.getTables();
  await database.close();
  return found.map((table) => table.name).sort();
}

async function applied(location: string): Promise<string[]> {
  const database = await openDatabase(location, { migrate: false });
  const rows = await sql<{
    name: string;
  }>`SELECT name FROM schema_migrations ORDER BY name`.execute(database.db);
  await database.close();
  return rows.rows.map((row) => row.name);
}

describe('migrations', () => {
  it('ships every migration for both engines, named NNNN-what.dialect.sql', () => {
    const shipped = readMigrations();
    expect(shipped[0]?.name).toBe('0001-initial');
    for (const migration of shipped) {
      expect(migration.name).toMatch(/^\d{4}-[a-z0-9-]+$/);
      expect(migration.sql.sqlite.trim()).not.toBe('');
      expect(migration.sql.postgres.trim()).not.toBe('');
    }
    expect(shipped.map((migration) => migration.name)).toEqual(
      shipped.map((migration) => migration.name).sort(),
    );
  });

  it('refuses a migration written for one engine only, and a misnamed file', () => {
    folder = mkdtempSync(join(tmpdir(), 'samtal-migrations-'));
    const one = join(folder, 'one');
    mkdirSync(one);
    writeFileSync(join(one, '0020-bot-answers.sqlite.sql'), 'SELECT 1;');
    expect(() => readMigrations(one)).toThrow(/0020-bot-answers has no postgres version/);
    const misnamed = join(folder, 'misnamed');
    mkdirSync(misnamed);
    writeFileSync(join(misnamed, '20-answers.sql'), 'SELECT 1;');
    expect(() => readMigrations(misnamed)).toThrow(/20-answers\.sql is misnamed/);
  });

  it('records what it applied and applies nothing twice', async () => {
    const path = await tempFile('collector.db');
    const first = await openDatabase(path);
    await first.close();
    expect(await applied(path)).toEqual(readMigrations().map((migration) => migration.name));
    expect(await tables(path)).toEqual(
      expect.arrayContaining(['consent_receipts', 'events', 'leads', 'erasures']),
    );
    const again = await cli(['migrate', '--db', path]);
    expect(again).toEqual({ code: 0, stdout: `${path} is up to date.\n`, stderr: '' });
  });

  it('applies a migration another branch landed later, even with a lower number', async () => {
    const path = await tempFile('collector.db');
    const shipped = readMigrations();
    // Names no branch ships, so the test holds whatever lands.
    const rights = creating('0039-test-landed-first', 'rights_requests_test');
    const bot = creating('0029-test-landed-later', 'bot_knowledge_test');
    await (await openDatabase(path, { migrations: [...shipped, rights] })).close();
    const later = await openDatabase(path, { migrations: [...shipped, bot, rights] });
    await later.close();
    expect(await applied(path)).toEqual(
      [...shipped.map((migration) => migration.name), bot.name, rights.name].sort(),
    );
    expect(await tables(path)).toEqual(
      expect.arrayContaining(['bot_knowledge_test', 'rights_requests_test']),
    );
  });

  it('refuses a database migrated by a newer version, saying what to do', async () => {
    const path = await tempFile('collector.db');
    const shipped = readMigrations();
    await (
      await openDatabase(path, {
        migrations: [...shipped, creating('0041-console-users', 'users')],
      })
    ).close();
    const refusal = openDatabase(path, { migrations: shipped });
    await expect(refusal).rejects.toBeInstanceOf(DatabaseProblem);
    await expect(refusal).rejects.toThrow(
      `The database ${path} was migrated by a newer samtal-server: it has 0041-console-users, which this version does not know. Run the newer samtal-server, or restore a backup taken before the upgrade.`,
    );
  });

  it('prints the refusal without a stack and exits 1 from the command line', async () => {
    const path = await tempFile('collector.db');
    const database = await openDatabase(path);
    await sql`INSERT INTO schema_migrations (name, applied_at) VALUES ('0099-from-the-future', 0)`.execute(
      database.db,
    );
    await database.close();
    for (const command of [['migrate'], ['serve', '--port', '0'], ['stats']]) {
      const result = await cli([...command, '--db', path]);
      expect(result.code).toBe(1);
      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(/^samtal-server: The database .* has 0099-from-the-future/);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it('applies nothing of a run in which one migration fails', async () => {
    const path = await tempFile('collector.db');
    const shipped = readMigrations();
    const broken: Migration = {
      name: '0021-broken',
      sql: {
        sqlite: 'CREATE TABLE half (id TEXT); SELECT * FROM no_such_table;',
        postgres: 'CREATE TABLE half (id text); SELECT * FROM no_such_table;',
      },
    };
    const attempt = openDatabase(path, {
      migrations: [...shipped, creating('0020-fine', 'fine'), broken],
    });
    await expect(attempt).rejects.toThrow(
      /The migration 0021-broken failed on .*(no such table|does not exist)/,
    );
    expect(await tables(path)).not.toEqual(expect.arrayContaining(['fine']));
    expect(await tables(path)).not.toEqual(expect.arrayContaining(['half']));
  });

  it.skipIf(storeKind !== 'sqlite')(
    'takes over a SQLite file from before the migrations table as 0001-initial',
    async () => {
      const path = await tempFile('collector.db');
      const raw = new Database(path);
      raw.exec(readMigrations()[0]?.sql.sqlite ?? '');
      raw.pragma('user_version = 1');
      raw
        .prepare(
          "INSERT INTO erasures (site, erased_at, events, leads, receipts, conversations) VALUES ('acme-se', 1, 1, 0, 0, 0)",
        )
        .run();
      raw.close();
      const database = await openDatabase(path);
      const rows = await sql<{ n: number }>`SELECT count(*) AS n FROM erasures`.execute(
        database.db,
      );
      await database.close();
      expect(rows.rows[0]?.n).toBe(1);
      expect(await applied(path)).toContain('0001-initial');
    },
  );
});

/**
 * `samtal-server copy` (issue #13 item 7): a site that outgrows its SQLite
 * file copies it into PostgreSQL. In the `server` project the target is
 * another SQLite file, in `server-postgres` a PostgreSQL schema, and there the
 * copy also goes back into a fresh SQLite file.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, expect, it } from 'vitest';
import { consoleDatabase } from '../../src/server/admin/storage/console-database';
import { createUsersStore } from '../../src/server/admin/storage/create-users-store';
import { copyDatabase } from '../../src/server/storage/copy-database';
import { createCollectorStorage } from '../../src/server/storage/create-collector-storage';
import { openDatabase } from '../../src/server/storage/open-database';
import type { SamtalDatabase } from '../../src/server/storage/samtal-database';
import { makeBatch, makeLead, makeReceipt, site } from './payloads';
import { runCliCaptured as cli } from './support/run-cli-captured';
import { createTestDatabase, storeKind, type TestDatabase } from './test-database';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function open(location: string): Promise<SamtalDatabase> {
  const database = await openDatabase(location, { durability: 'normal' });
  cleanups.push(() => database.close());
  return database;
}

function sqliteFile(): string {
  const folder = mkdtempSync(join(tmpdir(), 'samtal-copy-'));
  cleanups.push(async () => rmSync(folder, { recursive: true, force: true }));
  return join(folder, 'samtal.db');
}

async function target(): Promise<TestDatabase> {
  const created = await createTestDatabase();
  cleanups.push(() => created.drop());
  return created;
}

const tables = [
  'consent_receipts',
  'events',
  'leads',
  'conversation_messages',
  'erasures',
  'console_users',
  'console_user_sites',
] as const;

async function counts(database: SamtalDatabase): Promise<Record<string, number>> {
  const counted: Record<string, number> = {};
  for (const table of tables) {
    const result = await sql<{ n: number }>`SELECT count(*) AS n FROM ${sql.table(table)}`.execute(
      database.db,
    );
    counted[table] = Number(result.rows[0]?.n);
  }
  return counted;
}

/** A SQLite file as a site holds it after some months: every kind of row, and an erasure. */
async function seed(database: SamtalDatabase) {
  const storage = createCollectorStorage(database);
  const receipt = makeReceipt({ purposes: { analytics: true, marketing: true } });
  await storage.insertReceipt(receipt, Date.parse('2026-01-15T10:00:00.000Z'));
  await storage.insertReceipt(makeReceipt(), Date.parse('2026-01-15T10:00:00.000Z'));
  const batches = Array.from({ length: 6 }, (_, index) =>
    makeBatch(index === 0 ? { consentId: receipt.id } : {}, 100),
  );
  for (const batch of batches) {
    await storage.insertEvents(batch, '192.0.2.0', Date.parse('2026-01-15T10:05:00.000Z'));
  }
  const lead = makeLead({ consentId: receipt.id });
  await storage.insertLead(lead, Date.parse('2026-01-15T10:06:00.000Z'));
  await storage.insertLead(makeLead(), Date.parse('2026-01-15T10:06:00.000Z'));
  const conversationId = crypto.randomUUID();
  await storage.insertConversationMessages(
    [
      { site, conversationId, messageId: crypto.randomUUID(), from: 'visitor', text: 'Hej!' },
      {
        site,
        conversationId,
        messageId: crypto.randomUUID(),
        from: 'bot',
        text: 'Hej, hur kan jag hjälpa dig?',
      },
    ],
    Date.parse('2026-01-15T10:07:00.000Z'),
  );
  const erased = batches.at(-1);
  await storage.erase(
    { site, visitorId: erased?.visitorId ?? null, consentIds: [], leadIds: [] },
    Date.parse('2026-01-20T10:00:00.000Z'),
  );
  await createUsersStore(consoleDatabase(database)).addUser(
    { id: crypto.randomUUID(), email: 'anna@acme.se', passwordHash: 'scrypt$test', sites: [site] },
    Date.parse('2026-01-10T10:00:00.000Z'),
  );
  const query = {
    site,
    visitorId: batches[0]?.visitorId ?? '',
    consentIds: [receipt.id],
    leadIds: [lead.id],
    conversationIds: [conversationId],
  };
  return { query };
}

it('copies every row once, finishes an interrupted copy when run again, and adds nothing on a third run', {
  timeout: 60_000,
}, async () => {
  const from = sqliteFile();
  const source = await open(from);
  const { query } = await seed(source);
  const expected = await counts(source);
  expect(expected).toMatchObject({ events: 500, erasures: 1, console_users: 1 });

  const to = await target();
  const destination = await open(to.location);
  // Interrupted after the third page of 50 rows: what was written stays, whole pages only.
  const controller = new AbortController();
  let pages = 0;
  await expect(
    copyDatabase(source, destination, {
      pageRows: 50,
      signal: controller.signal,
      eventsKeepFrom: Date.parse('2025-11-01T00:00:00.000Z'),
      onPage: () => {
        pages += 1;
        if (pages === 3) controller.abort(new Error('interrupted'));
      },
    }),
  ).rejects.toThrow('interrupted');
  const partial = await counts(destination);
  const partialRows = Object.values(partial).reduce((sum, n) => sum + n, 0);
  expect(partialRows).toBeGreaterThan(0);
  expect(partialRows).toBeLessThan(Object.values(expected).reduce((sum, n) => sum + n, 0));

  const resumed = await cli(['copy', '--from', from, '--to', to.location]);
  expect(resumed.stderr).toBe('');
  expect(resumed.code).toBe(0);
  expect(resumed.stdout).toContain('  events: 500 rows, ');
  expect(await counts(destination)).toEqual(expected);
  expect(await createCollectorStorage(destination).exportData(query)).toEqual(
    await createCollectorStorage(source).exportData(query),
  );

  const again = await cli(['copy', '--from', from, '--to', to.location]);
  expect(again.code).toBe(0);
  expect(again.stdout).toContain('  events: 500 rows, 0 copied, 500 already there');
  expect(await counts(destination)).toEqual(expected);

  // The target numbers its own next erasure after the copied one.
  const next = await createCollectorStorage(destination).erase(
    { site, visitorId: query.visitorId, consentIds: [], leadIds: [] },
    Date.parse('2026-02-01T10:00:00.000Z'),
  );
  expect(next.events).toBe(100);
  expect((await counts(destination)).erasures).toBe(2);
});

it.skipIf(storeKind !== 'postgres')(
  'puts copied events in their month’s partition on PostgreSQL, and copies back into SQLite',
  { timeout: 60_000 },
  async () => {
    const from = sqliteFile();
    const source = await open(from);
    const { query } = await seed(source);
    const to = await target();
    expect((await cli(['copy', '--from', from, '--to', to.location])).code).toBe(0);
    const destination = await open(to.location);
    const inDefault = await sql<{ n: number }>`SELECT count(*) AS n FROM events_default`.execute(
      destination.db,
    );
    expect(Number(inDefault.rows[0]?.n)).toBe(0);

    const back = sqliteFile();
    const copiedBack = await cli(['copy', '--from', to.location, '--to', back]);
    expect(copiedBack.stderr).toBe('');
    const returned = await open(back);
    expect(await counts(returned)).toEqual(await counts(source));
    expect(await createCollectorStorage(returned).exportData(query)).toEqual(
      await createCollectorStorage(source).exportData(query),
    );
  },
);

it('refuses a copy without two different databases', async () => {
  const from = sqliteFile();
  expect((await cli(['copy', '--from', from])).code).toBe(2);
  expect((await cli(['copy', '--from', from, '--to', from])).code).toBe(2);
});

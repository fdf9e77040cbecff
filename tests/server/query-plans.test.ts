import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, expect, it } from 'vitest';
import { createCollectorStorage } from '../../src/server/storage/create-collector-storage';
import { migrate } from '../../src/server/storage/migrate';
import { openSqliteDatabase } from '../../src/server/storage/open-sqlite-database';
import { site } from './payloads';
import { storeKind } from './test-database';

let folder = '';

afterEach(() => {
  rmSync(folder, { recursive: true, force: true });
});

// Without a site (the command line's export across sites) the lookups walk the
// id indexes instead: rare, an operator's request, and not what requests do.
it.skipIf(storeKind !== 'sqlite')(
  'finds every row an erasure, a site export or a purge touches through an index, never by walking a site',
  async () => {
    folder = mkdtempSync(join(tmpdir(), 'samtal-plans-'));
    const path = join(folder, 'collector.db');
    const queries: Array<{ sql: string; parameters: readonly unknown[] }> = [];
    const database = openSqliteDatabase(path, { onQuery: (query) => queries.push(query) });
    await migrate(database);
    const storage = createCollectorStorage(database);
    const ids = () => [crypto.randomUUID(), crypto.randomUUID()];
    const target = {
      visitorId: crypto.randomUUID(),
      consentIds: ids(),
      leadIds: ids(),
      conversationIds: ids(),
    };
    queries.length = 0;
    await storage.exportData({ site, ...target });
    await storage.erase({ site, ...target }, 0);
    await storage.purge({ events: 0, leads: 0, conversations: 0, receipts: 0 });
    await database.close();

    const raw = new Database(path, { readonly: true });
    const plans = queries
      .filter((query) => /^\s*(select|delete)/i.test(query.sql))
      .flatMap((query) =>
        raw
          .prepare(`EXPLAIN QUERY PLAN ${query.sql}`)
          .all(...query.parameters)
          .map((row) => `${(row as { detail: string }).detail}   ← ${query.sql.slice(0, 60)}`),
      );
    raw.close();
    expect(plans.length).toBeGreaterThan(10);
    expect(
      plans.filter((plan) => /^(SCAN|SEARCH \w+ USING PRIMARY KEY \(site=\?\))/.test(plan)),
    ).toEqual([]);
  },
);

/** How many events each visitor has in the database at `location`, read through its own connection. */
import { sql } from 'kysely';
import { openDatabase } from '../../src/server/storage/open-database';

export async function eventsPerVisitor(location: string): Promise<Map<string, number>> {
  const database = await openDatabase(location, { migrate: false });
  try {
    const counted = await sql<{ visitor_id: string; n: number | string }>`
      SELECT visitor_id, count(*) AS n FROM events GROUP BY visitor_id`.execute(database.db);
    return new Map(counted.rows.map((row) => [row.visitor_id, Number(row.n)]));
  } finally {
    await database.close();
  }
}

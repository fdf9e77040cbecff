/**
 * Reads the schema migrations: `NNNN-what-it-does.sqlite.sql` and
 * `NNNN-what-it-does.postgres.sql` side by side in one folder, one pair per
 * migration. The name without the dialect (`0001-initial`) is what the
 * database records; migrations run in name order.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { DatabaseProblem } from './database-problem';

/** The two engines Samtal stores into. */
export type Dialect = 'sqlite' | 'postgres';

/** One schema change, as SQL for each engine. */
export interface Migration {
  name: string;
  sql: Record<Dialect, string>;
}

/**
 * In the source tree this is `src/server/storage/migrations/`; the server
 * build copies them next to its bundle, `dist/server/migrations/`, which is
 * the same relative path from the bundle's one file.
 */
export const defaultMigrationsFolder = fileURLToPath(new URL('./migrations/', import.meta.url));

const fileName = /^(\d{4}-[a-z0-9-]+)\.(sqlite|postgres)\.sql$/;

/**
 * Every migration in `folder`, sorted by name.
 *
 * @throws DatabaseProblem when a file is misnamed or a migration lacks one of the dialects:
 *   a migration written for one engine only would leave the two schemas apart.
 */
export function readMigrations(folder: string = defaultMigrationsFolder): Migration[] {
  const found = new Map<string, Partial<Record<Dialect, string>>>();
  for (const file of readdirSync(folder).sort()) {
    if (!file.endsWith('.sql')) continue;
    const match = fileName.exec(file);
    if (match === null) {
      throw new DatabaseProblem(
        `The migration file ${file} is misnamed: use NNNN-what-it-does.sqlite.sql and NNNN-what-it-does.postgres.sql.`,
      );
    }
    const [, name = '', dialect] = match;
    const texts = found.get(name) ?? {};
    texts[dialect as Dialect] = readFileSync(`${folder}/${file}`, 'utf8');
    found.set(name, texts);
  }
  return [...found].map(([name, texts]) => {
    const { sqlite, postgres } = texts;
    if (sqlite === undefined || postgres === undefined) {
      const missing = sqlite === undefined ? 'sqlite' : 'postgres';
      throw new DatabaseProblem(
        `The migration ${name} has no ${missing} version: add ${name}.${missing}.sql beside the other.`,
      );
    }
    return { name, sql: { sqlite, postgres } };
  });
}

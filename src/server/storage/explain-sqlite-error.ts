/**
 * Turns what SQLite reports when a file cannot be used (read-only, missing
 * folder, not a database, locked) into words for the operator: what is wrong
 * and how to fix it. Anything else is left alone: it is a bug, not a setting.
 */
import { existsSync } from 'node:fs';
import { userInfo } from 'node:os';
import { dirname, resolve } from 'node:path';
import { DatabaseProblem } from './database-problem';

function errorCode(error: unknown): string {
  return typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
}

/** The operator's message for `error` met while opening or writing `path`, or null. */
export function explainSqliteError(error: unknown, path: string): DatabaseProblem | null {
  const code = errorCode(error);
  const file = resolve(path);
  const folder = dirname(file);
  if (!existsSync(folder)) {
    return new DatabaseProblem(
      `The folder ${folder} for the database does not exist: create it (mkdir -p ${folder}) or point --db at another place.`,
    );
  }
  if (/^SQLITE_(READONLY|PERM|CANTOPEN|AUTH)/.test(code)) {
    const user = userInfo().username;
    return new DatabaseProblem(
      `The database ${file} cannot be written by this process (user ${user}): samtal-server writes to the file and creates ${file}-wal and ${file}-shm beside it. Give ${user} write access to the file and its folder (for example: chown ${user} ${folder} ${file}), or point --db at a writable place.`,
    );
  }
  if (code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT')) {
    return new DatabaseProblem(
      `${file} is not a readable SQLite database (another kind of file, or damaged): point --db at the right file, or restore it from a backup.`,
    );
  }
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return new DatabaseProblem(
      `The database ${file} stayed locked by another process for 5 seconds: stop the other samtal-server or command using it, then try again.`,
    );
  }
  return null;
}

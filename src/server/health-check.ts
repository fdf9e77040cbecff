/**
 * `GET /healthz`: 200 `{ status: "ok" }` when the database answers a query on
 * its schema within `timeoutMs`, else 503 `{ status: "unavailable" }`, for a
 * load balancer or supervisor to act on. Never cached; the cause goes to the
 * error log, not to whoever asked.
 */
import type { Handler } from 'hono';
import type { SamtalDatabase } from './storage/samtal-database';

export interface HealthCheckOptions {
  database: SamtalDatabase;
  logError: (error: unknown) => void;
  /** How long the database may take to answer (default 2 s). */
  timeoutMs?: number;
}

export function healthCheck({
  database,
  logError,
  timeoutMs = 2_000,
}: HealthCheckOptions): Handler {
  return async (c) => {
    c.header('Cache-Control', 'no-store');
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      await Promise.race([
        database.ping(),
        new Promise((_, reject) => {
          timer = setTimeout(
            () => reject(new Error(`the database did not answer within ${timeoutMs} ms`)),
            timeoutMs,
          );
        }),
      ]);
      return c.json({ status: 'ok' });
    } catch (error) {
      logError(error);
      return c.json({ status: 'unavailable', message: 'The database is not reachable.' }, 503);
    } finally {
      clearTimeout(timer);
    }
  };
}

/**
 * The opt-in access log (`accessLog: true`): one JSON line per request with
 * the time, method, route, status and duration, and nothing about who asked.
 * No address, user agent, referrer, origin, query string or id is written:
 * the route is the pattern that matched (`/v1/admin/sites/:site/leads`), not
 * the path that was asked for, and an unmatched path is not written at all.
 */
import type { MiddlewareHandler } from 'hono';

/** One access log line, before it is serialised. */
export interface AccessLogEntry {
  /** ISO 8601, UTC. */
  time: string;
  method: string;
  /** The matched route pattern, or null when no route matched. */
  route: string | null;
  status: number;
  /** Milliseconds from the request's arrival to its response, rounded to 0.1. */
  ms: number;
}

export interface AccessLogOptions {
  /** Where each line goes; standard output by default. */
  write?: (line: string) => void;
  now?: () => number;
}

export function accessLog({
  write = (line) => process.stdout.write(line),
  now = () => performance.now(),
}: AccessLogOptions = {}): MiddlewareHandler {
  return async (c, next) => {
    const started = now();
    await next();
    const matched = c.req.routePath;
    const entry: AccessLogEntry = {
      time: new Date().toISOString(),
      method: c.req.method,
      route: matched === '*' || matched === '/*' || matched === '' ? null : matched,
      status: c.res.status,
      ms: Math.round((now() - started) * 10) / 10,
    };
    write(`${JSON.stringify(entry)}\n`);
  };
}

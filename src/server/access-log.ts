/**
 * The opt-in access log (`accessLog: true`): one JSON line per request with
 * the time, method, route, status and duration, and nothing about who asked.
 * No address, user agent, referrer, origin, query string, cookie, body or id
 * is written: the route is the pattern that matched
 * (`/v1/admin/sites/:site/leads`), not the path that was asked for, and a
 * path no route knows is written with `route: null`.
 *
 * Every app the server answers with (the collector, the console) mounts it
 * first, so a request refused by a guard (a 401, a 413, a 429) is written
 * with the route it was refused for.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { matchedRoutes } from 'hono/route';

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

type Handler = ((...args: never[]) => unknown) & { __COMPOSED_HANDLER?: Handler };

/** A middleware takes `(c, next)`; a route's handler takes `(c)` (Hono's own test). */
function isMiddleware(handler: Handler): boolean {
  let target = handler;
  // A sub-app's handler mounted with its own error handler is wrapped; look inside.
  while (target.__COMPOSED_HANDLER !== undefined) target = target.__COMPOSED_HANDLER;
  return target.length > 1;
}

/**
 * The pattern of the route the request was for: the last matching route
 * handler's, even when a guard answered before it ran; else the pattern of
 * the guard that answered (a CORS preflight), unless that is a catch-all.
 */
export function routePattern(c: Context): string | null {
  const routes = matchedRoutes(c);
  for (let index = routes.length - 1; index >= 0; index -= 1) {
    const route = routes[index];
    if (route !== undefined && !isMiddleware(route.handler as Handler)) return route.path;
  }
  const answered = routes[c.req.routeIndex]?.path ?? '';
  return answered === '' || answered.endsWith('*') ? null : answered;
}

export function accessLog({
  write = (line) => process.stdout.write(line),
  now = () => performance.now(),
}: AccessLogOptions = {}): MiddlewareHandler {
  return async (c, next) => {
    const started = now();
    await next();
    const entry: AccessLogEntry = {
      time: new Date().toISOString(),
      method: c.req.method,
      route: routePattern(c),
      status: c.res.status,
      ms: Math.round((now() - started) * 10) / 10,
    };
    write(`${JSON.stringify(entry)}\n`);
  };
}

/**
 * The site owner's console (contract §9): its pages at `/admin/` and its
 * JSON API at `/v1/admin/`, plus the built widget at `/widget/`. Every API
 * call but signing in needs a valid session; every state change must come
 * from the console's own origin; a site the user may not see is answered
 * exactly like one that does not exist (404).
 */
import type { HttpBindings } from '@hono/node-server';
import { getConnInfo } from '@hono/node-server/conninfo';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { signInRequest } from '../../protocol/admin';
import { accessLog } from '../access-log';
import { findUnstorableText, unstorableTextMessage } from '../find-unstorable-text';
import { type AdminEnv, type AdminServices, issuesOf, problem } from './admin-context';
import type { BuiltFile } from './built-files';
import { consolePages } from './console-pages';
import { createSignInLimiter } from './create-sign-in-limiter';
import { leadRoutes } from './lead-routes';
import type { PasswordHasher } from './password-hasher';
import {
  apiCsp,
  isCrossSiteRequest,
  isHttps,
  ownOrigin,
  setSecurityHeaders,
} from './request-security';
import { serveWidget } from './serve-widget';
import { hashSessionToken, newSessionToken, sessionTokenPattern } from './session-token';
import { siteRoutes } from './site-routes';
import { webhookRoutes } from './webhook-routes';

/** The session cookie's name over https: `__Host-` binds it to this host and path `/`, Secure. */
export const secureCookieName = '__Host-samtal-session';
/** Over plain http (local use), where `__Host-` cookies cannot be set. */
export const plainCookieName = 'samtal-session';

const maxAdminBodyBytes = 16 * 1024;

export interface AdminAppOptions {
  services: AdminServices;
  hasher: PasswordHasher;
  /** The built console's files by path (`index.html`, `assets/…`); empty when not built. */
  consoleFiles: ReadonlyMap<string, BuiltFile>;
  /** The built widget's files (`samtal.js`, `chunks/…`). */
  widgetFiles: ReadonlyMap<string, BuiltFile>;
}

/** Paths this app answers; everything else is the collector's. */
export function isAdminPath(path: string): boolean {
  return (
    path === '/admin' ||
    path.startsWith('/admin/') ||
    path === '/v1/admin' ||
    path.startsWith('/v1/admin/') ||
    path.startsWith('/widget/')
  );
}

export function createAdminApp({
  services,
  hasher,
  consoleFiles,
  widgetFiles,
}: AdminAppOptions): Hono<{ Bindings: HttpBindings }> {
  const { config, users, leads, rights, now } = services;
  const settings = config.console;
  const security = { trustProxy: config.trustProxy, settings };
  const idleMs = settings.sessionIdleMinutes * 60_000;
  const maxMs = settings.sessionMaxHours * 3_600_000;
  const limiter = createSignInLimiter({
    perAddress: settings.signInAttemptsPerAddress,
    perAccount: settings.signInAttemptsPerAccount,
    now,
  });

  const app = new Hono<AdminEnv>();
  const api = new Hono<AdminEnv>();
  // First, so every console request is written, whichever guard answers it.
  if (config.accessLog) app.use(accessLog());

  function clientAddress(c: Parameters<typeof isHttps>[0]): string {
    if (config.trustProxy) {
      const forwarded = c.req.header('x-forwarded-for')?.split(',').at(-1)?.trim();
      if (forwarded) return forwarded;
    }
    return getConnInfo(c).remote.address ?? '';
  }

  function readToken(c: Parameters<typeof isHttps>[0]): string | null {
    const token = getCookie(c, secureCookieName) ?? getCookie(c, plainCookieName);
    return token !== undefined && sessionTokenPattern.test(token) ? token : null;
  }

  function clearCookie(c: Parameters<typeof isHttps>[0]): void {
    if (isHttps(c, security))
      deleteCookie(c, secureCookieName, {
        path: '/',
        secure: true,
        httpOnly: true,
        sameSite: 'Strict',
      });
    else deleteCookie(c, plainCookieName, { path: '/', httpOnly: true, sameSite: 'Strict' });
  }

  /** The valid session behind the request's cookie, or null; an expired one is deleted. */
  async function resolveSession(c: Parameters<typeof isHttps>[0]) {
    const token = readToken(c);
    if (token === null) return null;
    const tokenHash = hashSessionToken(token);
    const user = await users.findSession(tokenHash);
    if (user === null) return null;
    const time = now();
    if (time - user.lastSeenAt >= idleMs || time - user.createdAt >= maxMs) {
      await users.deleteSession(tokenHash);
      return null;
    }
    // One write a minute at most: enough for an idle limit counted in minutes.
    if (time - user.lastSeenAt >= 60_000) await users.touchSession(tokenHash, time);
    return { tokenHash, user };
  }

  api.use('*', async (c, next) => {
    setSecurityHeaders(c, apiCsp, isHttps(c, security));
    c.header('Cache-Control', 'no-store');
    c.header('Vary', 'Cookie, Origin');
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') {
      if (isCrossSiteRequest(c, security)) {
        return problem(
          c,
          403,
          'cross-origin-request',
          'State changes are accepted only from the console itself.',
        );
      }
      const hasBody = c.req.method === 'POST' || c.req.method === 'PUT' || c.req.method === 'PATCH';
      const type = (c.req.header('content-type') ?? '').split(';', 1)[0]?.trim().toLowerCase();
      if (hasBody && type !== 'application/json') {
        return problem(c, 415, 'unsupported-media-type', 'Send the body as application/json.');
      }
    }
    return next();
  });
  api.use(
    '*',
    bodyLimit({
      maxSize: maxAdminBodyBytes,
      onError: (c) =>
        problem(c, 413, 'body-too-large', `The body may be at most ${maxAdminBodyBytes} bytes.`),
    }),
  );

  // Text a database cannot store is refused here, for every route, rather than failing there.
  api.use('*', async (c, next) => {
    if (c.req.method !== 'POST' && c.req.method !== 'PUT' && c.req.method !== 'PATCH')
      return next();
    // Read once and cached by Hono: the route's own c.req.json() gets the same value.
    const body: unknown = await c.req.json().catch(() => undefined);
    const path = findUnstorableText(body);
    if (path === null) return next();
    return problem(c, 400, 'invalid-body', 'The body does not match the API.', [
      { path, message: unstorableTextMessage },
    ]);
  });

  api.post('/session', async (c) => {
    const parsed = signInRequest.safeParse(await c.req.json().catch(() => undefined));
    if (!parsed.success)
      return problem(c, 400, 'invalid-body', 'Send { email, password }.', issuesOf(parsed.error));
    const email = parsed.data.email.trim().toLowerCase();
    const address = clientAddress(c);
    const decision = limiter.attempt(address, email);
    if (!decision.allowed) {
      c.header('Retry-After', String(decision.retryAfterSeconds));
      return problem(
        c,
        429,
        'rate-limited',
        'Too many failed sign-ins; try again after Retry-After seconds.',
      );
    }
    const credentials = await users.findCredentials(email);
    // An unknown address costs one full hash too, so the answer's timing says nothing.
    const check = await hasher.verify(parsed.data.password, credentials?.passwordHash ?? null);
    if (credentials === null || !check.valid) {
      return problem(c, 401, 'invalid-credentials', 'The email address or password is wrong.');
    }
    limiter.succeed(address, email, decision.at);
    if (check.needsRehash)
      await users.setPasswordHash(
        credentials.userId,
        await hasher.hash(parsed.data.password),
        now(),
      );
    // A new token at every sign-in, and the one the browser came with (if any) is void:
    // a session planted before sign-in (fixation) never becomes a signed-in one.
    const previous = readToken(c);
    if (previous !== null) await users.deleteSession(hashSessionToken(previous));
    const token = newSessionToken();
    await users.createSession(
      { tokenHash: hashSessionToken(token), userId: credentials.userId },
      now(),
    );
    const https = isHttps(c, security);
    if (https)
      setCookie(c, secureCookieName, token, {
        path: '/',
        secure: true,
        httpOnly: true,
        sameSite: 'Strict',
      });
    else setCookie(c, plainCookieName, token, { path: '/', httpOnly: true, sameSite: 'Strict' });
    return c.body(null, 204);
  });

  api.use('*', async (c, next) => {
    const session = await resolveSession(c);
    if (session === null) {
      if (readToken(c) !== null) clearCookie(c);
      return problem(c, 401, 'unauthenticated', 'Sign in first: no valid session.');
    }
    c.set('session', session);
    return next();
  });

  api.delete('/session', async (c) => {
    await users.deleteSession(c.get('session').tokenHash);
    clearCookie(c);
    return c.body(null, 204);
  });

  api.get('/me', async (c) => {
    const { user } = c.get('session');
    const time = now();
    const fresh = await leads.newCounts(user.sites);
    const open = await rights.openCounts(user.sites, time);
    return c.json({
      email: user.email,
      sites: user.sites.map((id) => ({
        id,
        newLeads: fresh.get(id) ?? 0,
        openRights: open.get(id)?.open ?? 0,
        overdueRights: open.get(id)?.overdue ?? 0,
      })),
      conversationsStored: config.storeConversations,
    });
  });

  // Another site's data, or a site that does not exist: the same 404, so ids cannot be probed.
  api.use('/sites/:site/*', async (c, next) => {
    if (!c.get('session').user.sites.includes(c.req.param('site')))
      return problem(c, 404, 'not-found', 'No such site.');
    return next();
  });
  api.use('/sites/:site', async (c) => problem(c, 404, 'not-found', 'No such endpoint.'));

  leadRoutes(api, services);
  siteRoutes(api, services);
  webhookRoutes(api, services, { originOf: (c) => ownOrigin(c, security) });

  api.notFound((c) => problem(c, 404, 'not-found', 'No such endpoint.'));

  app.route('/v1/admin', api);
  consolePages(app, {
    files: consoleFiles,
    security,
    signedIn: async (c) => (await resolveSession(c))?.user ?? null,
  });
  serveWidget(app as unknown as Hono, widgetFiles);

  app.notFound((c) => problem(c, 404, 'not-found', 'No such endpoint.'));
  app.onError((error, c) => {
    console.error('samtal-server (console):', error);
    return problem(c, 500, 'internal-error', 'The server failed to handle the request.');
  });
  return app as unknown as Hono<{ Bindings: HttpBindings }>;
}

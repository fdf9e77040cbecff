/**
 * What the console knows about a request's security: whether it came over
 * https, the console's own origin, whether a state change came from it
 * (CSRF), and the headers every console answer carries.
 */
import type { Context } from 'hono';
import type { ConsoleSettings } from './console-settings';

export interface RequestSecurityOptions {
  trustProxy: boolean;
  settings: Pick<ConsoleSettings, 'origin'>;
}

const firstValue = (header: string | undefined) =>
  header?.split(',')[0]?.trim().toLowerCase() || undefined;

/** True when the browser reached the console over https (directly, or through a trusted proxy). */
export function isHttps(c: Context, { trustProxy, settings }: RequestSecurityOptions): boolean {
  if (settings.origin !== undefined) return settings.origin.startsWith('https:');
  if (trustProxy && firstValue(c.req.header('x-forwarded-proto')) === 'https') return true;
  return new URL(c.req.url).protocol === 'https:';
}

/** `https://host[:port]` as the browser sees the console. */
export function ownOrigin(c: Context, options: RequestSecurityOptions): string {
  if (options.settings.origin !== undefined) return options.settings.origin;
  const host =
    (options.trustProxy && firstValue(c.req.header('x-forwarded-host'))) ||
    c.req.header('host') ||
    new URL(c.req.url).host;
  return `${isHttps(c, options) ? 'https' : 'http'}://${host.toLowerCase()}`;
}

/**
 * Refuses a state change that a browser sent on another site's behalf
 * (OWASP CSRF Prevention: verify the origin with standard headers). A
 * browser always sends `Origin` with POST, PUT and DELETE, so it must be
 * ours; `Sec-Fetch-Site`, when present, must say same-origin. A request with
 * neither is not from a browser (curl, a script) and carries no browser's
 * cookies, so it cannot be a forgery; the session cookie's SameSite=Strict
 * is the second wall for browsers too old to send either header.
 */
export function isCrossSiteRequest(c: Context, options: RequestSecurityOptions): boolean {
  const origin = c.req.header('origin');
  if (origin !== undefined) return origin.toLowerCase() !== ownOrigin(c, options);
  const site = firstValue(c.req.header('sec-fetch-site'));
  return site !== undefined && site !== 'same-origin' && site !== 'none';
}

/** The console's pages: scripts and styles from its own files only, never framed, no referrer. */
export const pageCsp = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "font-src 'self'",
  "connect-src 'self'",
  "manifest-src 'self'",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** API answers are data, never a document to render or frame. */
export const apiCsp = "default-src 'none'; frame-ancestors 'none'";

/** Headers on every console answer, page or API. */
export function setSecurityHeaders(c: Context, csp: string, https: boolean): void {
  c.header('Content-Security-Policy', csp);
  c.header('Referrer-Policy', 'no-referrer');
  c.header('X-Content-Type-Options', 'nosniff');
  c.header('X-Frame-Options', 'DENY');
  c.header('Cross-Origin-Opener-Policy', 'same-origin');
  c.header('Cross-Origin-Resource-Policy', 'same-origin');
  c.header('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=()');
  if (https) c.header('Strict-Transport-Security', 'max-age=31536000');
}

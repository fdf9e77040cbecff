/**
 * Turns a URL into the least that still answers "which page": the path, with
 * anything that looks personal masked, and only the query parameters a site
 * chose to keep (`data-keep-params`). Pure: no window, no location.
 *
 * Paths carry personal data more often than one would hope: password-reset
 * tokens, `/users/anna@example.se`, `/kund/19900101-1234`. Masks read like
 * route parameters (`/users/:email`), so reports still group pages well.
 */

import { findPersonalData, fullyDecoded, isPersonalParamName } from '../protocol/personal-data';

/** What a page URL becomes in telemetry. */
export interface MinimisedUrl {
  path: string;
  /** Kept parameters, present only when the site keeps some and the URL has them. */
  params?: Record<string, string>;
}

const maxPathLength = 512;
const maxParamLength = 200;
const emailLike = /[^\s/@]+@[^\s/@]+\.[^\s/@]+/g;
// Swedish personnummer / samordningsnummer shapes (YYMMDD-NNNN, YYYYMMDDNNNN)
// and any other run of six or more digits: phone numbers, customer numbers.
const personalNumberLike = /\d{6}(?:\d{2})?[-+]\d{4}|\d{6,}/g;
const tokenCandidate = /[A-Za-z0-9_-]{16,}/g;

/**
 * A long run that reads like a machine token rather than a slug: many digits
 * (hex ids, UUIDs), or digits mixed with both letter cases (base64, JWT).
 * `summer-sale-2024-final` stays; `9f86d081884c7d65` and `eyJhbGciOi1Jz` go.
 */
function isTokenLike(run: string): boolean {
  const letters = run.replace(/[^A-Za-z]/g, '');
  const digits = run.replace(/\D/g, '').length;
  const compact = letters.length + digits;
  if (digits === 0 || compact === 0) return false;
  // Hyphenated words are a slug (`iPhone-15-Pro-review`), not base64.
  const base64Like = !run.includes('-') && /[a-z]/.test(letters) && /[A-Z]/.test(letters);
  return digits / compact >= 0.3 || (base64Like && digits >= 2);
}

/** Masks what looks personal in one piece of text (a path segment or a kept value). */
export function maskPersonalData(text: string): string {
  return text
    .replace(emailLike, ':email')
    .replace(tokenCandidate, (run) => (isTokenLike(run) ? ':token' : run))
    .replace(personalNumberLike, ':number');
}

function decodeSafely(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function minimiseSegment(segment: string): string {
  // Decoded as often as the collector decodes it (`%2540` is an escaped `%40`).
  const decoded = fullyDecoded(segment);
  let masked = maskPersonalData(decoded);
  // What the masks leave and the collector would still refuse (a card number
  // written in groups, an IBAN with spaces) goes as a whole.
  if (findPersonalData(masked) !== null) masked = ':personal';
  if (masked === decoded && decoded === decodeSafely(segment)) return segment;
  // Re-encoded so a decoded `?`, `#` or space can never end up in the path.
  return encodeURIComponent(masked).replaceAll('%3A', ':');
}

/** Minimises a path (`/a/b`), masking each segment. Always starts with `/`. */
export function minimisePath(pathname: string): string {
  const path = `/${pathname.replace(/^\/+/, '')}`.replace(/[?#\s].*$/, '');
  const minimised = path.split('/').map(minimiseSegment).join('/');
  if (minimised.length <= maxPathLength) return minimised;
  // Never cut a %XX escape in half.
  return minimised.slice(0, maxPathLength).replace(/%[0-9A-Fa-f]?$/, '');
}

/**
 * Minimises `href` (resolved against `base`): the masked path, plus the
 * parameters named in `keepParams`, their values masked too. Returns null for
 * anything that is not an http(s) URL.
 */
export function minimiseUrl(
  href: string,
  base: string,
  keepParams: readonly string[],
): MinimisedUrl | null {
  let url: URL;
  try {
    url = new URL(href, base);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  const path = minimisePath(url.pathname);
  const params: Record<string, string> = {};
  for (const name of keepParams) {
    // The collector refuses these (contract §4), whatever a site lists in data-keep-params.
    if (isPersonalParamName(name)) continue;
    const value = url.searchParams.get(name);
    if (value === null) continue;
    const masked = maskPersonalData(fullyDecoded(value)).slice(0, maxParamLength);
    // A phone number, or a number the masks left, is dropped with its name (contract §4).
    if (findPersonalData(masked, { phone: true }) === null) params[name] = masked;
  }
  return Object.keys(params).length > 0 ? { path, params } : { path };
}

/**
 * The origin of `href` when it is an http(s) URL on another origin than
 * `ownOrigin`; null otherwise (same site, unreadable, `mailto:`, …).
 */
export function foreignOrigin(href: string, ownOrigin: string): string | null {
  try {
    const url = new URL(href);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    return url.origin === ownOrigin ? null : url.origin;
  } catch {
    return null;
  }
}

/**
 * What the config allows, shared by the zod schema that defines the config
 * (`config-schema.ts`) and the checks the boot runs (`check-config.ts`).
 * Plain values and functions, so the boot can import them without the schema.
 */

/** Contact fields a site may ask for. */
export const fieldNames = ['name', 'email', 'phone', 'orgnr'] as const;

/** Kinds of data the chat redacts before a message leaves the browser. */
export const redactionKinds = ['personnummer', 'card', 'iban'] as const;

function parseUrl(value: string): URL | null {
  // Not URL.canParse: the widget supports browsers from before it (Chrome 90, Safari 15).
  try {
    return new URL(value);
  } catch {
    return null;
  }
}

/**
 * True for an `https:` URL, or `http:` on the visitor's own machine
 * (`localhost`, `127.0.0.1`) so developers can run a collector locally.
 */
export function isAllowedEndpoint(value: string): boolean {
  const url = parseUrl(value);
  if (url === null || url.username || url.password || url.search || url.hash) return false;
  if (url.protocol === 'https:') return true;
  return url.protocol === 'http:' && (url.hostname === 'localhost' || url.hostname === '127.0.0.1');
}

/** True for an absolute http(s) URL or a path on this site (`/…`, not `//host`). */
export function isPolicyUrl(value: string): boolean {
  return (/^https?:\/\//.test(value) && parseUrl(value) !== null) || /^\/(?!\/)\S*$/.test(value);
}

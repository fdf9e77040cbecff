/**
 * `textHash` of a consent receipt (contract §3): lower-case hex SHA-256 of
 * `JSON.stringify(texts)`, the exact texts the visitor was shown, in the
 * order shown. A JSON array keeps the boundaries between texts, so a
 * collector holding the texts of a release can recompute and compare it.
 *
 * The JSON is written by `writeJson` and the hex by hand: a host page's
 * `Array.prototype.toJSON` (Prototype.js) or `Array.from` without a mapping
 * function (MooTools) would otherwise give a hash no collector can recompute.
 */
import { writeJson } from '../protocol/write-json';

/** Hashes the texts shown; Web Crypto, available in every secure context. */
export async function hashConsentTexts(
  texts: readonly string[],
  subtle: SubtleCrypto = globalThis.crypto.subtle,
): Promise<string> {
  const digest = new Uint8Array(
    await subtle.digest('SHA-256', new TextEncoder().encode(writeJson(texts))),
  );
  let hex = '';
  for (let index = 0; index < digest.length; index++) {
    hex += (digest[index] as number).toString(16).padStart(2, '0');
  }
  return hex;
}

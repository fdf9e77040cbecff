/**
 * `textHash` of a consent receipt (contract §3): lower-case hex SHA-256 of
 * `JSON.stringify(texts)`, the exact texts the visitor was shown, in the
 * order shown. A JSON array keeps the boundaries between texts, so a
 * collector holding the texts of a release can recompute and compare it.
 */

/** Hashes the texts shown; Web Crypto, available in every secure context. */
export async function hashConsentTexts(
  texts: readonly string[],
  subtle: SubtleCrypto = globalThis.crypto.subtle,
): Promise<string> {
  const digest = await subtle.digest('SHA-256', new TextEncoder().encode(JSON.stringify(texts)));
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

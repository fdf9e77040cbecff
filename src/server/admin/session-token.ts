/**
 * Console session tokens. The browser holds 256 random bits; the database
 * holds only their SHA-256, so a leaked table or backup signs nobody in. A
 * fast hash is enough here: the token is random, not a password to guess.
 */
import { createHash, randomBytes } from 'node:crypto';

/** A new session token, base64url, 43 characters. */
export function newSessionToken(): string {
  return randomBytes(32).toString('base64url');
}

/** The form a token is stored and looked up in. */
export function hashSessionToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** A token as `newSessionToken` makes it; anything else is not looked up at all. */
export const sessionTokenPattern = /^[A-Za-z0-9_-]{43}$/;

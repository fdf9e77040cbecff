/**
 * Password hashing for console users with scrypt from `node:crypto`: memory-
 * hard (RFC 7914), in Node itself (no native add-on to build, unlike argon2),
 * and on OWASP's list of acceptable password hashes with N=2^17, r=8, p=1
 * (OWASP Password Storage Cheat Sheet). Stored as a PHC-style string,
 * `$scrypt$ln=17,r=8,p=1$<salt>$<hash>` (base64, no padding), so the cost can
 * rise later without breaking existing hashes: `verify` reads the parameters
 * from the string and says when a hash should be renewed.
 */
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

/** scrypt's cost parameters: N = 2^ln, block size r, parallelism p. */
export interface ScryptCost {
  ln: number;
  r: number;
  p: number;
}

/** OWASP's recommended minimum: 128 MiB and about a quarter second per hash on a server core. */
export const defaultScryptCost: ScryptCost = { ln: 17, r: 8, p: 1 };

const saltBytes = 16;
const keyBytes = 32;
const phc =
  /^\$scrypt\$ln=(\d{1,2}),r=(\d{1,2}),p=(\d{1,2})\$([A-Za-z0-9+/]{16,64})\$([A-Za-z0-9+/]{32,128})$/;

/** What checking a password found. */
export interface PasswordCheck {
  valid: boolean;
  /** The hash was made with a lower cost than today's: store `hash(password)` anew. */
  needsRehash: boolean;
}

export interface PasswordHasher {
  /** A new salted hash of `password`, as the PHC-style string to store. */
  hash(password: string): Promise<string>;
  /**
   * Checks `password` against a stored hash, in constant time for the
   * comparison. With `stored === null` (no such user) it still does the full
   * work against a dummy hash, so the answer takes as long as for a real user.
   */
  verify(password: string, stored: string | null): Promise<PasswordCheck>;
}

function derive(password: string, salt: Buffer, cost: ScryptCost): Promise<Buffer> {
  const N = 2 ** cost.ln;
  return new Promise((resolve, reject) => {
    // maxmem must cover 128·N·r bytes, which is above Node's 32 MiB default at ln=17.
    scrypt(
      password.normalize('NFC'),
      salt,
      keyBytes,
      { N, r: cost.r, p: cost.p, maxmem: 256 * N * cost.r },
      (error, key) => (error ? reject(error) : resolve(key)),
    );
  });
}

const b64 = (bytes: Buffer) => bytes.toString('base64').replace(/=+$/, '');

/** Makes a hasher; tests pass a low `cost` to stay fast, everything else keeps the default. */
export function createPasswordHasher({
  cost = defaultScryptCost,
}: {
  cost?: ScryptCost;
} = {}): PasswordHasher {
  let dummy: Promise<string> | null = null;

  async function hash(password: string): Promise<string> {
    const salt = randomBytes(saltBytes);
    const key = await derive(password, salt, cost);
    return `$scrypt$ln=${cost.ln},r=${cost.r},p=${cost.p}$${b64(salt)}$${b64(key)}`;
  }

  async function verify(password: string, stored: string | null): Promise<PasswordCheck> {
    dummy ??= hash(randomBytes(18).toString('base64'));
    const match = phc.exec(stored ?? (await dummy));
    if (match === null) return { valid: false, needsRehash: false };
    const [, ln = '', r = '', p = '', salt = '', expected = ''] = match;
    const used = { ln: Number(ln), r: Number(r), p: Number(p) };
    if (used.ln < 10 || used.ln > 20 || used.r < 1 || used.p < 1 || used.p > 16) {
      return { valid: false, needsRehash: false };
    }
    const key = await derive(password, Buffer.from(salt, 'base64'), used);
    const want = Buffer.from(expected, 'base64');
    const valid = stored !== null && want.length === key.length && timingSafeEqual(key, want);
    const weaker = used.ln < cost.ln || used.r < cost.r || used.p < cost.p;
    return { valid, needsRehash: valid && weaker };
  }

  return { hash, verify };
}

/** The email field: the address as typed, with the domain in its one canonical form. */
import { z } from '../protocol/zod-setup';
import type { FieldResult } from './field-result';

/** Why an email address was refused. */
export type EmailError = 'email-required' | 'email-invalid';

/** Longest address SMTP allows (RFC 5321, a path of 256 minus the angle brackets). */
export const maxEmailLength = 254;

const emailSchema = z.email();

// Anything that would make `URL` read the domain as more than a host name (a
// port, a path, credentials) is refused before it gets that far.
const hostCharacters = /^[^\s/?#:@\\[\]%]+$/u;

/**
 * Lower-cases and punycodes the domain, so `Anna.Ostrom+chat@Exempel.SE` gives
 * `Anna.Ostrom+chat@exempel.se` and `anna@bläck.se` gives
 * `anna@xn--blck-moa.se`. The local part is kept exactly as typed: some mail
 * servers treat its case as significant, and `+tags` route mail.
 */
export function parseEmail(input: string): FieldResult<string, EmailError> {
  const trimmed = input.trim();
  if (trimmed === '') return { success: false, error: 'email-required' };
  const at = trimmed.lastIndexOf('@');
  const domain = trimmed.slice(at + 1);
  if (at < 1 || !hostCharacters.test(domain)) return { success: false, error: 'email-invalid' };
  let asciiDomain: string;
  try {
    // URL applies IDNA (UTS #46) in both browsers and Node: lower-casing,
    // mapping and punycode, without a punycode library in the bundle.
    asciiDomain = new URL(`http://${domain}`).hostname;
  } catch {
    return { success: false, error: 'email-invalid' };
  }
  const email = `${trimmed.slice(0, at)}@${asciiDomain}`;
  if (email.length > maxEmailLength || !emailSchema.safeParse(email).success) {
    return { success: false, error: 'email-invalid' };
  }
  return { success: true, data: email };
}

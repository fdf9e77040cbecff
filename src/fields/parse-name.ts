/** The name field: how a person writes their name, in any script, and nothing else. */
import type { FieldResult } from './field-result';

/** Why a name was refused. */
export type NameError = 'name-required' | 'name-too-long' | 'name-characters';

/** Longest name accepted, in UTF-16 code units as the wire schema counts them. */
export const maxNameLength = 100;

// Letters and combining marks of every script, space, apostrophes (' ’ ʼ),
// hyphens (- ‐) and dot. Everything else, including control characters and
// `<` `>`, is refused rather than stripped, so what is sent is what was typed.
const namePattern = /^[\p{L}\p{M} '’ʼ\-‐.]+$/u;

/**
 * NFC-normalises, trims and collapses inner spaces, then checks the
 * characters and the length. `"  Åsa   Öberg "` (NFC or NFD) gives `Åsa Öberg`.
 */
export function parseName(input: string): FieldResult<string, NameError> {
  const name = input
    .normalize('NFC')
    .trim()
    .replace(/\p{Zs}+/gu, ' ');
  if (name === '') return { success: false, error: 'name-required' };
  if (!namePattern.test(name)) return { success: false, error: 'name-characters' };
  if (name.length > maxNameLength) return { success: false, error: 'name-too-long' };
  return { success: true, data: name };
}

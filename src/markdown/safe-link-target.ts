/**
 * The link targets a reply may carry (contract §5): http and https URLs,
 * mailto addresses and tel numbers. Anything else (`javascript:`, `data:`,
 * relative paths, protocol-relative `//host`) is refused, and so is a target
 * with whitespace, quotes, angle brackets or backticks, which no real URL
 * needs and attacks on attribute parsing do.
 */
const safeHref =
  /^(?:https?:\/\/[^\s<>"`\p{Cc}]+|mailto:[^\s<>"`/:\p{Cc}]+@[^\s<>"`/\p{Cc}]+|tel:\+?[\d\s().-]{3,32})$/iu;

/** The href when `target` is an allowed link target, else null. */
export function safeLinkTarget(target: string): string | null {
  const trimmed = target.trim();
  return safeHref.test(trimmed) ? trimmed : null;
}

/**
 * Shortens a client address before it is stored, so it says roughly where a
 * visit came from (an ISP, a company network) and not which device. /24 for
 * IPv4 and /48 for IPv6 are the common anonymisation prefixes (they match what
 * Matomo and Plausible-style tools keep).
 */
import { isIPv4, isIPv6 } from 'node:net';

/** The address with its host part zeroed: `192.0.2.0`, `2001:db8:1::`; null if it is not an IP address. */
export function truncateIp(address: string): string | null {
  const mapped = address.toLowerCase().startsWith('::ffff:') ? address.slice(7) : address;
  if (isIPv4(mapped)) {
    const [a, b, c] = mapped.split('.');
    return `${a}.${b}.${c}.0`;
  }
  if (isIPv6(address)) {
    const groups = expandIpv6(address).slice(0, 3);
    return `${groups.map((group) => group.replace(/^0+(?=.)/, '')).join(':')}::`;
  }
  return null;
}

/**
 * Who counts as one client for rate limiting: an IPv4 address, or an IPv6
 * /64, the block one subscriber is usually given (RFC 6177), so rotating
 * addresses inside it gains nothing. Anything else is one shared "unknown".
 */
export function clientKey(address: string): string {
  const mapped = address.toLowerCase().startsWith('::ffff:') ? address.slice(7) : address;
  if (isIPv4(mapped)) return mapped;
  if (isIPv6(address)) return `${expandIpv6(address).slice(0, 4).join(':')}::/64`;
  return 'unknown';
}

function expandIpv6(address: string): string[] {
  // A trailing dotted IPv4 part (`::1.2.3.4`) takes two groups; only the first three groups are kept anyway.
  const withoutZone = address.split('%')[0] ?? address;
  const [head = '', tail] = withoutZone.split('::');
  const headGroups = head === '' ? [] : head.split(':');
  const tailGroups = tail === undefined || tail === '' ? [] : tail.split(':');
  const missing = tail === undefined ? 0 : 8 - headGroups.length - tailGroups.length;
  return [...headGroups, ...Array.from({ length: missing }, () => '0'), ...tailGroups].map(
    (group) => group.padStart(4, '0'),
  );
}

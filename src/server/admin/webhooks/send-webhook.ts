/**
 * One POST to a webhook receiver with node:http(s): a 10 s limit, no
 * redirects, at most 1 KB of the answer read. Unless private networks are
 * allowed, the receiver's address is checked after DNS resolution, inside the
 * connection's own lookup, so a name cannot point at 127.0.0.1, 10.0.0.0/8 or
 * a cloud metadata address (server-side request forgery), not even by
 * changing its answer between a check and the connection.
 */
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { BlockList, isIP } from 'node:net';

/** The receiver's answer, or why there was none. */
export type SendResult =
  | { ok: boolean; status: number }
  | { ok: false; status: null; error: string };

export interface SendOptions {
  allowPrivateNetworks: boolean;
  timeoutMs?: number;
}

const privateRanges = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 3],
] as const) {
  privateRanges.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['::ffff:0:0', 96],
  ['64:ff9b::', 96],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const) {
  privateRanges.addSubnet(network, prefix, 'ipv6');
}

/** True for loopback, private, link-local, shared, multicast and other non-public addresses. */
export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return true;
  return privateRanges.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

function guardedLookup(hostname: string, options: object, callback: LookupCallback): void {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, []);
    const list = addresses as LookupAddress[];
    const blocked = list.find((entry) => isPrivateAddress(entry.address));
    if (blocked) {
      const refusal: NodeJS.ErrnoException = new Error(
        `the receiver resolves to a private address (${blocked.address})`,
      );
      refusal.code = 'EPRIVATE';
      return callback(refusal, []);
    }
    if ((options as { all?: boolean }).all) return callback(null, list);
    const first = list[0];
    if (!first) return callback(new Error('no address'), []);
    callback(null, first.address, first.family);
  });
}

export function sendWebhook(
  url: string,
  headers: Record<string, string>,
  body: string,
  { allowPrivateNetworks, timeoutMs = 10_000 }: SendOptions,
): Promise<SendResult> {
  return new Promise((resolve) => {
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      resolve({ ok: false, status: null, error: 'not a URL' });
      return;
    }
    if (target.protocol !== 'https:' && target.protocol !== 'http:') {
      resolve({ ok: false, status: null, error: 'only http(s) URLs' });
      return;
    }
    const literal = target.hostname.replace(/^\[|\]$/g, '');
    if (!allowPrivateNetworks && isIP(literal) !== 0 && isPrivateAddress(literal)) {
      resolve({ ok: false, status: null, error: `the receiver is a private address (${literal})` });
      return;
    }
    const request = (target.protocol === 'https:' ? httpsRequest : httpRequest)(
      target,
      {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Samtal-Webhook/1',
          ...headers,
          'content-length': Buffer.byteLength(body),
        },
        timeout: timeoutMs,
        ...(allowPrivateNetworks ? {} : { lookup: guardedLookup as never }),
      },
      (response) => {
        let read = 0;
        response.on('data', (chunk: Buffer) => {
          read += chunk.length;
          if (read > 1024) response.destroy();
        });
        const status = response.statusCode ?? 0;
        const done = () => resolve({ ok: status >= 200 && status < 300, status });
        response.on('end', done);
        response.on('close', done);
        response.on('error', done);
      },
    );
    request.on('timeout', () =>
      request.destroy(new Error(`no answer within ${timeoutMs / 1000} s`)),
    );
    request.on('error', (error) =>
      resolve({ ok: false, status: null, error: error.message.slice(0, 200) }),
    );
    request.end(body);
  });
}

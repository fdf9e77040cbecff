/**
 * How many queued events go in one request: as many as fit, oldest first,
 * up to the protocol's 100 events and a byte budget for the whole body
 * (60 KB, under the collector's 64 KiB limit and, for keepalive requests,
 * under the browser's 64 KiB for all keepalive bodies in flight:
 * https://fetch.spec.whatwg.org/#http-network-or-cache-fetch, step 8.10.5).
 */
import { maxBatchEvents, type TelemetryEvent } from '../protocol/events';
import { writeJson } from '../protocol/write-json';

/** The largest body one batch may have, in bytes of UTF-8 JSON. */
export const maxBatchBytes = 60_000;

const encoder = new TextEncoder();

/** Bytes of `value` as UTF-8 JSON. */
export function jsonBytes(value: unknown): number {
  return encoder.encode(writeJson(value)).length;
}

/**
 * The longest run of `events`, from the first, whose batch body stays within
 * `maxBytes` (`envelopeBytes` is the body with no events). Empty when not
 * even the first event fits.
 */
export function takeBatch(
  events: readonly TelemetryEvent[],
  envelopeBytes: number,
  maxBytes: number = maxBatchBytes,
): TelemetryEvent[] {
  let bytes = envelopeBytes;
  let count = 0;
  for (const event of events) {
    if (count === maxBatchEvents) break;
    // A comma between events, except before the first.
    bytes += jsonBytes(event) + (count > 0 ? 1 : 0);
    if (bytes > maxBytes) break;
    count += 1;
  }
  return events.slice(0, count);
}

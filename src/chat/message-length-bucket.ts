/** Telemetry learns how long a message was in coarse buckets (protocol/events), never its text. */
import type { lengthBucket } from '../protocol/events';
import type { z } from '../protocol/zod-setup';

export type LengthBucket = z.infer<typeof lengthBucket>;

/** The bucket of a message of `length` characters. */
export function messageLengthBucket(length: number): LengthBucket {
  if (length <= 20) return '1-20';
  if (length <= 80) return '21-80';
  if (length <= 200) return '81-200';
  return '201+';
}

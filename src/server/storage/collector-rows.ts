/**
 * Stored rows as they come back from either engine, parsed into the wire
 * shapes (contract §3–4) instead of cast. A row that no longer parses is
 * reported, not trusted: the caller decides what to do with it.
 */
import {
  type ConsentReceipt,
  consentReceipt,
  type Lead,
  lead,
  type TelemetryEvent,
  telemetryEvent,
} from '../../protocol';
import { z } from '../zod-messages';

/** Epoch milliseconds (bigint on PostgreSQL, parsed to a number when read). */
const epochMs = z.int();

/** SQLite stores 0/1; PostgreSQL hands back a boolean. */
const flag = z.pipe(
  z.union([z.boolean(), z.literal(0), z.literal(1)]),
  z.transform((value) => value === true || value === 1),
);

/** JSON text on SQLite, already parsed `jsonb` on PostgreSQL. */
const json = z.pipe(
  z.unknown(),
  z.transform((value, context) => {
    if (typeof value !== 'string') return value;
    try {
      return JSON.parse(value) as unknown;
    } catch {
      context.issues.push({ code: 'custom', message: 'is not valid JSON', input: value });
      return z.NEVER;
    }
  }),
);

const iso = (ms: number): string => new Date(ms).toISOString();

const receiptRow = z.object({
  site: z.string(),
  id: z.string(),
  policy_version: z.string(),
  analytics: flag,
  marketing: flag,
  decided_at: z.string(),
  method: z.string(),
  locale: z.string(),
  text_hash: z.string(),
  received_at: epochMs,
});

const eventRow = z.object({
  site: z.string(),
  visitor_id: z.string(),
  consent_id: z.string(),
  ip_prefix: z.nullable(z.string()),
  received_at: epochMs,
  payload: json,
});

const leadRow = z.object({
  site: z.string(),
  id: z.string(),
  submitted_at: z.string(),
  consent_id: z.nullable(z.string()),
  fields: json,
  received_at: epochMs,
});

const messageRow = z.object({
  site: z.string(),
  conversation_id: z.string(),
  message_id: z.string(),
  sender: z.enum(['visitor', 'bot']),
  text: z.string(),
  received_at: epochMs,
});

const countRow = z.object({
  site: z.string(),
  kind: z.enum(['receipts', 'events', 'leads', 'conversations', 'erasures']),
  n: z.pipe(z.union([z.int(), z.string()]), z.transform(Number)),
});

/** The outcome of reading one row: its wire shape, or why it no longer has one. */
export type RowResult<T> = { success: true; data: T } | { success: false; problem: string };

type Issues = ReadonlyArray<{ path: PropertyKey[]; message: string }>;

function describe(issues: Issues): string {
  return issues
    .map((issue) => `${issue.path.map(String).join('.') || '(row)'}: ${issue.message}`)
    .join('; ');
}

/** Runs `schema` on `input`, mapping both outcomes to a `RowResult`. */
function parseWith<T>(
  schema: {
    safeParse(
      input: unknown,
    ): { success: true; data: T } | { success: false; error: { issues: Issues } };
  },
  input: unknown,
): RowResult<T> {
  const result = schema.safeParse(input);
  return result.success
    ? { success: true, data: result.data }
    : { success: false, problem: describe(result.error.issues) };
}

/** A stored receipt, with when it arrived. */
export type StoredReceipt = ConsentReceipt & { receivedAt: string };

export function readReceiptRow(input: unknown): RowResult<StoredReceipt> {
  const row = parseWith(receiptRow, input);
  if (!row.success) return row;
  const { data } = row;
  const wire = parseWith(consentReceipt, {
    id: data.id,
    site: data.site,
    policyVersion: data.policy_version,
    purposes: { analytics: data.analytics, marketing: data.marketing },
    decidedAt: data.decided_at,
    method: data.method,
    locale: data.locale,
    textHash: data.text_hash,
  });
  return wire.success
    ? { success: true, data: { ...wire.data, receivedAt: iso(data.received_at) } }
    : wire;
}

/** A stored event with the batch facts kept beside it. */
export interface StoredEvent {
  site: string;
  visitorId: string;
  consentId: string;
  ipPrefix: string | null;
  receivedAt: string;
  event: TelemetryEvent;
}

export function readEventRow(input: unknown): RowResult<StoredEvent> {
  const row = parseWith(eventRow, input);
  if (!row.success) return row;
  const { data } = row;
  const event = parseWith(telemetryEvent, data.payload);
  return event.success
    ? {
        success: true,
        data: {
          site: data.site,
          visitorId: data.visitor_id,
          consentId: data.consent_id,
          ipPrefix: data.ip_prefix,
          receivedAt: iso(data.received_at),
          event: event.data,
        },
      }
    : event;
}

/** A stored lead, with when it arrived. */
export type StoredLead = Lead & { receivedAt: string };

export function readLeadRow(input: unknown): RowResult<StoredLead> {
  const row = parseWith(leadRow, input);
  if (!row.success) return row;
  const { data } = row;
  const wire = parseWith(lead, {
    id: data.id,
    site: data.site,
    submittedAt: data.submitted_at,
    ...(data.consent_id === null ? {} : { consentId: data.consent_id }),
    fields: data.fields,
  });
  return wire.success
    ? { success: true, data: { ...wire.data, receivedAt: iso(data.received_at) } }
    : wire;
}

/** A stored chat turn. */
export interface StoredMessage {
  site: string;
  conversationId: string;
  messageId: string;
  from: 'visitor' | 'bot';
  text: string;
  at: string;
}

export function readMessageRow(input: unknown): RowResult<StoredMessage> {
  const row = parseWith(messageRow, input);
  if (!row.success) return row;
  const { data } = row;
  return {
    success: true,
    data: {
      site: data.site,
      conversationId: data.conversation_id,
      messageId: data.message_id,
      from: data.sender,
      text: data.text,
      at: iso(data.received_at),
    },
  };
}

/** One `(site, kind, n)` row of the stats query; throws when the database hands back something else. */
export function readCountRow(input: unknown): z.infer<typeof countRow> {
  return countRow.parse(input);
}

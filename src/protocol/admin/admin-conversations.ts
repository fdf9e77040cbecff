/**
 * `GET /v1/admin/sites/{site}/conversations?day=YYYY-MM-DD[&tz=…]` or `?q=words`,
 * and `…/conversations/{id}`: stored chat transcripts (contract §9), only
 * when the server keeps them.
 */
import { timestamp } from '../common';
import { z } from '../zod-setup';
import { calendarDay } from './site-stats';

/** Longest search text. */
export const maxSearchLength = 200;

export const conversationQuery = z.strictObject({
  day: z.optional(calendarDay),
  q: z.optional(z.string().check(z.minLength(1), z.maxLength(maxSearchLength))),
  tz: z.optional(z.string().check(z.maxLength(64))),
});

const conversationId = z.string().check(z.minLength(1), z.maxLength(100));

export const conversationSummary = z.strictObject({
  id: conversationId,
  startedAt: timestamp,
  lastMessageAt: timestamp,
  messages: z.int().check(z.nonnegative()),
  /** The visitor's first message, cut to 200 characters. */
  preview: z.string().check(z.maxLength(400)),
});

export const conversationList = z.strictObject({
  conversations: z.array(conversationSummary),
  /** True when there were more than the list holds. */
  truncated: z.boolean(),
});

export const transcriptMessage = z.strictObject({
  id: z.string().check(z.maxLength(100)),
  from: z.enum(['visitor', 'bot']),
  text: z.string().check(z.maxLength(20_000)),
  at: timestamp,
});

export const transcript = z.strictObject({
  id: conversationId,
  messages: z.array(transcriptMessage),
});

export type ConversationQuery = z.infer<typeof conversationQuery>;
export type ConversationSummary = z.infer<typeof conversationSummary>;
export type ConversationList = z.infer<typeof conversationList>;
export type Transcript = z.infer<typeof transcript>;

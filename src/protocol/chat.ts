/** `POST {chat}`: one visitor message and the bot's answer (contract §5). */
import { entityId, locale, siteId } from './common';
import { z } from './zod-setup';

/** Longest visitor message the widget sends. */
export const maxMessageLength = 2000;

/** Longest text of one bot reply, in a JSON answer or summed over a stream's deltas. */
export const maxReplyLength = 20_000;

/** Most replies in one answer, JSON or stream. */
export const maxReplies = 20;

/** The request body: exactly these keys, no device, page or visit data. */
export const chatRequest = z.strictObject({
  site: siteId,
  conversationId: entityId,
  message: z.strictObject({
    id: entityId,
    text: z.string().check(z.minLength(1), z.maxLength(maxMessageLength)),
  }),
  locale,
});

/** A button that sends `value` as the visitor's next message. */
export const quickReplyAction = z.strictObject({
  type: z.literal('quick-reply'),
  label: z.string().check(z.minLength(1), z.maxLength(80)),
  value: z.string().check(z.minLength(1), z.maxLength(maxMessageLength)),
});

/** Asks the widget to open the contact form. */
export const contactFormAction = z.strictObject({ type: z.literal('contact-form') });

export const chatAction = z.discriminatedUnion('type', [quickReplyAction, contactFormAction]);

/** Bot replies use ids of their own; any non-empty string up to 128 characters. */
export const replyId = z.string().check(z.minLength(1), z.maxLength(128));

/** One bot reply: Markdown-subset text and optional actions. */
export const chatReply = z.strictObject({
  id: replyId,
  text: z.string().check(z.maxLength(maxReplyLength)),
  actions: z.optional(z.array(chatAction).check(z.maxLength(10))),
});

/** The `application/json` answer. */
export const chatJsonResponse = z.object({
  replies: z.array(chatReply).check(z.maxLength(maxReplies)),
});

/**
 * The `text/event-stream` answer, one JSON `data:` line per event, named by
 * `event:`. A reply starts, grows by text deltas, and ends with its actions:
 *
 *   event: reply-start  data: {"id":"r1"}
 *   event: reply-delta  data: {"id":"r1","text":"Hej! "}
 *   event: reply-end    data: {"id":"r1","actions":[…]}
 *   event: done         data: {}
 *
 * `error` ends the stream with a message the widget shows as a failed answer.
 * The limits of a JSON answer hold for a stream too: a reply's deltas add up
 * to at most `maxReplyLength` characters and an answer has at most
 * `maxReplies` replies; a stream that passes either is malformed.
 */
export const chatStreamEvents = {
  'reply-start': z.strictObject({ id: replyId }),
  'reply-delta': z.strictObject({
    id: replyId,
    text: z.string().check(z.maxLength(maxReplyLength)),
  }),
  'reply-end': z.strictObject({
    id: replyId,
    actions: z.optional(z.array(chatAction).check(z.maxLength(10))),
  }),
  done: z.strictObject({}),
  error: z.strictObject({ code: z.string().check(z.maxLength(64)) }),
} as const;

export type ChatRequest = z.infer<typeof chatRequest>;
export type ChatAction = z.infer<typeof chatAction>;
export type ChatReply = z.infer<typeof chatReply>;
export type ChatJsonResponse = z.infer<typeof chatJsonResponse>;
export type ChatStreamEventName = keyof typeof chatStreamEvents;

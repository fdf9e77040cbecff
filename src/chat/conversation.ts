/**
 * The conversation as the widget keeps it, in memory and in Samtal's
 * IndexedDB store. Stored data is outside input (another tab, another
 * version of Samtal), so it is read back through this schema, message by
 * message: one that no longer fits is dropped on its own, and the rest of
 * the conversation stays. Unknown keys are ignored rather than refused, so
 * a newer version's extra field costs nothing.
 */
import { redactionKinds } from '../config/allowed-values';
import { chatAction, maxMessageLength, maxReplyLength } from '../protocol/chat';
import { entityId } from '../protocol/common';
import { z } from '../protocol/zod-setup';
import { eachValid } from '../storage/each-valid';

/** The most messages a stored conversation keeps; older ones go first. */
export const maxStoredMessages = 500;

/** Why a visitor's message has no answer yet; shown with a retry button. */
export const messageFailure = z.enum([
  'offline',
  'network',
  'timeout',
  'rejected',
  'server',
  'malformed',
  'interrupted',
]);

// Stored times are compared as strings (ISO 8601 sorts by time); a bad one
// only misplaces a message, so a length check is enough and keeps zod's ISO
// parser out of the bundles.
const timestamp = z.string().check(z.maxLength(40));

const visitorMessage = z.object({
  from: z.literal('visitor'),
  id: entityId,
  at: timestamp,
  text: z.string().check(z.minLength(1), z.maxLength(maxMessageLength)),
  /** What redaction removed before it left, for the note under it. */
  redacted: z.optional(z.array(z.enum(redactionKinds))),
  status: z.enum(['pending', 'sent', 'failed']),
  failure: z.optional(messageFailure),
});

// A bot message gets an id of the widget's own: servers may reuse reply ids
// across answers, and the history merges tabs by message id.
const botMessage = z.object({
  from: z.literal('bot'),
  id: entityId,
  at: timestamp,
  text: z.string().check(z.maxLength(maxReplyLength)),
  actions: z.optional(z.array(chatAction)),
  /** Set while the reply is still streaming in; such replies are never stored. */
  streaming: z.optional(z.boolean()),
});

/** One message of the conversation. */
export const chatMessage = z.discriminatedUnion('from', [visitorMessage, botMessage]);

/** The stored conversation of a site. */
export const storedConversation = z.object({
  version: z.literal(1),
  conversationId: entityId,
  /** When the last message was added; the history expires `historyDays` after it. */
  updatedAt: timestamp,
  messages: eachValid(chatMessage, maxStoredMessages),
});

/**
 * The ids of the conversations this browser started, kept after the
 * messages are gone so an erasure can still name them to a server that
 * stored them (`storeConversations`, 12 months).
 */
export const storedConversationIds = z.object({
  version: z.literal(1),
  conversations: eachValid(
    z.object({ id: z.string().check(z.maxLength(64)), startedAt: timestamp }),
    200,
  ),
});

export type ChatMessage = z.infer<typeof chatMessage>;
export type VisitorMessage = z.infer<typeof visitorMessage>;
export type BotMessage = z.infer<typeof botMessage>;
export type MessageFailure = z.infer<typeof messageFailure>;
export type StoredConversation = z.infer<typeof storedConversation>;

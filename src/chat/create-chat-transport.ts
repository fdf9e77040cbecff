/**
 * The chat's network edge (contract §5): posts one visitor message and reads
 * the answer, JSON or a server-sent event stream, through the wire schemas.
 * Both answer kinds come out as the same reply-start / delta / end calls, so
 * the conversation treats a JSON answer as a stream of one delta per reply.
 *
 * Both obey the same limits, so what is shown can always be stored and read
 * back: a reply of at most `maxReplyLength` characters, at most `maxReplies`
 * replies. A stream that passes them is malformed at that moment and read no
 * further; a body or an event too long to hold any valid answer is not read
 * to its end either, so memory stays bounded whatever a server sends.
 */
import {
  type ChatAction,
  type ChatRequest,
  type ChatStreamEventName,
  chatJsonResponse,
  chatStreamEvents,
  maxReplies,
  maxReplyLength,
} from '../protocol/chat';
import { writeJson } from '../protocol/write-json';
import type { z } from '../protocol/zod-setup';
import { createSseParser } from './create-sse-parser';

/** Why an answer did not arrive; each has its own text in the conversation. */
export type ChatFailure = 'offline' | 'network' | 'timeout' | 'rejected' | 'server' | 'malformed';

export type ChatOutcome = { success: true } | { success: false; error: ChatFailure };

/** What the transport reports while an answer arrives. */
export interface ChatAnswerHandlers {
  replyStart(id: string): void;
  replyDelta(id: string, text: string): void;
  replyEnd(id: string, actions: ChatAction[] | undefined): void;
}

export interface ChatTransport {
  /**
   * Sends `request` and reports the answer. Never rejects: every failure is
   * an outcome. `signal` aborts; an aborted send resolves `network`.
   */
  send(
    request: ChatRequest,
    handlers: ChatAnswerHandlers,
    signal: AbortSignal,
  ): Promise<ChatOutcome>;
}

export interface ChatTransportOptions {
  endpoint: string;
  /** Seconds without progress (no answer yet, or no new bytes of a stream) before giving up. */
  timeoutSeconds: number;
  fetch?: typeof globalThis.fetch;
  isOnline?: () => boolean;
}

// JSON may escape every character of a reply as \uXXXX (Python's json.dumps
// does for non-ASCII): six characters each, plus room for ids and actions.
const maxEncodedReply = maxReplyLength * 6 + 32 * 1024;

/** The longest stream event (one `reply-delta` or `reply-end`) worth reading. */
export const maxStreamEventLength = maxEncodedReply;

/** The longest JSON answer worth reading: `maxReplies` replies at their longest. */
export const maxJsonAnswerLength = maxReplies * maxEncodedReply;

/** A stream event with its payload, told apart by name. */
type StreamEvent = {
  [Name in ChatStreamEventName]: {
    event: Name;
    payload: z.output<(typeof chatStreamEvents)[Name]>;
  };
}[ChatStreamEventName];

/** The event's payload checked by its schema, or null. */
function decodeStreamEvent(event: ChatStreamEventName, json: unknown): StreamEvent | null {
  const parsed = chatStreamEvents[event].safeParse(json);
  // The schema picked by `event` parsed it, so the pair is one of StreamEvent's
  // members; TypeScript cannot follow a lookup by a union-typed key.
  return parsed.success ? ({ event, payload: parsed.data } as StreamEvent) : null;
}

function isStreamEventName(name: string): name is ChatStreamEventName {
  return Object.hasOwn(chatStreamEvents, name);
}

export function createChatTransport({
  endpoint,
  timeoutSeconds,
  fetch = (...args) => globalThis.fetch(...args),
  isOnline = () => globalThis.navigator?.onLine !== false,
}: ChatTransportOptions): ChatTransport {
  return {
    async send(request, handlers, signal) {
      if (!isOnline()) return { success: false, error: 'offline' };
      const controller = new AbortController();
      const abort = () => controller.abort();
      signal.addEventListener('abort', abort);
      if (signal.aborted) abort();
      let timedOut = false;
      let timer: ReturnType<typeof setTimeout> | undefined;
      // An idle timeout, reset by each piece of a stream: a long answer that
      // keeps coming is fine, a silent server is not.
      const armTimer = () => {
        clearTimeout(timer);
        timer = setTimeout(() => {
          timedOut = true;
          controller.abort();
        }, timeoutSeconds * 1000);
      };
      armTimer();
      try {
        const response = await fetch(endpoint, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            accept: 'text/event-stream, application/json',
          },
          body: writeJson(request),
          credentials: 'omit',
          referrerPolicy: 'no-referrer',
          signal: controller.signal,
        });
        armTimer();
        if (response.status >= 500) return { success: false, error: 'server' };
        if (!response.ok) return { success: false, error: 'rejected' };
        const type = response.headers.get('content-type') ?? '';
        let failure: ChatFailure | null = 'malformed';
        if (type.startsWith('text/event-stream')) {
          failure = await readStream(response, handlers, armTimer, controller.signal);
        } else if (type.startsWith('application/json')) {
          const body = await readBoundedText(response, maxJsonAnswerLength, armTimer);
          failure = body === null ? 'malformed' : readJson(body, handlers);
        }
        if (controller.signal.aborted) {
          return { success: false, error: timedOut ? 'timeout' : 'network' };
        }
        if (failure === null) return { success: true };
        controller.abort();
        return { success: false, error: failure };
      } catch {
        if (timedOut) return { success: false, error: 'timeout' };
        return { success: false, error: isOnline() ? 'network' : 'offline' };
      } finally {
        clearTimeout(timer);
        signal.removeEventListener('abort', abort);
      }
    },
  };
}

/**
 * A response body as text, or null once it passes `maxLength` characters (the
 * rest is not read). Network errors while reading reject.
 */
async function readBoundedText(
  response: Response,
  maxLength: number,
  onProgress: () => void,
): Promise<string | null> {
  if (response.body === null) return '';
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  const chunks: string[] = [];
  let length = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return chunks.join('');
      onProgress();
      length += value.length;
      if (length > maxLength) return null;
      chunks.push(value);
    }
  } finally {
    await reader.cancel().catch(() => {});
  }
}

/** Reports the replies of a JSON answer; the failure, or null when it was well formed. */
function readJson(text: string, handlers: ChatAnswerHandlers): ChatFailure | null {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return 'malformed';
  }
  const parsed = chatJsonResponse.safeParse(body);
  if (!parsed.success || parsed.data.replies.length === 0) return 'malformed';
  for (const reply of parsed.data.replies) {
    handlers.replyStart(reply.id);
    handlers.replyDelta(reply.id, reply.text);
    handlers.replyEnd(reply.id, reply.actions);
  }
  return null;
}

/**
 * Reports the events of a stream as they arrive; the failure, or null when
 * the stream was well formed. Network errors while reading reject.
 */
async function readStream(
  response: Response,
  handlers: ChatAnswerHandlers,
  onProgress: () => void,
  signal: AbortSignal,
): Promise<ChatFailure | null> {
  if (response.body === null) return 'malformed';
  // Each open reply's text so far, in characters.
  const open = new Map<string, number>();
  let replies = 0;
  let finished = false;
  let failure: ChatFailure | null = null;
  const tooLong = () => {
    failure = 'malformed';
  };
  const parser = createSseParser(
    ({ event, data }) => {
      if (failure !== null || finished) return;
      if (!isStreamEventName(event)) return;
      let json: unknown;
      try {
        json = JSON.parse(data);
      } catch {
        failure = 'malformed';
        return;
      }
      const decoded = decodeStreamEvent(event, json);
      if (decoded === null) {
        failure = 'malformed';
        return;
      }
      if (decoded.event === 'error') failure = 'server';
      else if (decoded.event === 'done') finished = true;
      else if (decoded.event === 'reply-start') {
        if (++replies > maxReplies) {
          failure = 'malformed';
          return;
        }
        open.set(decoded.payload.id, 0);
        handlers.replyStart(decoded.payload.id);
      } else {
        const { id } = decoded.payload;
        // Deltas or ends for a reply that never started mean the stream is not ours to trust.
        const sofar = open.get(id);
        if (sofar === undefined) failure = 'malformed';
        else if (decoded.event === 'reply-delta') {
          const { text } = decoded.payload;
          // The cap JSON answers have: a longer reply could be shown but never stored.
          if (sofar + text.length > maxReplyLength) {
            failure = 'malformed';
            return;
          }
          open.set(id, sofar + text.length);
          handlers.replyDelta(id, text);
        } else {
          open.delete(id);
          handlers.replyEnd(id, decoded.payload.actions);
        }
      }
    },
    { maxEventLength: maxStreamEventLength, onTooLong: tooLong },
  );
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  // Not every fetch errors a body that is being read when its signal aborts.
  const stop = () => void reader.cancel().catch(() => {});
  signal.addEventListener('abort', stop);
  try {
    while (failure === null && !finished && !signal.aborted) {
      const { done, value } = await reader.read();
      if (done || signal.aborted) break;
      onProgress();
      parser.push(value);
    }
  } finally {
    signal.removeEventListener('abort', stop);
    parser.end();
    await reader.cancel().catch(() => {});
  }
  if (failure !== null) return failure;
  // A stream cut short (no `done`, a reply left open, nothing at all) is not an answer.
  return finished && open.size === 0 && replies > 0 ? null : 'malformed';
}

/**
 * Passes a visitor's message to the site's own bot (contract §7 `--bot-url`)
 * and validates what comes back: either Samtal's own chat shapes (§5) or a
 * Rasa REST channel (`POST {sender, message}` → `[{ text, buttons? }]`).
 * Each attempt has a timeout; a 5xx or a network error is retried once.
 * Anything else that is not a valid answer is a failure the caller answers
 * from the knowledge base instead.
 */
import {
  type ChatAction,
  type ChatReply,
  type ChatRequest,
  chatJsonResponse,
  maxMessageLength,
} from '../protocol/chat';
import { z } from '../protocol/zod-setup';

export type BridgeProtocol = 'samtal' | 'rasa';

export interface BridgeClient {
  /** The site bot's replies (ids of its own or fresh ones), or why there are none. */
  ask(
    request: ChatRequest,
    signal: AbortSignal,
  ): Promise<
    { success: true; replies: Omit<ChatReply, 'id'>[] } | { success: false; error: string }
  >;
}

export interface BridgeClientOptions {
  url: string;
  protocol: BridgeProtocol;
  /** Milliseconds per attempt. */
  timeoutMs: number;
  /** Pause before the retry, in milliseconds. */
  retryDelayMs?: number;
  fetch?: typeof globalThis.fetch;
}

/** Largest answer read from the site's bot, in bytes. */
export const maxBridgeAnswerBytes = 256 * 1024;

const rasaAnswer = z
  .array(
    z.object({
      text: z.optional(z.string().check(z.maxLength(20_000))),
      buttons: z.optional(
        z
          .array(
            z.object({
              title: z.string().check(z.minLength(1), z.maxLength(80)),
              payload: z.string().check(z.minLength(1), z.maxLength(maxMessageLength)),
            }),
          )
          .check(z.maxLength(10)),
      ),
    }),
  )
  .check(z.maxLength(20));

function fromRasa(body: unknown): Omit<ChatReply, 'id'>[] | null {
  const parsed = rasaAnswer.safeParse(body);
  if (!parsed.success) return null;
  const replies: Omit<ChatReply, 'id'>[] = [];
  for (const message of parsed.data) {
    const actions: ChatAction[] = (message.buttons ?? []).map((button) => ({
      type: 'quick-reply',
      label: button.title,
      value: button.payload,
    }));
    // Images and custom payloads have no place in the widget; their text, if any, does.
    if (message.text === undefined || message.text.trim() === '') continue;
    replies.push(actions.length > 0 ? { text: message.text, actions } : { text: message.text });
  }
  return replies;
}

function fromSamtal(body: unknown): Omit<ChatReply, 'id'>[] | null {
  const parsed = chatJsonResponse.safeParse(body);
  if (!parsed.success) return null;
  return parsed.data.replies.map(({ text, actions }) => (actions ? { text, actions } : { text }));
}

async function readBounded(response: Response): Promise<string> {
  const declared = Number(response.headers.get('content-length') ?? '0');
  if (declared > maxBridgeAnswerBytes) throw new Error(`answer of ${declared} bytes`);
  const text = await response.text();
  if (text.length > maxBridgeAnswerBytes) throw new Error(`answer of ${text.length} characters`);
  return text;
}

export function createBridgeClient({
  url,
  protocol,
  timeoutMs,
  retryDelayMs = 200,
  fetch = (...args) => globalThis.fetch(...args),
}: BridgeClientOptions): BridgeClient {
  return {
    async ask(request, signal) {
      const body =
        protocol === 'rasa'
          ? { sender: request.conversationId, message: request.message.text }
          : request;
      let lastError = 'no attempt';
      for (let attempt = 0; attempt < 2; attempt++) {
        if (attempt > 0) await new Promise((done) => setTimeout(done, retryDelayMs));
        if (signal.aborted) return { success: false, error: 'aborted' };
        const attemptSignal = AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)]);
        let response: Response;
        try {
          response = await fetch(url, {
            method: 'POST',
            headers: { 'content-type': 'application/json', accept: 'application/json' },
            body: JSON.stringify(body),
            signal: attemptSignal,
            redirect: 'error',
          });
        } catch (error) {
          lastError =
            attemptSignal.aborted && !signal.aborted
              ? `no answer within ${timeoutMs} ms`
              : `network error (${(error as Error).message})`;
          continue;
        }
        if (response.status >= 500) {
          await response.body?.cancel().catch(() => {});
          lastError = `HTTP ${response.status}`;
          continue;
        }
        if (!response.ok) {
          await response.body?.cancel().catch(() => {});
          return { success: false, error: `HTTP ${response.status}` };
        }
        let json: unknown;
        try {
          json = JSON.parse(await readBounded(response));
        } catch (error) {
          return { success: false, error: `not a JSON answer (${(error as Error).message})` };
        }
        const replies = protocol === 'rasa' ? fromRasa(json) : fromSamtal(json);
        if (replies === null)
          return { success: false, error: `the answer does not match the ${protocol} protocol` };
        if (replies.length === 0) return { success: false, error: 'the answer holds no reply' };
        return { success: true, replies };
      }
      return { success: false, error: lastError };
    },
  };
}

/**
 * msw handlers playing Samtal's collector and chat backend, for the demo page
 * (browser worker) and the tests (Node server). Every body is checked against
 * the wire schema, so a widget that sends the wrong shape gets a 400 here as
 * it would from a real collector.
 */
import { delay, HttpResponse, http } from 'msw';
import { wordGroups } from '../../src/bot/stream-model-answer';
import type { ChatAction } from '../../src/protocol/index';
import {
  chatRequest,
  consentReceipt,
  erasureRequest,
  eventBatch,
  lead,
  rightsRequest,
} from '../../src/protocol/index';
import type { z } from '../../src/protocol/zod-setup';
import { demoBot } from './demo-knowledge';

/** Where the demo widget points. `.example` is reserved: nothing can leave for it. */
export const demoEndpoints = {
  collector: 'https://collector.example/v1',
  chat: 'https://bot.example/v1/chat',
} as const;

function validated(schema: z.ZodMiniType, status = 204) {
  return async ({ request }: { request: Request }) => {
    let body: unknown;
    try {
      body = await request.json();
    } catch {
      return HttpResponse.json({ code: 'invalid-json' }, { status: 400 });
    }
    const result = schema.safeParse(body);
    if (!result.success) {
      return HttpResponse.json(
        { code: 'invalid-body', issues: result.error.issues.map((issue) => issue.path.join('.')) },
        { status: 400 },
      );
    }
    return new HttpResponse(null, { status });
  };
}

/** The collector endpoints of contract §4 and §8. */
export function collectorHandlers(collector: string = demoEndpoints.collector) {
  return [
    http.post(`${collector}/consent`, validated(consentReceipt)),
    http.post(`${collector}/events`, validated(eventBatch)),
    http.post(`${collector}/leads`, validated(lead)),
    http.post(`${collector}/erasure`, validated(erasureRequest)),
    http.post(`${collector}/rights`, validated(rightsRequest)),
  ];
}

/** Splits `text` into a few deltas at word boundaries, as a model would stream it. */
export function splitIntoDeltas(text: string, parts = 4): string[] {
  const words = text.split(/(?<=\s)/);
  const size = Math.max(1, Math.ceil(words.length / parts));
  return wordGroups(text, size);
}

interface BotAnswer {
  text: string;
  actions?: ChatAction[] | undefined;
}

/** One answer as server-sent events (the format of src/protocol/chat.ts), with small pauses. */
function streamAnswer(id: string, answer: BotAnswer, pauseMs: number): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const event = (name: string, data: unknown) =>
    encoder.encode(`event: ${name}\ndata: ${JSON.stringify(data)}\n\n`);
  return new ReadableStream({
    async start(controller) {
      controller.enqueue(event('reply-start', { id }));
      for (const text of splitIntoDeltas(answer.text)) {
        await delay(pauseMs);
        controller.enqueue(event('reply-delta', { id, text }));
      }
      controller.enqueue(
        event('reply-end', answer.actions ? { id, actions: answer.actions } : { id }),
      );
      controller.enqueue(event('done', {}));
      controller.close();
    },
  });
}

/**
 * The chat endpoint of contract §5: a stream when the widget accepts
 * `text/event-stream`, JSON otherwise. `pauseMs` is the pause between deltas.
 */
export function chatHandlers(chat: string = demoEndpoints.chat, { pauseMs = 120 } = {}) {
  return [
    http.post(chat, async ({ request }) => {
      const parsed = chatRequest.safeParse(await request.json().catch(() => null));
      if (!parsed.success) return HttpResponse.json({ code: 'invalid-body' }, { status: 400 });
      const { text, actions } = demoBot.answer(parsed.data.message.text, parsed.data.locale);
      const answer: BotAnswer = { text, actions };
      const id = crypto.randomUUID();
      if ((request.headers.get('accept') ?? '').includes('text/event-stream')) {
        return new HttpResponse(streamAnswer(id, answer, pauseMs), {
          headers: { 'content-type': 'text/event-stream', 'cache-control': 'no-store' },
        });
      }
      return HttpResponse.json({ replies: [actions ? { id, text, actions } : { id, text }] });
    }),
  ];
}

/** Everything the demo and the tests need. */
export function demoHandlers(endpoints: { collector: string; chat: string } = demoEndpoints) {
  return [...collectorHandlers(endpoints.collector), ...chatHandlers(endpoints.chat)];
}

/**
 * msw handlers playing Samtal's collector and chat backend, for the demo page
 * (browser worker) and the tests (Node server). Every body is checked against
 * the wire schema, so a widget that sends the wrong shape gets a 400 here as
 * it would from a real collector.
 */
import { HttpResponse, http } from 'msw';
import { answerChat } from '../../src/chat/demo-bot';
import {
  chatRequest,
  consentReceipt,
  erasureRequest,
  eventBatch,
  lead,
} from '../../src/protocol/index';
import type { z } from '../../src/protocol/zod-setup';

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

/** The collector endpoints of contract §4. */
export function collectorHandlers(collector: string = demoEndpoints.collector) {
  return [
    http.post(`${collector}/consent`, validated(consentReceipt)),
    http.post(`${collector}/events`, validated(eventBatch)),
    http.post(`${collector}/leads`, validated(lead)),
    http.post(`${collector}/erasure`, validated(erasureRequest)),
  ];
}

/** The chat endpoint of contract §5: JSON, or a stream when the widget asks for one. */
export function chatHandlers(chat: string = demoEndpoints.chat) {
  return [
    http.post(chat, async ({ request }) => {
      const parsed = chatRequest.safeParse(await request.json().catch(() => null));
      if (!parsed.success) return HttpResponse.json({ code: 'invalid-body' }, { status: 400 });
      const reply = answerChat(parsed.data.message.text, parsed.data.locale);
      return HttpResponse.json({ replies: [{ id: crypto.randomUUID(), ...reply }] });
    }),
  ];
}

/** Everything the demo and the tests need. */
export function demoHandlers(endpoints: { collector: string; chat: string } = demoEndpoints) {
  return [...collectorHandlers(endpoints.collector), ...chatHandlers(endpoints.chat)];
}

import { delay, HttpResponse, http } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { chatHandlers } from '../../demo/mocks/handlers';
import {
  type ChatAnswerHandlers,
  createChatTransport,
  maxJsonAnswerLength,
  maxStreamEventLength,
} from '../../src/chat/create-chat-transport';
import type { ChatRequest } from '../../src/protocol/chat';

const endpoint = 'https://bot.test/v1/chat';
const server = setupServer();

beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  server.resetHandlers();
  vi.useRealTimers();
});
afterAll(() => server.close());

const request: ChatRequest = {
  site: 'ljungberg-ek',
  conversationId: '3f0c7f4e-3d5b-4c1e-9a57-2b6f1c9d8e01',
  message: { id: '8a1e2d7c-5b4f-4a3e-8c2d-1f0e9d8c7b6a', text: 'Vad samlar ni in?' },
  locale: 'sv',
};

function recorder() {
  const events: string[] = [];
  const texts = new Map<string, string>();
  const handlers: ChatAnswerHandlers = {
    replyStart: (id) => {
      events.push(`start:${id}`);
      texts.set(id, '');
    },
    replyDelta: (id, text) => {
      events.push(`delta:${id}`);
      texts.set(id, (texts.get(id) ?? '') + text);
    },
    replyEnd: (id, actions) => events.push(`end:${id}:${actions?.length ?? 0}`),
  };
  return { events, texts, handlers };
}

const sse = (body: string) =>
  new HttpResponse(body, { headers: { 'content-type': 'text/event-stream' } });

function chunked(parts: string[], pauseMs = 0) {
  const encoder = new TextEncoder();
  return new HttpResponse(
    new ReadableStream({
      async start(controller) {
        for (const part of parts) {
          if (pauseMs > 0) await delay(pauseMs);
          controller.enqueue(encoder.encode(part));
        }
        controller.close();
      },
    }),
    { headers: { 'content-type': 'text/event-stream; charset=utf-8' } },
  );
}

const transport = (timeoutSeconds = 20) =>
  createChatTransport({ endpoint, timeoutSeconds, isOnline: () => true });

describe('chat transport', () => {
  it('posts exactly the contract keys, without cookies or referrer, accepting a stream', async () => {
    let seen: Request | undefined;
    let body: unknown;
    server.use(
      http.post(endpoint, async ({ request: incoming }) => {
        seen = incoming;
        body = await incoming.json();
        return HttpResponse.json({ replies: [{ id: 'r1', text: 'Hej' }] });
      }),
    );
    const { handlers } = recorder();
    await transport().send(request, handlers, new AbortController().signal);
    expect(body).toEqual(request);
    expect(Object.keys(body as object).sort()).toEqual([
      'conversationId',
      'locale',
      'message',
      'site',
    ]);
    expect(seen?.headers.get('accept')).toBe('text/event-stream, application/json');
    expect(seen?.headers.get('cookie')).toBeNull();
    expect(seen?.credentials).toBe('omit');
    expect(seen?.referrerPolicy).toBe('no-referrer');
  });

  it('reads a JSON answer with its actions', async () => {
    server.use(
      http.post(endpoint, () =>
        HttpResponse.json({
          replies: [
            { id: 'r1', text: 'Hej!' },
            { id: 'r2', text: 'Vill du bli kontaktad?', actions: [{ type: 'contact-form' }] },
          ],
        }),
      ),
    );
    const { events, texts, handlers } = recorder();
    const outcome = await transport().send(request, handlers, new AbortController().signal);
    expect(outcome).toEqual({ success: true });
    expect(events).toEqual([
      'start:r1',
      'delta:r1',
      'end:r1:0',
      'start:r2',
      'delta:r2',
      'end:r2:1',
    ]);
    expect(texts.get('r2')).toBe('Vill du bli kontaktad?');
  });

  it('reads the demo bot stream, delta by delta', async () => {
    server.use(...chatHandlers(endpoint, { pauseMs: 1 }));
    const { events, texts, handlers } = recorder();
    const outcome = await transport().send(request, handlers, new AbortController().signal);
    expect(outcome).toEqual({ success: true });
    expect(events.filter((event) => event.startsWith('delta')).length).toBeGreaterThan(1);
    expect([...texts.values()][0]).toContain('Vi samlar in två sorters uppgifter');
  });

  it('reads a stream whose chunks split lines, fields and characters anywhere', async () => {
    const stream =
      'event: reply-start\r\ndata: {"id":"r1"}\r\n\r\n: a comment\n' +
      'event: reply-delta\ndata: {"id":"r1","text":"Hej på "}\n\n' +
      'event: reply-delta\ndata: {"id":"r1","text":"dig – åäö"}\n\n' +
      'event: reply-end\ndata: {"id":"r1","actions":[{"type":"quick-reply","label":"Mer","value":"Berätta mer"}]}\n\n' +
      'event: done\ndata: {}\n\n';
    const bytes = new TextEncoder().encode(stream);
    // Split every 3 bytes: through `\r\n`, through field names and inside multi-byte characters.
    const parts: Uint8Array[] = [];
    for (let index = 0; index < bytes.length; index += 3) parts.push(bytes.slice(index, index + 3));
    server.use(
      http.post(
        endpoint,
        () =>
          new HttpResponse(
            new ReadableStream({
              start(controller) {
                for (const part of parts) controller.enqueue(part);
                controller.close();
              },
            }),
            { headers: { 'content-type': 'text/event-stream' } },
          ),
      ),
    );
    const { events, texts, handlers } = recorder();
    const outcome = await transport().send(request, handlers, new AbortController().signal);
    expect(outcome).toEqual({ success: true });
    expect(texts.get('r1')).toBe('Hej på dig – åäö');
    expect(events).toEqual(['start:r1', 'delta:r1', 'delta:r1', 'end:r1:1']);
  });

  it.each([
    ['JSON that is not the schema', () => HttpResponse.json({ reply: 'Hej' })],
    [
      'JSON with a script action',
      () =>
        HttpResponse.json({
          replies: [{ id: 'r1', text: 'x', actions: [{ type: 'script', code: 'alert(1)' }] }],
        }),
    ],
    [
      'a body that is not JSON',
      () => new HttpResponse('<html>', { headers: { 'content-type': 'application/json' } }),
    ],
    [
      'an HTML page',
      () => new HttpResponse('<p>Hej</p>', { headers: { 'content-type': 'text/html' } }),
    ],
    ['an event with broken JSON', () => sse('event: reply-start\ndata: {id:\n\n')],
    [
      'a delta for a reply that never started',
      () => sse('event: reply-delta\ndata: {"id":"r9","text":"x"}\n\nevent: done\ndata: {}\n\n'),
    ],
    [
      'a stream that ends without done',
      () =>
        sse(
          'event: reply-start\ndata: {"id":"r1"}\n\nevent: reply-delta\ndata: {"id":"r1","text":"x"}\n\n',
        ),
    ],
  ])('reports %s as malformed', async (_name, answer) => {
    server.use(http.post(endpoint, answer));
    const { handlers } = recorder();
    const outcome = await transport().send(request, handlers, new AbortController().signal);
    expect(outcome).toEqual({ success: false, error: 'malformed' });
  });

  /** A body made on demand, counting how many characters the transport pulled from it. */
  function endless(type: string, head: string, unit: string) {
    const encoder = new TextEncoder();
    const pulled = { characters: 0 };
    let sentHead = false;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        const part = sentHead ? unit : head;
        sentHead = true;
        pulled.characters += part.length;
        controller.enqueue(encoder.encode(part));
      },
    });
    return { response: new HttpResponse(body, { headers: { 'content-type': type } }), pulled };
  }

  const delta = (text: string) =>
    `event: reply-delta\ndata: ${JSON.stringify({ id: 'r1', text })}\n\n`;

  it('caps a streamed reply at the 20,000 characters a JSON reply may have, and stops reading', async () => {
    const stream = endless(
      'text/event-stream',
      'event: reply-start\ndata: {"id":"r1"}\n\n',
      delta('x'.repeat(1_000)),
    );
    server.use(http.post(endpoint, () => stream.response));
    const { texts, handlers } = recorder();
    const outcome = await transport().send(request, handlers, new AbortController().signal);
    expect(outcome).toEqual({ success: false, error: 'malformed' });
    expect(texts.get('r1')).toHaveLength(20_000);
    // A megabyte was on offer; only a little past the cap was read.
    expect(stream.pulled.characters).toBeLessThan(200_000);
  });

  it('refuses a stream with more replies than a JSON answer may hold', async () => {
    const reply = (id: number) =>
      `event: reply-start\ndata: {"id":"r${id}"}\n\nevent: reply-end\ndata: {"id":"r${id}"}\n\n`;
    server.use(
      http.post(endpoint, () =>
        sse(
          `${Array.from({ length: 21 }, (_, id) => reply(id)).join('')}event: done\ndata: {}\n\n`,
        ),
      ),
    );
    const { events, handlers } = recorder();
    const outcome = await transport().send(request, handlers, new AbortController().signal);
    expect(outcome).toEqual({ success: false, error: 'malformed' });
    expect(events.filter((event) => event.startsWith('start:'))).toHaveLength(20);
  });

  it('stops at a stream line too long for any valid event, without reading the rest', async () => {
    const stream = endless(
      'text/event-stream',
      'event: reply-delta\ndata: ',
      'y'.repeat(64 * 1024),
    );
    server.use(http.post(endpoint, () => stream.response));
    const { handlers } = recorder();
    const outcome = await transport().send(request, handlers, new AbortController().signal);
    expect(outcome).toEqual({ success: false, error: 'malformed' });
    expect(stream.pulled.characters).toBeLessThan(maxStreamEventLength + 1_000_000);
  });

  it('stops reading a JSON answer longer than any valid one', async () => {
    const stream = endless(
      'application/json',
      '{"replies":[{"id":"r1","text":"',
      'z'.repeat(256 * 1024),
    );
    server.use(http.post(endpoint, () => stream.response));
    const { events, handlers } = recorder();
    const outcome = await transport().send(request, handlers, new AbortController().signal);
    expect(outcome).toEqual({ success: false, error: 'malformed' });
    expect(events).toEqual([]);
    expect(stream.pulled.characters).toBeLessThan(maxJsonAnswerLength + 1_000_000);
  });

  it('reports 500 and an error event as a server failure, 400 as rejected', async () => {
    const { handlers } = recorder();
    server.use(http.post(endpoint, () => new HttpResponse(null, { status: 500 })));
    expect(await transport().send(request, handlers, new AbortController().signal)).toEqual({
      success: false,
      error: 'server',
    });
    server.use(http.post(endpoint, () => sse('event: error\ndata: {"code":"overloaded"}\n\n')));
    expect(await transport().send(request, handlers, new AbortController().signal)).toEqual({
      success: false,
      error: 'server',
    });
    server.use(
      http.post(endpoint, () => HttpResponse.json({ code: 'invalid-body' }, { status: 400 })),
    );
    expect(await transport().send(request, handlers, new AbortController().signal)).toEqual({
      success: false,
      error: 'rejected',
    });
  });

  it('gives up after the configured seconds without an answer', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    server.use(
      http.post(endpoint, async () => {
        await delay('infinite');
        return HttpResponse.json({ replies: [] });
      }),
    );
    const { handlers } = recorder();
    const pending = transport(5).send(request, handlers, new AbortController().signal);
    await vi.advanceTimersByTimeAsync(4_999);
    let settled = false;
    void pending.then(() => {
      settled = true;
    });
    await Promise.resolve();
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(await pending).toEqual({ success: false, error: 'timeout' });
  });

  it('keeps a slow stream that keeps coming, longer in total than the timeout', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const parts = [
      'event: reply-start\ndata: {"id":"r1"}\n\n',
      'event: reply-delta\ndata: {"id":"r1","text":"Ett "}\n\n',
      'event: reply-delta\ndata: {"id":"r1","text":"svar "}\n\n',
      'event: reply-delta\ndata: {"id":"r1","text":"i taget."}\n\n',
      'event: reply-end\ndata: {"id":"r1"}\n\nevent: done\ndata: {}\n\n',
    ];
    server.use(http.post(endpoint, () => chunked(parts, 3_000)));
    const { texts, handlers } = recorder();
    const pending = transport(5).send(request, handlers, new AbortController().signal);
    await vi.advanceTimersByTimeAsync(16_000);
    expect(await pending).toEqual({ success: true });
    expect(texts.get('r1')).toBe('Ett svar i taget.');
  });

  it('times out a stream that stalls half-way', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    server.use(
      http.post(endpoint, () => {
        const encoder = new TextEncoder();
        return new HttpResponse(
          new ReadableStream({
            start(controller) {
              controller.enqueue(encoder.encode('event: reply-start\ndata: {"id":"r1"}\n\n'));
            },
          }),
          { headers: { 'content-type': 'text/event-stream' } },
        );
      }),
    );
    const { events, handlers } = recorder();
    const pending = transport(5).send(request, handlers, new AbortController().signal);
    await vi.advanceTimersByTimeAsync(5_001);
    expect(await pending).toEqual({ success: false, error: 'timeout' });
    expect(events).toEqual(['start:r1']);
  });

  it('stops reading when aborted, and reports no reply after it', async () => {
    server.use(
      http.post(endpoint, () =>
        chunked(
          [
            'event: reply-start\ndata: {"id":"r1"}\n\n',
            'event: reply-delta\ndata: {"id":"r1","text":"Hej"}\n\n',
            'event: reply-end\ndata: {"id":"r1"}\n\nevent: done\ndata: {}\n\n',
          ],
          30,
        ),
      ),
    );
    const { events, handlers } = recorder();
    const controller = new AbortController();
    const pending = transport().send(request, handlers, controller.signal);
    await vi.waitFor(() => expect(events).toContain('start:r1'));
    controller.abort();
    expect((await pending).success).toBe(false);
    await delay(100);
    expect(events).not.toContain('end:r1:0');
  });

  it('says offline without a request when the browser is offline', async () => {
    const offline = createChatTransport({ endpoint, timeoutSeconds: 20, isOnline: () => false });
    const { handlers } = recorder();
    // onUnhandledRequest 'error' would fail the test if anything were sent.
    expect(await offline.send(request, handlers, new AbortController().signal)).toEqual({
      success: false,
      error: 'offline',
    });
  });

  it('reports a network error when the connection fails', async () => {
    server.use(http.post(endpoint, () => HttpResponse.error()));
    const { handlers } = recorder();
    expect(await transport().send(request, handlers, new AbortController().signal)).toEqual({
      success: false,
      error: 'network',
    });
  });
});

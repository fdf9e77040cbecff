/**
 * A loopback stand-in for an OpenAI-compatible `/v1/chat/completions` API
 * (what cannot run here: a hosted model), speaking the streaming protocol as
 * the real ones do: `data: {chunk}` events, `data: [DONE]`, and bytes that
 * arrive split anywhere, mid-token and mid-character. Each request takes the
 * next scripted behaviour; every request body is kept for the test to read.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type ModelBehaviour =
  | { kind: 'stream'; pieces: readonly string[]; pauseMs?: number; splitEvery?: number }
  | { kind: 'status'; status: number; headers?: Readonly<Record<string, string>> }
  | { kind: 'stall'; pieces: readonly string[] }
  | { kind: 'garbage'; pieces: readonly string[] };

export interface FakeModelServer {
  /** The API base to give `--llm-url`, e.g. `http://127.0.0.1:PORT/v1`. */
  url: string;
  /** The request bodies received, in order. */
  requests: Array<{
    model: string;
    stream: boolean;
    messages: Array<{ role: string; content: string }>;
  }>;
  /** Authorization headers received, in order. */
  authorizations: Array<string | undefined>;
  /** Queues behaviours for the next requests; once used up, `fallback` answers. */
  script(...behaviours: ModelBehaviour[]): void;
  close(): Promise<void>;
}

function chunk(content: string, index: number): string {
  return `data: ${JSON.stringify({
    id: 'chatcmpl-fake',
    object: 'chat.completion.chunk',
    created: 1_780_000_000,
    model: 'fake',
    choices: [
      {
        index: 0,
        delta: index === 0 ? { role: 'assistant', content } : { content },
        finish_reason: null,
      },
    ],
  })}\n\n`;
}

const done = `data: ${JSON.stringify({
  id: 'chatcmpl-fake',
  object: 'chat.completion.chunk',
  created: 1_780_000_000,
  model: 'fake',
  choices: [{ index: 0, delta: {}, finish_reason: 'stop' }],
})}\n\ndata: [DONE]\n\n`;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Writes `text` as bytes in slices of `every`, so lines, JSON and UTF-8 characters are cut. */
async function writeSplit(response: ServerResponse, text: string, every: number, pauseMs: number) {
  const bytes = Buffer.from(text, 'utf8');
  for (let start = 0; start < bytes.length; start += every) {
    if (response.destroyed) return;
    response.write(bytes.subarray(start, start + every));
    if (pauseMs > 0) await pause(pauseMs);
  }
}

export async function startFakeModelServer(
  fallback: ModelBehaviour = { kind: 'stream', pieces: ['Hej från modellen.'] },
): Promise<FakeModelServer> {
  const queue: ModelBehaviour[] = [];
  const requests: FakeModelServer['requests'] = [];
  const authorizations: FakeModelServer['authorizations'] = [];
  const open = new Set<ServerResponse>();

  async function handle(request: IncomingMessage, response: ServerResponse) {
    let body = '';
    for await (const part of request) body += part;
    if (request.method !== 'POST' || request.url !== '/v1/chat/completions') {
      response.writeHead(404, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ error: { message: 'not found' } }));
      return;
    }
    requests.push(JSON.parse(body));
    authorizations.push(request.headers.authorization);
    const behaviour = queue.shift() ?? fallback;
    if (behaviour.kind === 'status') {
      response.writeHead(behaviour.status, {
        'content-type': 'application/json',
        ...behaviour.headers,
      });
      response.end(
        JSON.stringify({ error: { message: `fake ${behaviour.status}`, type: 'fake' } }),
      );
      return;
    }
    response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    open.add(response);
    response.on('close', () => open.delete(response));
    const events = behaviour.pieces.map(chunk).join('');
    if (behaviour.kind === 'stall') {
      response.write(events);
      return; // …and nothing more, until the client gives up.
    }
    if (behaviour.kind === 'garbage') {
      response.write(`${events}data: {"choices": [ this is not JSON\n\n`);
      await pause(50);
      response.end(done);
      return;
    }
    const every = behaviour.splitEvery ?? 7;
    const pauseMs = behaviour.pauseMs ?? 0;
    for (const [index, piece] of behaviour.pieces.entries()) {
      await writeSplit(response, chunk(piece, index), every, 0);
      if (pauseMs > 0) await pause(pauseMs);
    }
    await writeSplit(response, done, every, 0);
    response.end();
  }

  const server = createServer((request, response) => {
    handle(request, response).catch(() => response.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    authorizations,
    script: (...behaviours) => queue.push(...behaviours),
    close: () =>
      new Promise<void>((resolve) => {
        for (const response of open) response.destroy();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

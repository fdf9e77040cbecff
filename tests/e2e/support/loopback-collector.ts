/**
 * A collector on 127.0.0.1 that records every request as it arrived, for
 * tests and benchmarks that count what left the browser over real HTTP
 * (Playwright's routing cannot see every keepalive request a page starts
 * as it unloads; a real server does). It answers 204 with CORS, or what the
 * test says, at once or after a delay (a slow collector: the request is
 * recorded as soon as its body has arrived, the answer waits).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request as the collector received it. */
export interface ArrivedRequest {
  /** The path after `/v1/`: `events`, `consent`, … */
  endpoint: string;
  /** Milliseconds since the collector started, when the body had arrived. */
  at: number;
  bytes: number;
  body: unknown;
}

export interface LoopbackCollector {
  /** The base URL to give the widget (`data-collector`). */
  url: string;
  /** Every POST, in the order the bodies finished arriving. */
  requests: ArrivedRequest[];
  /** Requests to `endpoint`. */
  to(endpoint: string): ArrivedRequest[];
  /** The status (and headers) to answer a POST to `endpoint` with; 204 by default. */
  answer(decide: (endpoint: string) => Answer): void;
  close(): Promise<void>;
}

/** A status, or a status with extra headers (e.g. `retry-after`) and a delay in ms before answering. */
export type Answer =
  | number
  | { status: number; headers?: Record<string, string>; delayMs?: number };

const cors = {
  'access-control-allow-origin': '*',
  'access-control-allow-headers': 'content-type',
  'access-control-allow-methods': 'POST',
  // Retry-After is not a CORS-safelisted response header: the page sees it only when exposed.
  'access-control-expose-headers': 'retry-after',
};

export async function startLoopbackCollector(): Promise<LoopbackCollector> {
  const requests: ArrivedRequest[] = [];
  const started = performance.now();
  let decide: (endpoint: string) => Answer = () => 204;
  // Answers still being delayed, dropped on close.
  const waiting = new Set<ReturnType<typeof setTimeout>>();
  const server: Server = createServer((request, response) => {
    if (request.method === 'OPTIONS') {
      response.writeHead(204, cors);
      response.end();
      return;
    }
    const endpoint = new URL(request.url ?? '/', 'http://127.0.0.1').pathname.replace(
      /^\/v1\//,
      '',
    );
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      let body: unknown = text;
      try {
        body = JSON.parse(text);
      } catch {
        // Kept as text: the test sees what arrived.
      }
      requests.push({
        endpoint,
        at: performance.now() - started,
        bytes: Buffer.byteLength(text),
        body,
      });
      const answer = decide(endpoint);
      const respond = () => {
        if (typeof answer === 'number') response.writeHead(answer, cors);
        else response.writeHead(answer.status, { ...cors, ...answer.headers });
        response.end();
      };
      const delayMs = typeof answer === 'number' ? 0 : (answer.delayMs ?? 0);
      if (delayMs <= 0) respond();
      else {
        const timer = setTimeout(() => {
          waiting.delete(timer);
          respond();
        }, delayMs);
        waiting.add(timer);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    to: (endpoint) => requests.filter((request) => request.endpoint === endpoint),
    answer(next) {
      decide = next;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        for (const timer of waiting) clearTimeout(timer);
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

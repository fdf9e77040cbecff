/**
 * Records every request a page makes and answers the collector and chat
 * endpoints, so tests can assert what left the browser and what did not.
 * The collector and chat live on `.example` hosts (reserved: nothing can
 * really leave for them); answers come from the test.
 */
import type { BrowserContext, Request, Route } from 'playwright-core';

export const testCollector = 'https://collector.example/v1';
export const testChat = 'https://bot.example/v1/chat';

/** One request as it left the browser. */
export interface RecordedRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: unknown;
  /** The raw body text, for asserting what never appears anywhere in it. */
  text: string;
}

export type Responder = (request: RecordedRequest, route: Route) => Promise<void> | void;

export interface NetworkRecorder {
  /** Every request the page made, in order (page, scripts, collector, chat). */
  all: RecordedRequest[];
  /** Requests to the collector, by path after `/v1/` (`consent`, `events`, …). */
  collector(path?: string): RecordedRequest[];
  chat(): RecordedRequest[];
  /** Replaces the default answer for collector path `path` (e.g. to answer 503). */
  respond(path: string, responder: Responder): void;
  /** Replaces the default chat answer. */
  respondChat(responder: Responder): void;
}

function record(request: Request): RecordedRequest {
  const text = request.postData() ?? '';
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = text;
  }
  return { url: request.url(), method: request.method(), headers: request.headers(), body, text };
}

const cors = {
  'access-control-allow-origin': '*',
  'access-control-allow-headers': 'content-type',
  'access-control-allow-methods': 'POST',
};

export async function recordNetwork(context: BrowserContext): Promise<NetworkRecorder> {
  const all: RecordedRequest[] = [];
  const responders = new Map<string, Responder>();
  let chatResponder: Responder = (_request, route) =>
    route.fulfill({
      status: 200,
      headers: { ...cors, 'content-type': 'application/json' },
      body: JSON.stringify({ replies: [{ id: 'r1', text: 'Hej!' }] }),
    });
  context.on('request', (request) => {
    all.push(record(request));
  });
  await context.route(`${testCollector}/**`, async (route) => {
    if (route.request().method() === 'OPTIONS') {
      await route.fulfill({ status: 204, headers: cors });
      return;
    }
    const path = new URL(route.request().url()).pathname.replace(/^\/v1\//, '');
    const responder = responders.get(path);
    if (responder) await responder(record(route.request()), route);
    else await route.fulfill({ status: 204, headers: cors });
  });
  await context.route(testChat, async (route) => {
    if (route.request().method() === 'OPTIONS') {
      await route.fulfill({ status: 204, headers: cors });
      return;
    }
    await chatResponder(record(route.request()), route);
  });
  return {
    all,
    collector: (path) =>
      all.filter((request) => {
        if (!request.url.startsWith(`${testCollector}/`) || request.method !== 'POST') return false;
        return path === undefined || new URL(request.url).pathname === `/v1/${path}`;
      }),
    chat: () => all.filter((request) => request.url === testChat && request.method === 'POST'),
    respond: (path, responder) => {
      responders.set(path, responder);
    },
    respondChat: (responder) => {
      chatResponder = responder;
    },
  };
}

/** CORS headers the fake collector sends, for custom responders. */
export const corsHeaders = cors;

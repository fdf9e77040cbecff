/**
 * The bridge to a site's own bot (contract §7 `--bot-url`), against loopback
 * fakes of both protocols: Samtal's own shapes (§5) and a Rasa REST channel.
 * A timeout, a 5xx retried once, an answer that does not validate, or a bot
 * that is down: the knowledge base answers instead.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { chatJsonResponse } from '../../src/protocol';
import { serverConfigSchema } from '../../src/server/server-config';
import { type RunningServer, startServer } from '../../src/server/start-server';
import { site, siteOrigin } from './payloads';

type Reply = (body: unknown, response: ServerResponse) => void;

interface FakeBot {
  url: string;
  bodies: unknown[];
  close(): Promise<void>;
}

const running: Array<{ close(): Promise<void> }> = [];

afterEach(async () => {
  for (const item of running.splice(0).reverse()) await item.close();
});

/** A site's bot on loopback: each request gets the next reply in `replies`, the last one repeating. */
async function startFakeBot(...replies: Reply[]): Promise<FakeBot> {
  const bodies: unknown[] = [];
  const server = createServer(async (request: IncomingMessage, response) => {
    let text = '';
    for await (const part of request) text += part;
    const body = JSON.parse(text);
    bodies.push(body);
    const reply = replies[Math.min(bodies.length - 1, replies.length - 1)];
    reply?.(body, response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const fake = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhook`,
    bodies,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
  running.push(fake);
  return fake;
}

const json =
  (status: number, body: unknown): Reply =>
  (_request, response) => {
    response.writeHead(status, { 'content-type': 'application/json' });
    response.end(JSON.stringify(body));
  };

async function startWithBot(url: string, protocol: 'samtal' | 'rasa') {
  const server: RunningServer = await startServer({
    config: serverConfigSchema.parse({
      host: '127.0.0.1',
      port: 0,
      database: ':memory:',
      sites: { [site]: { origins: [siteOrigin] } },
      knowledge: 'demo/knowledge',
      bot: { url, protocol, timeoutSeconds: 0.5 },
    }),
    watchKnowledge: false,
    log: () => {},
  });
  running.push(server);
  return server;
}

function chat(text: string) {
  return {
    site,
    conversationId: randomUUID(),
    message: { id: randomUUID(), text },
    locale: 'sv' as const,
  };
}

async function ask(server: RunningServer, body: unknown) {
  const response = await fetch(`${server.url}/v1/chat`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: siteOrigin },
    body: JSON.stringify(body),
  });
  expect(response.status).toBe(200);
  return chatJsonResponse.parse(await response.json()).replies;
}

const knowledgeAnswer = '**12 månader** efter sista kontakten';

describe('the bridge to the site’s own bot', () => {
  it('passes the message on in Samtal’s shapes and relays every reply with its actions', async () => {
    const bot = await startFakeBot(
      json(200, {
        replies: [
          { id: 'b1', text: 'Hej från er egen bot!' },
          { id: 'b2', text: 'Vill du bli kontaktad?', actions: [{ type: 'contact-form' }] },
        ],
      }),
    );
    const server = await startWithBot(bot.url, 'samtal');
    const request = chat('Mitt personnummer är 19811218-9876, ring mig');
    const replies = await ask(server, request);
    expect(replies.map(({ text, actions }) => ({ text, actions }))).toEqual([
      { text: 'Hej från er egen bot!', actions: undefined },
      { text: 'Vill du bli kontaktad?', actions: [{ type: 'contact-form' }] },
    ]);
    expect(bot.bodies).toEqual([
      {
        ...request,
        message: { ...request.message, text: 'Mitt personnummer är [personnummer], ring mig' },
      },
    ]);
  });

  it('speaks Rasa’s REST channel: {sender, message} in, texts and buttons out', async () => {
    const bot = await startFakeBot(
      json(200, [
        {
          recipient_id: 'x',
          text: 'Vi har öppet 8–17.',
          buttons: [{ title: 'Priser', payload: '/ask_prices' }],
        },
        { recipient_id: 'x', image: 'https://example.se/karta.png' },
        { recipient_id: 'x', text: 'Något mer?' },
      ]),
    );
    const server = await startWithBot(bot.url, 'rasa');
    const request = chat('När har ni öppet?');
    const replies = await ask(server, request);
    expect(replies.map(({ text, actions }) => ({ text, actions }))).toEqual([
      {
        text: 'Vi har öppet 8–17.',
        actions: [{ type: 'quick-reply', label: 'Priser', value: '/ask_prices' }],
      },
      { text: 'Något mer?', actions: undefined },
    ]);
    expect(bot.bodies).toEqual([{ sender: request.conversationId, message: 'När har ni öppet?' }]);
  });

  it('retries once after a 5xx', async () => {
    const bot = await startFakeBot(
      json(503, { error: 'busy' }),
      json(200, [{ text: 'Nu går det.' }]),
    );
    const server = await startWithBot(bot.url, 'rasa');
    expect((await ask(server, chat('Hur länge sparar ni mina uppgifter?')))[0]?.text).toBe(
      'Nu går det.',
    );
    expect(bot.bodies).toHaveLength(2);
  });

  it.each([
    ['answers 500 twice', [json(500, {})], 2],
    ['answers 404, which is not retried', [json(404, {})], 1],
    ['answers in the wrong shape', [json(200, { replies: [{ text: 'no id' }] })], 1],
    ['answers a Rasa list to a Samtal bridge', [json(200, [{ text: 'Hej' }])], 1],
    [
      'answers with a script action',
      [json(200, { replies: [{ id: 'a', text: 'x', actions: [{ type: 'script' }] }] })],
      1,
    ],
    ['answers nothing at all', [json(200, { replies: [] })], 1],
    [
      'answers too slowly',
      [
        (_body: unknown, response: ServerResponse) =>
          setTimeout(
            () => json(200, { replies: [{ id: 'a', text: 'sent' }] })(_body, response),
            1500,
          ),
      ],
      2,
    ],
  ] as const)(
    'answers from the knowledge base when the bot %s',
    async (_name, replies, attempts) => {
      const bot = await startFakeBot(...replies);
      const server = await startWithBot(bot.url, 'samtal');
      expect((await ask(server, chat('Hur länge sparar ni mina uppgifter?')))[0]?.text).toContain(
        knowledgeAnswer,
      );
      expect(bot.bodies).toHaveLength(attempts);
    },
  );

  it('answers from the knowledge base when the bot is down', async () => {
    const bot = await startFakeBot(json(200, {}));
    const url = bot.url;
    await bot.close();
    running.pop();
    const server = await startWithBot(url, 'rasa');
    expect((await ask(server, chat('Hur länge sparar ni mina uppgifter?')))[0]?.text).toContain(
      knowledgeAnswer,
    );
  });
});

/**
 * The optional language model (contract §7 `--llm-url`), through the real
 * `openai` client against a loopback server that speaks the streaming
 * chat-completions protocol: answers stream to the widget as server-sent
 * events, and every way a model fails ends in the knowledge-base answer.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { chatJsonResponse } from '../../src/protocol';
import { serverConfigSchema } from '../../src/server/server-config';
import { type RunningServer, startServer } from '../../src/server/start-server';
import { site, siteOrigin } from './payloads';
import { type FakeModelServer, startFakeModelServer } from './support/fake-model-server';

let model: FakeModelServer;
let server: RunningServer;
let logged: string[];

async function startWithModel(llm: Record<string, unknown> = {}) {
  server = await startServer({
    config: serverConfigSchema.parse({
      host: '127.0.0.1',
      port: 0,
      database: ':memory:',
      sites: { [site]: { origins: [siteOrigin] } },
      knowledge: 'demo/knowledge',
      llm: { url: model.url, model: 'fake-model', timeoutSeconds: 1, ...llm },
    }),
    llmApiKey: 'sk-test-key',
    watchKnowledge: false,
    log: (message) => logged.push(message),
  });
}

beforeEach(async () => {
  logged = [];
  model = await startFakeModelServer();
});

afterEach(async () => {
  await server?.close();
  await model.close();
});

function chat(text: string, conversationId: string = randomUUID()) {
  return { site, conversationId, message: { id: randomUUID(), text }, locale: 'sv' as const };
}

async function post(body: unknown, accept = 'application/json') {
  return fetch(`${server.url}/v1/chat`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: siteOrigin, accept },
    body: JSON.stringify(body),
  });
}

async function answerText(body: unknown): Promise<string> {
  const json = chatJsonResponse.parse(await (await post(body)).json());
  return json.replies.map((reply) => reply.text).join('\n');
}

async function streamedEvents(
  body: unknown,
): Promise<Array<{ event: string; data: Record<string, unknown> }>> {
  const text = await (await post(body, 'text/event-stream')).text();
  return text
    .split('\n\n')
    .filter((block) => block.trim() !== '')
    .map((block) => {
      const lines = block.split('\n');
      return {
        event: lines.find((line) => line.startsWith('event: '))?.slice(7) ?? '',
        data: JSON.parse(lines.find((line) => line.startsWith('data: '))?.slice(6) ?? '{}'),
      };
    });
}

const knowledgeAnswer = 'så länge du är kund och **12 månader** efter sista kontakten';

describe('a language model behind the knowledge base', () => {
  it('streams the model’s answer sentence by sentence, cut anywhere on the wire', async () => {
    await startWithModel();
    model.script({
      kind: 'stream',
      pieces: [
        'Vi sparar ',
        'chattar i **12 må',
        'nader** efter sista ',
        'kontakten. ',
        'Fråga gärna mer! ',
        'Åäö – klart.',
      ],
      splitEvery: 5,
    });
    const events = await streamedEvents(chat('Hur länge sparar ni mina uppgifter?'));
    expect(events.map((event) => event.event)).toEqual([
      'reply-start',
      'reply-delta',
      'reply-delta',
      'reply-delta',
      'reply-end',
      'done',
    ]);
    const deltas = events
      .filter((event) => event.event === 'reply-delta')
      .map((event) => event.data.text);
    expect(deltas).toEqual([
      'Vi sparar chattar i **12 månader** efter sista kontakten.',
      ' Fråga gärna mer!',
      ' Åäö – klart.',
    ]);
    // The retrieval's best entry carries its actions along.
    expect(events.at(-2)?.data.actions).toEqual([
      { type: 'quick-reply', label: 'Radera nu', value: 'Hur raderar jag mina uppgifter?' },
    ]);
  });

  it('sends the model only instructions, the retrieved entries and the redacted conversation', async () => {
    await startWithModel();
    const conversationId = randomUUID();
    await answerText(
      chat('Hur länge sparar ni uppgifterna? Mitt personnummer är 19811218-9876', conversationId),
    );
    await answerText(chat('Och kortnummer 4111 1111 1111 1111, sparas det?', conversationId));
    expect(model.requests).toHaveLength(2);
    expect(model.authorizations[0]).toBe('Bearer sk-test-key');
    const [first, second] = model.requests;
    expect(first?.model).toBe('fake-model');
    expect(first?.stream).toBe(true);
    expect(first?.messages[0]?.role).toBe('system');
    expect(first?.messages[0]?.content).toContain('Always answer in Swedish');
    expect(first?.messages[0]?.content).toContain(knowledgeAnswer);
    expect(first?.messages.at(-1)).toEqual({
      role: 'user',
      content: 'Hur länge sparar ni uppgifterna? Mitt personnummer är [personnummer]',
    });
    // The second question comes with the turns before it.
    expect(second?.messages.slice(1).map((message) => message.role)).toEqual([
      'user',
      'assistant',
      'user',
    ]);
    expect(second?.messages.at(-1)?.content).toBe('Och kortnummer [kortnummer], sparas det?');
    const everything = JSON.stringify(model.requests);
    expect(everything).not.toContain('9876');
    expect(everything).not.toContain('4111');
  });

  it('does not call the model for a greeting or a question the knowledge base knows nothing of', async () => {
    await startWithModel();
    expect(await answerText(chat('Hej!'))).toContain('Vad kan jag hjälpa dig med');
    expect(await answerText(chat('Vem vann fotbolls-VM 2018?'))).toContain(
      'Det kan jag tyvärr inte svara på',
    );
    expect(model.requests).toHaveLength(0);
  });

  it('waits out a 429 with Retry-After and uses the answer that follows', async () => {
    await startWithModel({ timeoutSeconds: 5 });
    model.script(
      { kind: 'status', status: 429, headers: { 'retry-after': '1' } },
      { kind: 'stream', pieces: ['Tolv månader efter sista kontakten.'] },
    );
    expect(await answerText(chat('Hur länge sparar ni mina uppgifter?'))).toBe(
      'Tolv månader efter sista kontakten.',
    );
    expect(model.requests).toHaveLength(2);
  });

  it.each([
    [
      'a 500, twice',
      [
        { kind: 'status', status: 500 },
        { kind: 'status', status: 500 },
      ],
      'error',
    ],
    [
      'a 429 whose Retry-After is too long to wait',
      [{ kind: 'status', status: 429, headers: { 'retry-after': '30' } }],
      'timeout',
    ],
    ['a stall before the first sentence', [{ kind: 'stall', pieces: ['Vi spar'] }], 'timeout'],
    ['a garbage line', [{ kind: 'garbage', pieces: [] }], 'error'],
    ['an empty answer', [{ kind: 'stream', pieces: ['  ', '\n'] }], 'empty'],
    [
      'a heading',
      [{ kind: 'stream', pieces: ['## Lagring\n', 'Tolv månader.'] }],
      'outside-subset',
    ],
    ['HTML', [{ kind: 'stream', pieces: ['Vi sparar <b>tolv</b> månader.'] }], 'outside-subset'],
    [
      'a script link',
      [{ kind: 'stream', pieces: ['Se [här](javascript:alert(1)).'] }],
      'outside-subset',
    ],
  ] as const)('answers from the knowledge base after %s', async (_name, behaviours, reason) => {
    await startWithModel();
    model.script(...behaviours);
    const started = Date.now();
    const text = await answerText(chat('Hur länge sparar ni mina uppgifter?'));
    expect(text).toContain(knowledgeAnswer);
    expect(Date.now() - started).toBeLessThan(8000);
    expect(logged.join('\n')).toContain(`not used whole (${reason}`);
  });

  it('ends at the last good sentence when the model stalls after it, and streams the knowledge base answer in place of nothing', async () => {
    await startWithModel();
    model.script({
      kind: 'stall',
      pieces: ['Vi sparar det i tolv månader. ', 'Efter det raderar vi'],
    });
    const events = await streamedEvents(chat('Hur länge sparar ni mina uppgifter?'));
    const text = events
      .filter((event) => event.event === 'reply-delta')
      .map((event) => event.data.text)
      .join('');
    expect(text).toBe('Vi sparar det i tolv månader.');
    expect(events.at(-1)?.event).toBe('done');
  });
});

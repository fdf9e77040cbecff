/**
 * The HTTP side of the collector (contract §4–5, §8) as a Hono app. Every request
 * to a collector endpoint passes the same guard rails in this order: CORS,
 * JSON content type, body size, JSON syntax, rate limit, site and origin,
 * batch size, schema. Every refusal is a JSON body `{ code, message, issues? }`.
 * Other routes (the console's `/v1/admin/…`) bring their own rules: the
 * collector's middleware is mounted on its own paths only.
 */
import type { HttpBindings } from '@hono/node-server';
import { getConnInfo } from '@hono/node-server/conninfo';
import { type Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { createMiddleware } from 'hono/factory';
import { streamSSE } from 'hono/streaming';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import {
  type ChatReply,
  chatRequest,
  consentReceipt,
  erasureRequest,
  eventBatch,
  lead,
  leadBotSignal,
  maxBatchEvents,
  minimumFillMs,
  rightsRequest,
} from '../protocol';
import { accessLog } from './access-log';
import type { ChatResponder } from './create-chat-responder';
import { createRateLimiter } from './create-rate-limiter';
import { findUnstorableText, unstorableTextMessage } from './find-unstorable-text';
import { healthCheck } from './health-check';
import { matchOrigin } from './match-origin';
import type { ServerConfig } from './server-config';
import type { CollectorStorage } from './storage/collector-storage';
import { createRightsStorage, type RightsStorage } from './storage/create-rights-storage';
import type { SamtalDatabase } from './storage/samtal-database';
import { clientKey, truncateIp } from './truncate-ip';
import './zod-messages';

/** Largest request body, in bytes, but for the id-list endpoints below. */
export const maxBodyBytes = 64 * 1024;

/**
 * Largest body of an erasure or rights request, in bytes: their schemas allow
 * three (erasure) or two (rights) lists of 1,000 UUIDs, about 117 KB written
 * compactly and 132 KB indented by two spaces, so a schema-valid request is
 * never refused for its size (and rights requests stay rare and rate-limited).
 */
export const maxIdListBodyBytes = 160 * 1024;

/** Paths whose body may be as large as their id lists allow (maxIdListBodyBytes). */
const idListPaths: ReadonlySet<string> = new Set(['/v1/erasure', '/v1/rights']);

/**
 * The collector's public endpoints (contract §4–5, §8): POST only, JSON, CORS for
 * the sites' origins, rate-limited. A new public endpoint joins this list.
 */
export const collectorPaths = [
  '/v1/consent',
  '/v1/events',
  '/v1/leads',
  '/v1/erasure',
  '/v1/rights',
  '/v1/chat',
] as const;

type Env = { Bindings: HttpBindings };
type AppContext = Context<Env>;

/** One validation problem: the dotted path of the failing field and why. */
export interface FieldIssue {
  path: string;
  message: string;
}

export interface CollectorAppOptions {
  config: ServerConfig;
  /** The open database, for stores beside the collector's own (`database.db.withTables<T>()`). */
  database: SamtalDatabase;
  storage: CollectorStorage;
  /** Rights requests (contract §8) on the same database by default. */
  rights?: RightsStorage;
  now?: () => number;
  /** Who answers `/v1/chat`: the knowledge base, a model or the site's own bot (contract §7). */
  chat: ChatResponder;
  /** Where unexpected failures are reported. */
  logError?: (error: unknown) => void;
  /** Where access log lines go when `config.accessLog` is on; standard output by default. */
  writeAccessLog?: (line: string) => void;
}

interface SafeSchema<T> {
  safeParse(input: unknown):
    | { success: true; data: T }
    | {
        success: false;
        error: { issues: ReadonlyArray<{ path: PropertyKey[]; message: string }> };
      };
}

function problem(
  c: AppContext,
  status: ContentfulStatusCode,
  code: string,
  message: string,
  issues?: FieldIssue[],
) {
  return c.json(issues === undefined ? { code, message } : { code, message, issues }, status);
}

function mediaType(header: string | undefined): string {
  return (header ?? '').split(';', 1)[0]?.trim().toLowerCase() ?? '';
}

export function createCollectorApp({
  config,
  database,
  storage,
  rights = createRightsStorage(database),
  now = Date.now,
  chat,
  logError = (error) => console.error('samtal-server:', error),
  writeAccessLog,
}: CollectorAppOptions): Hono<Env> {
  const app = new Hono<Env>();
  if (config.accessLog) {
    app.use(accessLog(writeAccessLog === undefined ? {} : { write: writeAccessLog }));
  }
  app.get('/healthz', healthCheck({ database, logError }));
  const limiter = createRateLimiter({ ...config.rateLimit, now });
  const everyOrigin = Object.values(config.sites).flatMap((site) => site.origins);

  function clientAddress(c: AppContext): string {
    if (config.trustProxy) {
      const forwarded = c.req.header('x-forwarded-for')?.split(',').at(-1)?.trim();
      if (forwarded) return forwarded;
    }
    return getConnInfo(c).remote.address ?? '';
  }

  const collectorGate = createMiddleware<Env>(async (c, next) => {
    const origin = c.req.header('origin');
    const known = origin !== undefined && matchOrigin(everyOrigin, origin);
    if (origin !== undefined && !known) {
      return problem(
        c,
        403,
        'origin-not-allowed',
        `The origin ${origin} may not post to this collector.`,
      );
    }
    if (origin !== undefined) {
      c.header('Access-Control-Allow-Origin', origin);
      c.header('Access-Control-Expose-Headers', 'Retry-After');
    }
    c.header('Vary', 'Origin');
    if (c.req.method === 'OPTIONS') {
      c.header('Access-Control-Allow-Methods', 'POST');
      c.header('Access-Control-Allow-Headers', 'Content-Type, Accept');
      c.header('Access-Control-Max-Age', '86400');
      return c.body(null, 204);
    }
    if (c.req.method !== 'POST') {
      c.header('Allow', 'POST, OPTIONS');
      return problem(c, 405, 'method-not-allowed', 'Only POST is accepted.');
    }
    if (mediaType(c.req.header('content-type')) !== 'application/json') {
      return problem(c, 415, 'unsupported-media-type', 'Send the body as application/json.');
    }
    return next();
  });
  const collectorBodyLimit = (maxSize: number) =>
    bodyLimit({
      maxSize,
      onError: (c) => {
        // The rest of the body is never read, so the connection cannot carry
        // another request: say so (RFC 9112 §9.6) instead of promising keep-alive.
        c.header('Connection', 'close');
        return problem(c, 413, 'body-too-large', `The body may be at most ${maxSize} bytes.`);
      },
    });
  for (const path of collectorPaths) {
    const limit = idListPaths.has(path) ? maxIdListBodyBytes : maxBodyBytes;
    app.use(path, collectorGate, collectorBodyLimit(limit));
  }

  /**
   * Reads, limits, authorises and validates one request; returns the parsed
   * body, or the refusal to send.
   */
  async function admit<T>(
    c: AppContext,
    schema: SafeSchema<T>,
  ): Promise<{ body: T } | { refusal: Response }> {
    let json: unknown;
    try {
      json = JSON.parse(await c.req.text());
    } catch {
      return { refusal: problem(c, 400, 'invalid-json', 'The body is not valid JSON.') };
    }
    // The site is checked before the limiter sees it, so a client cannot mint
    // buckets with made-up sites; requests for unknown sites share one bucket
    // per client, so a flood of them is limited too.
    const claimed =
      typeof json === 'object' && json !== null && 'site' in json ? json.site : undefined;
    const site =
      typeof claimed === 'string' && Object.hasOwn(config.sites, claimed) ? claimed : null;
    const decision = limiter.take(`${site ?? ''}\n${clientKey(clientAddress(c))}`);
    if (!decision.allowed) {
      c.header('Retry-After', String(decision.retryAfterSeconds));
      return {
        refusal: problem(
          c,
          429,
          'rate-limited',
          'Too many requests; try again after Retry-After seconds.',
        ),
      };
    }
    const siteConfig = site === null ? undefined : config.sites[site];
    if (siteConfig === undefined) {
      return {
        refusal: problem(
          c,
          403,
          'unknown-site',
          'This collector does not accept data for that site.',
        ),
      };
    }
    const origin = c.req.header('origin');
    if (origin !== undefined && !matchOrigin(siteConfig.origins, origin)) {
      // Another site's origin: the browser must not even learn why.
      c.header('Access-Control-Allow-Origin', undefined);
      return {
        refusal: problem(
          c,
          403,
          'origin-not-allowed',
          `The origin ${origin} may not post for this site.`,
        ),
      };
    }
    if (
      typeof json === 'object' &&
      json !== null &&
      'events' in json &&
      Array.isArray(json.events)
    ) {
      if (json.events.length > maxBatchEvents) {
        return {
          refusal: problem(
            c,
            413,
            'batch-too-large',
            `A batch may hold at most ${maxBatchEvents} events.`,
          ),
        };
      }
    }
    const result = schema.safeParse(json);
    if (!result.success) {
      const issues = result.error.issues.map((issue) => ({
        path: issue.path.map(String).join('.'),
        message: issue.message,
      }));
      return {
        refusal: problem(c, 400, 'invalid-body', 'The body does not match the contract.', issues),
      };
    }
    const unstorablePath = findUnstorableText(result.data);
    if (unstorablePath !== null) {
      return {
        refusal: problem(c, 400, 'invalid-body', 'The body does not match the contract.', [
          { path: unstorablePath, message: unstorableTextMessage },
        ]),
      };
    }
    return { body: result.data };
  }

  app.post('/v1/consent', async (c) => {
    const admitted = await admit(c, consentReceipt);
    if ('refusal' in admitted) return admitted.refusal;
    return c.json(await storage.insertReceipt(admitted.body, now()));
  });

  app.post('/v1/events', async (c) => {
    const admitted = await admit(c, eventBatch);
    if ('refusal' in admitted) return admitted.refusal;
    // An event from a device whose clock runs ahead is stored as sent, not
    // refused: refusing would lose the whole batch to a wrong clock. Its `at`
    // still keys it (a retry meets it again), and retention counts from when
    // it was received instead (see purge in create-collector-storage.ts).
    const receivedAt = now();
    return c.json(
      await storage.insertEvents(admitted.body, truncateIp(clientAddress(c)), receivedAt),
    );
  });

  app.post('/v1/leads', async (c) => {
    const admitted = await admit(c, lead);
    if ('refusal' in admitted) return admitted.refusal;
    // The rule the widget's form applies before it sends, for every client.
    const signal = leadBotSignal(admitted.body.botCheck);
    if (signal !== null) {
      return problem(
        c,
        422,
        'suspected-bot',
        signal === 'honeypot'
          ? 'The form field that only scripts fill in was filled in.'
          : `The form was sent sooner than ${minimumFillMs} ms after it was shown.`,
      );
    }
    return c.json(await storage.insertLead(admitted.body, now()));
  });

  app.post('/v1/erasure', async (c) => {
    const admitted = await admit(c, erasureRequest);
    if ('refusal' in admitted) return admitted.refusal;
    const { site, conversationIds = [] } = admitted.body;
    chat.forget(site, conversationIds);
    return c.json({ deleted: await storage.erase({ ...admitted.body, conversationIds }, now()) });
  });

  app.post('/v1/rights', async (c) => {
    const admitted = await admit(c, rightsRequest);
    if ('refusal' in admitted) return admitted.refusal;
    return c.json(await rights.submit(admitted.body, now()));
  });

  app.post('/v1/chat', async (c) => {
    const admitted = await admit(c, chatRequest);
    if ('refusal' in admitted) return admitted.refusal;
    const request = admitted.body;
    // Stops a model or the site's bot when the visitor goes away mid-answer.
    const controller = new AbortController();
    const replies = await chat.respond(request, controller.signal);
    const keep = async (sent: ChatReply[]) => {
      if (!config.storeConversations) return;
      const { site, conversationId } = request;
      await storage.insertConversationMessages(
        [
          {
            site,
            conversationId,
            messageId: request.message.id,
            from: 'visitor',
            text: request.message.text,
          },
          ...sent.map((reply) => ({
            site,
            conversationId,
            messageId: reply.id,
            from: 'bot' as const,
            text: reply.text,
          })),
        ],
        now(),
      );
    };
    if (!(c.req.header('accept') ?? '').toLowerCase().includes('text/event-stream')) {
      const sent: ChatReply[] = [];
      for (const reply of replies) {
        let text = '';
        for await (const piece of reply.deltas) text += piece;
        const actions = reply.actions();
        sent.push(actions === undefined ? { id: reply.id, text } : { id: reply.id, text, actions });
      }
      await keep(sent);
      return c.json({ replies: sent });
    }
    return streamSSE(c, async (stream) => {
      stream.onAbort(() => controller.abort());
      const sent: ChatReply[] = [];
      for (const reply of replies) {
        await stream.writeSSE({ event: 'reply-start', data: JSON.stringify({ id: reply.id }) });
        let text = '';
        for await (const piece of reply.deltas) {
          if (stream.aborted) return;
          text += piece;
          await stream.writeSSE({
            event: 'reply-delta',
            data: JSON.stringify({ id: reply.id, text: piece }),
          });
        }
        const actions = reply.actions();
        const end = actions === undefined ? { id: reply.id } : { id: reply.id, actions };
        await stream.writeSSE({ event: 'reply-end', data: JSON.stringify(end) });
        sent.push(actions === undefined ? { id: reply.id, text } : { id: reply.id, text, actions });
      }
      await stream.writeSSE({ event: 'done', data: '{}' });
      await keep(sent);
    });
  });

  app.notFound((c) => problem(c, 404, 'not-found', 'No such endpoint.'));
  app.onError((error, c) => {
    logError(error);
    return problem(c, 500, 'internal-error', 'The server failed to handle the request.');
  });

  return app;
}

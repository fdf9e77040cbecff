/** The server's settings as a zod schema: one place for names, defaults and limits. */
import { siteId } from '../protocol/common';
import { consoleSettingsSchema } from './admin/console-settings';
import { defaultRetention } from './retention-cutoffs';
import { z } from './zod-messages';

/**
 * An allowed origin: `https://acme.se`, or with `:*` for any port
 * (`http://localhost:*`), which local development needs because dev servers
 * move between ports.
 */
export const allowedOriginPattern = /^https?:\/\/[^/?#\s:]+(:(\d{1,5}|\*))?$/;

const months = z.int().check(z.gte(1), z.lte(1200));

/** Where the local demo runs; a real deployment lists its own sites. */
export const defaultSites = {
  demo: { origins: ['http://localhost:*', 'http://127.0.0.1:*'] },
};

export const serverConfigSchema = z.strictObject({
  host: z._default(z.string().check(z.minLength(1)), '127.0.0.1'),
  port: z._default(z.int().check(z.gte(0), z.lte(65_535)), 8787),
  /**
   * Path of the SQLite file, relative to the working directory (so
   * `./samtal.db` by default); `:memory:` for a throwaway database; or a
   * `postgres://user:password@host:5432/db` URL.
   */
  database: z._default(z.string().check(z.minLength(1)), 'samtal.db'),
  /** Each site that may post, and the browser origins allowed to post for it. */
  sites: z._default(
    z.record(
      siteId,
      z.strictObject({
        /** This site's own knowledge folder, instead of the shared `knowledge`. */
        knowledge: z.optional(z.string().check(z.minLength(1))),
        origins: z.array(
          z
            .string()
            .check(
              z.regex(
                allowedOriginPattern,
                'must be an origin like https://example.se or http://localhost:*',
              ),
            ),
        ),
      }),
    ),
    defaultSites,
  ),
  /** Behind a reverse proxy: take the client address from the last X-Forwarded-For entry. */
  trustProxy: z._default(z.boolean(), false),
  /** Requests per site and client address: a bucket of `requests`, refilled over `perSeconds`. */
  rateLimit: z.prefault(
    z.strictObject({
      requests: z._default(z.int().check(z.gte(1)), 300),
      perSeconds: z._default(z.int().check(z.gte(1)), 60),
    }),
    {},
  ),
  retention: z.prefault(
    z.strictObject({
      eventsMonths: z._default(months, defaultRetention.eventsMonths),
      leadsMonths: z._default(months, defaultRetention.leadsMonths),
      conversationsMonths: z._default(months, defaultRetention.conversationsMonths),
      receiptsMonths: z._default(months, defaultRetention.receiptsMonths),
    }),
    {},
  ),
  /**
   * Off by default: the FAQ bot needs no memory, and an erasure request names
   * no conversation, so stored chats could only be erased from the command line.
   */
  storeConversations: z._default(z.boolean(), false),
  durability: z._default(z.enum(['full', 'normal']), 'full'),
  /** Used when `database` is a PostgreSQL URL. */
  postgres: z.prefault(
    z.strictObject({
      /** Connections each server process may hold. */
      poolSize: z._default(z.int().check(z.gte(1), z.lte(1000)), 10),
      /** Longest a statement may run before PostgreSQL cancels it, in ms. */
      statementTimeoutMs: z._default(z.int().check(z.gte(100), z.lte(3_600_000)), 10_000),
      /** Default: disable for a server on this machine, verify-full otherwise. */
      tls: z.optional(z.enum(['disable', 'require', 'verify-full'])),
      /** A CA certificate (PEM file) to trust for verify-full. */
      caFile: z.optional(z.string().check(z.minLength(1))),
    }),
    {},
  ),
  /** The site owner's console at /admin/ (src/server/admin/). */
  console: z.prefault(consoleSettingsSchema, {}),
  /**
   * The knowledge folder (contract §7: `DIR/sv/*.md`, `DIR/en/*.md`) for every
   * site without one of its own. Without any, the bot greets, thanks and
   * offers the contact form.
   */
  knowledge: z.optional(z.string().check(z.minLength(1))),
  /** An OpenAI-compatible chat-completions API that words answers from the knowledge base. */
  llm: z.optional(
    z.strictObject({
      url: z.url({
        protocol: /^https?$/,
        error: 'must be an http(s) URL such as http://127.0.0.1:11434/v1',
      }),
      model: z.string().check(z.minLength(1), z.maxLength(200)),
      /** Seconds to wait for the first words, and between words, before the knowledge-base answer is sent instead. */
      timeoutSeconds: z._default(z.number().check(z.gt(0), z.lte(120)), 10),
    }),
  ),
  /** The site's own bot, which answers instead of the knowledge base while it is up. */
  bot: z.optional(
    z.strictObject({
      url: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }),
      protocol: z._default(z.enum(['samtal', 'rasa']), 'samtal'),
      /** Seconds per attempt; one retry after a 5xx or a network error. */
      timeoutSeconds: z._default(z.number().check(z.gt(0), z.lte(60)), 5),
    }),
  ),
  /**
   * One JSON line per request on standard output: time, method, route,
   * status, duration. Off by default; it never holds an address, a user
   * agent, a referrer, a query string or an id.
   */
  accessLog: z._default(z.boolean(), false),
});

/** The settings as the server uses them, every default filled in. */
export type ServerConfig = z.infer<typeof serverConfigSchema>;

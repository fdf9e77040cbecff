/**
 * `samtal-server [serve|migrate|export|erase|purge|stats|user|rights|check-knowledge] [flags]`. Returns
 * the exit code; `serve` resolves only when the process is asked to stop.
 */
import { type ParseArgsConfig, parseArgs } from 'node:util';
import { entityId, siteId } from '../protocol/common';
import { runUserCommand } from './admin/run-user-command';
import { checkKnowledge } from './check-knowledge';
import { configSettings, loadServerConfig, withBareBooleans } from './load-server-config';
import { retentionCutoffs } from './retention-cutoffs';
import { runRightsCommand } from './run-rights-command';
import type { ServerConfig } from './server-config';
import { KnowledgeLoadError, startServer } from './start-server';
import type { ExportQuery } from './storage/collector-storage';
import { copyDatabase } from './storage/copy-database';
import { createCollectorStorage } from './storage/create-collector-storage';
import { createRightsStorage } from './storage/create-rights-storage';
import { DatabaseProblem } from './storage/database-problem';
import { databaseOptions, openDatabase } from './storage/open-database';
import type { SamtalDatabase } from './storage/samtal-database';
import { withRightsRequests } from './storage/with-rights-requests';
import { z } from './zod-messages';

export interface CliIo {
  env: Record<string, string | undefined>;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Resolves when the process should stop serving (SIGINT, SIGTERM). */
  stopSignal?: () => Promise<void>;
  now?: () => number;
}

const usage = `Usage: samtal-server [command] [flags]

Commands:
  serve (default)   run the collector and chat server (migrates the database first)
  migrate           bring the database's schema up to this version, and say what was applied
  export            print everything held about a person, as JSON
                    --visitor ID, --consent ID, --lead ID, --conversation ID (repeatable), --site S
  erase             delete it, keeping only a record that an erasure happened
                    --site S (required) and the same id flags as export
  purge             delete what is past retention now
  stats             row counts per site
  copy --from DB --to DB  copy every row of one database into another (a SQLite file into
                    postgres://…): in key order, skipping rows the target holds, so running it
                    again finishes an interrupted copy and adds nothing twice
  user add|remove|list  who may sign in to the console at /admin/ (samtal-server user --help)
  rights list|handle|lift  the visitors' requests to correct, restrict, object (samtal-server rights --help)
  check-knowledge DIR   check a knowledge folder without starting; exit 1 on problems
                    --ask TEXT [--locale sv|en] also shows what TEXT matches and how well

Settings (flag / environment variable / config file key):
  --config FILE          SAMTAL_CONFIG                JSON file with any of the keys below
  --host HOST            SAMTAL_HOST                  host (127.0.0.1)
  --port PORT            SAMTAL_PORT                  port (8787; 0 picks a free one)
  --db FILE|URL          SAMTAL_DB                    database: a SQLite file (samtal.db in the working
                                                      directory) or postgres://user:pass@host:5432/db
  --db-pool N            SAMTAL_DB_POOL               postgres.poolSize, connections per process (10)
  --db-statement-timeout MS SAMTAL_DB_STATEMENT_TIMEOUT postgres.statementTimeoutMs (10000)
  --db-tls MODE          SAMTAL_DB_TLS                postgres.tls: disable, require, verify-full
                                                      (disable on this machine, else verify-full)
  --db-ca FILE           SAMTAL_DB_CA                 postgres.caFile, a CA to trust for verify-full
  --origins SPEC         SAMTAL_ORIGINS               sites: "site=https://a.se,https://b.se;other=…"
  --trust-proxy [BOOL]   SAMTAL_TRUST_PROXY           trustProxy (false)
  --rate-limit N/SEC     SAMTAL_RATE_LIMIT            rateLimit (300/60 per site and address)
  --events-months N      SAMTAL_EVENTS_MONTHS         retention.eventsMonths (13)
  --leads-months N       SAMTAL_LEADS_MONTHS          retention.leadsMonths (12)
  --conversations-months N SAMTAL_CONVERSATIONS_MONTHS retention.conversationsMonths (12)
  --receipts-months N    SAMTAL_RECEIPTS_MONTHS       retention.receiptsMonths (60)
  --store-conversations [BOOL] SAMTAL_STORE_CONVERSATIONS storeConversations (false)
  --durability full|normal SAMTAL_DURABILITY          durability (full)
  --access-log [BOOL]    SAMTAL_ACCESS_LOG            accessLog (false): a JSON line per request, no personal data
  --knowledge DIR        SAMTAL_KNOWLEDGE             knowledge (none: greetings and the contact form)
  --llm-url URL          SAMTAL_LLM_URL               llm.url, an OpenAI-compatible API
  --llm-model NAME       SAMTAL_LLM_MODEL             llm.model
  --llm-timeout SEC      SAMTAL_LLM_TIMEOUT           llm.timeoutSeconds (10)
                         SAMTAL_LLM_API_KEY           the model's key (environment only)
  --bot-url URL          SAMTAL_BOT_URL               bot.url, the site's own bot
  --bot-protocol P       SAMTAL_BOT_PROTOCOL          bot.protocol: samtal or rasa (samtal)
  --bot-timeout SEC      SAMTAL_BOT_TIMEOUT           bot.timeoutSeconds (5)

The knowledge folders are re-read when a file in them changes, and on SIGHUP.
`;

const options = {
  ...Object.fromEntries(configSettings.map((setting) => [setting.flag, { type: 'string' }])),
  origins: { type: 'string', multiple: true },
  config: { type: 'string' },
  visitor: { type: 'string' },
  site: { type: 'string' },
  consent: { type: 'string', multiple: true },
  lead: { type: 'string', multiple: true },
  conversation: { type: 'string', multiple: true },
  ask: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  locale: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} satisfies ParseArgsConfig['options'];

/**
 * The flags and positionals of a command line (`node:util` parseArgs); a bare
 * boolean setting flag means true (withBareBooleans).
 * @throws TypeError (code ERR_PARSE_ARGS_*) for an unknown flag or a missing value.
 */
export function parseCliFlags(argv: readonly string[]) {
  return parseArgs({ args: withBareBooleans(argv), options, allowPositionals: true });
}

const selection = z.strictObject({
  site: z.optional(siteId),
  visitorId: z.optional(entityId),
  consentIds: z.array(entityId),
  leadIds: z.array(entityId),
  conversationIds: z.array(entityId),
});

function defaultStopSignal(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
}

export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const { env, stdout, stderr, stopSignal = defaultStopSignal, now = Date.now } = io;
  if (argv[0] === 'user') return runUserCommand(argv.slice(1), { env, stdout, stderr, now });
  if (argv[0] === 'rights') return runRightsCommand(argv.slice(1), { env, stdout, stderr, now });
  let parsed: ReturnType<typeof parseCliFlags>;
  try {
    parsed = parseCliFlags(argv);
  } catch (error) {
    stderr(`samtal-server: ${(error as Error).message}\n\n${usage}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const command = positionals[0] ?? 'serve';
  if (values.help || command === 'help') {
    stdout(usage);
    return 0;
  }
  if (command === 'check-knowledge') {
    const [, dir, ...extra] = positionals;
    if (dir === undefined || extra.length > 0) {
      stderr(
        'samtal-server: check-knowledge needs one folder: samtal-server check-knowledge DIR\n',
      );
      return 2;
    }
    return checkKnowledge(dir, { ask: values.ask, locale: values.locale, stdout, stderr });
  }
  if (
    !['serve', 'migrate', 'export', 'erase', 'purge', 'stats', 'copy'].includes(command) ||
    positionals.length > 1
  ) {
    stderr(`samtal-server: unknown command ${positionals.join(' ')}\n\n${usage}`);
    return 2;
  }
  const loaded = loadServerConfig({ flags: values, env });
  if (!loaded.success) {
    stderr(`samtal-server: ${loaded.error}\n`);
    return 2;
  }
  const config = loaded.data;

  try {
    return await runCommand(command, values, config, io, now, stopSignal);
  } catch (error) {
    // The operator's mistake or the database's state, said in words; anything else is a bug.
    if (!(error instanceof DatabaseProblem)) throw error;
    stderr(`samtal-server: ${error.message}\n`);
    return 1;
  }
}

async function runCommand(
  command: string,
  values: ReturnType<
    typeof parseArgs<{ options: typeof options; allowPositionals: true }>
  >['values'],
  config: ServerConfig,
  { env, stdout, stderr }: CliIo,
  now: () => number,
  stopSignal: () => Promise<void>,
): Promise<number> {
  if (command === 'serve') {
    let server: Awaited<ReturnType<typeof startServer>>;
    try {
      server = await startServer({
        config,
        now,
        llmApiKey: env.SAMTAL_LLM_API_KEY,
        log: (message) => stderr(`samtal-server: ${message}\n`),
      });
    } catch (error) {
      if (!(error instanceof KnowledgeLoadError)) throw error;
      stderr(`samtal-server: not started: ${error.message}\n`);
      return 1;
    }
    const reload = () => void server.reloadKnowledge();
    process.on('SIGHUP', reload);
    // Listening for SIGTERM before saying so: a supervisor that stops the
    // process as soon as it reads the line would otherwise kill it unclosed.
    const stopped = stopSignal();
    stdout(`samtal-server listening on ${server.url} (database: ${server.database.label})\n`);
    try {
      await stopped;
    } finally {
      process.off('SIGHUP', reload);
      await server.close();
    }
    return 0;
  }

  if (command === 'migrate') {
    let applied: string[] = [];
    const database = await openDatabase(config.database, {
      ...databaseOptions(config),
      onMigrated: (names) => {
        applied = names;
      },
    });
    await database.close();
    stdout(
      applied.length === 0
        ? `${database.label} is up to date.\n`
        : `Applied to ${database.label}: ${applied.join(', ')}\n`,
    );
    return 0;
  }

  if (command === 'copy')
    return copyCommand(values.from, values.to, config, { stdout, stderr }, now);

  const database: SamtalDatabase = await openDatabase(config.database, databaseOptions(config));
  const storage = withRightsRequests(
    createCollectorStorage(database),
    createRightsStorage(database),
  );
  try {
    if (command === 'purge') {
      const { skipped, ...deleted } = await storage.purge(
        retentionCutoffs(now(), config.retention),
        now(),
      );
      // skipped: another process (a server) was purging at that moment and removes the same rows.
      stdout(`${JSON.stringify({ deleted, skipped }, null, 2)}\n`);
      return 0;
    }
    if (command === 'stats') {
      stdout(`${JSON.stringify(await storage.stats(), null, 2)}\n`);
      return 0;
    }
    const picked = selection.safeParse({
      site: values.site,
      visitorId: values.visitor,
      consentIds: values.consent ?? [],
      leadIds: values.lead ?? [],
      conversationIds: values.conversation ?? [],
    });
    if (!picked.success) {
      stderr(
        `samtal-server: ${picked.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}\n`,
      );
      return 2;
    }
    const { site, visitorId, consentIds, leadIds, conversationIds } = picked.data;
    const query: ExportQuery = {
      consentIds,
      leadIds,
      conversationIds,
      ...(site === undefined ? {} : { site }),
      ...(visitorId === undefined ? {} : { visitorId }),
    };
    if (
      visitorId === undefined &&
      consentIds.length + leadIds.length + conversationIds.length === 0
    ) {
      stderr('samtal-server: name whom: --visitor, --consent, --lead or --conversation\n');
      return 2;
    }
    if (command === 'export') {
      const held = await storage.exportData(query);
      stdout(`${JSON.stringify(held, null, 2)}\n`);
      if (held.unreadable.length > 0) {
        // Still the person's data: handed over as stored, with what is wrong, rather than withheld.
        stderr(
          `samtal-server: warning: ${held.unreadable.length} stored row(s) no longer match the schema; they are in "unreadable", as stored, with the reason.\n`,
        );
      }
      return 0;
    }
    if (site === undefined) {
      stderr('samtal-server: erase needs --site\n');
      return 2;
    }
    const deleted = await storage.erase(
      { site, visitorId: visitorId ?? null, consentIds, leadIds, conversationIds },
      now(),
    );
    stdout(`${JSON.stringify({ deleted }, null, 2)}\n`);
    return 0;
  } finally {
    await database.close();
  }
}

/** `samtal-server copy --from A --to B`: both opened (and migrated) with the server's settings. */
async function copyCommand(
  from: string | undefined,
  to: string | undefined,
  config: ServerConfig,
  { stdout, stderr }: Pick<CliIo, 'stdout' | 'stderr'>,
  now: () => number,
): Promise<number> {
  if (from === undefined || to === undefined || from === to) {
    stderr(
      'samtal-server: copy needs two different databases: --from samtal.db --to postgres://user@host/db\n',
    );
    return 2;
  }
  const source = await openDatabase(from, databaseOptions(config));
  try {
    const target = await openDatabase(to, databaseOptions(config));
    try {
      stdout(`Copying ${source.label} into ${target.label}\n`);
      const tables = await copyDatabase(source, target, {
        eventsKeepFrom: retentionCutoffs(now(), config.retention).events,
        now,
      });
      for (const { table, read, copied } of tables) {
        stdout(`  ${table}: ${read} rows, ${copied} copied, ${read - copied} already there\n`);
      }
      stdout('Done. Running the same command again copies only what is new.\n');
      return 0;
    } finally {
      await target.close();
    }
  } finally {
    await source.close();
  }
}

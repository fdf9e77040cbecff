/**
 * `samtal-server rights list|handle|lift`: the visitor's rights requests
 * (contract §8) from the command line, the same records the console shows.
 * `list` prints no contact details unless asked for JSON; `handle` records
 * what was done; `lift` ends a restriction or objection.
 */
import type { ParseArgsConfig } from 'node:util';
import { handlingNote } from '../protocol/admin';
import { siteId } from '../protocol/common';
import { configSettings, loadServerConfig } from './load-server-config';
import { parseSubcommand } from './parse-subcommand';
import {
  createRightsStorage,
  type RightsStatus,
  type StoredRightsRequest,
} from './storage/create-rights-storage';
import { DatabaseProblem } from './storage/database-problem';
import { openDatabase } from './storage/open-database';

export const rightsUsage = `Usage:
  samtal-server rights list [--site S] [--status open|handled] [--json]
        the requests, newest first (at most 500): kind, status, deadline, what was done.
        --json prints them whole, the corrected contact details included.
  samtal-server rights handle ID --site S [--note TEXT] [--by NAME]
        mark an open request handled, with what was done (for the record)
  samtal-server rights lift ID --site S [--by NAME]
        end a restriction or objection: the visitor's rows count again in
        statistics and marketing. Tell the visitor before lifting a restriction
        (GDPR art. 18(3)).
The database flags (--db, --config, …) work as for serve.
`;

export interface RightsCommandIo {
  env: Record<string, string | undefined>;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  now?: () => number;
}

const options = {
  ...Object.fromEntries(configSettings.map((setting) => [setting.flag, { type: 'string' }])),
  origins: { type: 'string', multiple: true },
  config: { type: 'string' },
  site: { type: 'string' },
  status: { type: 'string' },
  note: { type: 'string' },
  by: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} satisfies ParseArgsConfig['options'];

const day = 86_400_000;

/** One line per request, without personal data: the fields a correction changed, not their values. */
export function formatRightsRequests(
  requests: readonly StoredRightsRequest[],
  now: number,
): string {
  if (requests.length === 0) return 'No rights requests.\n';
  const rows = requests.map((request) => {
    const deadline = Date.parse(request.deadline);
    const due =
      request.status === 'handled'
        ? `handled ${request.handledAt?.slice(0, 10) ?? ''}`
        : deadline < now
          ? `OVERDUE since ${request.deadline.slice(0, 10)}`
          : `${Math.floor((deadline - now) / day)} d left`;
    const what =
      request.kind === 'rectify'
        ? `${request.applied} lead(s): ${Object.keys(request.changes ?? {}).join(', ') || '(erased)'}`
        : `${request.applied} id(s) marked${request.liftedAt === null ? '' : `, lifted ${request.liftedAt.slice(0, 10)}`}`;
    return [
      request.id,
      request.site,
      request.kind,
      request.status,
      request.submittedAt.slice(0, 10),
      request.deadline.slice(0, 10),
      due,
      what,
    ];
  });
  const header = ['ID', 'SITE', 'KIND', 'STATUS', 'SUBMITTED', 'DEADLINE', 'DUE', 'DONE'];
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) => cell.padEnd(widths[column] ?? 0))
      .join('  ')
      .trimEnd();
  return `${[line(header), ...rows.map(line)].join('\n')}\n`;
}

export async function runRightsCommand(
  argv: readonly string[],
  io: RightsCommandIo,
): Promise<number> {
  const { env, stdout, stderr, now = Date.now } = io;
  const parsed = parseSubcommand(
    argv,
    {
      command: 'rights',
      actions: { list: false, handle: true, lift: true },
      options,
      usage: rightsUsage,
      prefix: 'samtal-server: rights',
    },
    stdout,
    stderr,
  );
  if (parsed.exit !== undefined) return parsed.exit;
  const { values, action, argument: id } = parsed;
  const wantsId = action === 'handle' || action === 'lift';
  if (values.site !== undefined && !siteId.safeParse(values.site).success) {
    stderr(`samtal-server: --site ${values.site} is not a site id ([a-z0-9-], 1–64)\n`);
    return 2;
  }
  if (wantsId && values.site === undefined) {
    stderr(`samtal-server: rights ${action} needs --site\n`);
    return 2;
  }
  let status: RightsStatus | undefined;
  if (values.status !== undefined) {
    if (values.status !== 'open' && values.status !== 'handled') {
      stderr('samtal-server: --status must be open or handled\n');
      return 2;
    }
    status = values.status;
  }
  const note = values.note ?? null;
  if (note !== null && !handlingNote.safeParse(note).success) {
    stderr('samtal-server: --note may be at most 2000 characters\n');
    return 2;
  }
  const by = (values.by ?? 'command line').slice(0, 254);

  const loaded = loadServerConfig({ flags: values, env });
  if (!loaded.success) {
    stderr(`samtal-server: ${loaded.error}\n`);
    return 2;
  }
  let database: Awaited<ReturnType<typeof openDatabase>>;
  try {
    database = await openDatabase(loaded.data.database, { durability: loaded.data.durability });
  } catch (error) {
    if (!(error instanceof DatabaseProblem)) throw error;
    stderr(`samtal-server: ${error.message}\n`);
    return 1;
  }
  const rights = createRightsStorage(database);
  try {
    const site = values.site ?? '';
    if (action === 'list') {
      const requests = await rights.list({
        ...(values.site === undefined ? {} : { site }),
        ...(status === undefined ? {} : { status }),
      });
      stdout(
        values.json
          ? `${JSON.stringify(requests, null, 2)}\n`
          : formatRightsRequests(requests, now()),
      );
      return 0;
    }
    const requestId = id ?? '';
    const known = await rights.get(site, requestId);
    if (known === null) {
      stderr(`samtal-server: no rights request ${requestId} for ${site}\n`);
      return 1;
    }
    if (action === 'handle') {
      if (!(await rights.markHandled(site, requestId, { by, note }, now()))) {
        stderr(`samtal-server: ${requestId} was already handled (${known.handledAt ?? ''})\n`);
        return 1;
      }
      stdout(`Marked ${known.kind} request ${requestId} handled.\n`);
      return 0;
    }
    if (known.kind === 'rectify') {
      stderr(`samtal-server: ${requestId} is a rectification; there is nothing to lift\n`);
      return 1;
    }
    if (!(await rights.lift(site, requestId, by, now()))) {
      stderr(`samtal-server: ${requestId} was already lifted (${known.liftedAt ?? ''})\n`);
      return 1;
    }
    stdout(
      `Lifted ${known.kind === 'restrict' ? 'the restriction' : 'the objection'} ${requestId}: its rows count again.\n`,
    );
    return 0;
  } finally {
    await database.close();
  }
}

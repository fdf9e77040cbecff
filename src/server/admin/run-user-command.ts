/**
 * `samtal-server user add EMAIL --site S [--site T…]`, `user remove EMAIL`,
 * `user list`: who may sign in to the console, and to which sites. Only a
 * scrypt hash of the password is stored; removing a user ends their
 * sessions at once.
 */
import { randomUUID } from 'node:crypto';
import type { ParseArgsConfig } from 'node:util';
import { accountEmail, maxPasswordLength } from '../../protocol/admin';
import { siteId } from '../../protocol/common';
import { configSettings, loadServerConfig } from '../load-server-config';
import { parseSubcommand } from '../parse-subcommand';
import { openDatabase } from '../storage/open-database';
import { createPasswordHasher, type PasswordHasher } from './password-hasher';
import { readNewPassword } from './read-password';
import { consoleDatabase } from './storage/console-database';
import { createUsersStore } from './storage/create-users-store';

/** Shortest password accepted (NIST SP 800-63B asks at least 8; a console of personal data deserves more). */
export const minPasswordLength = 12;

export const userUsage = `Usage:
  samtal-server user add EMAIL --site S [--site T …]   add a console user (asks for a password,
                                                       or reads the first line of stdin)
  samtal-server user remove EMAIL                      remove a user and end their sessions
  samtal-server user list                              users, their sites and active sessions
The database flags (--db, --config, …) work as for serve.
`;

export interface UserCommandIo {
  env: Record<string, string | undefined>;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** The new password; from the terminal or stdin by default. */
  readPassword?: () => Promise<{ password: string } | { error: string }>;
  hasher?: PasswordHasher;
  now?: () => number;
}

const options = {
  ...Object.fromEntries(configSettings.map((setting) => [setting.flag, { type: 'string' }])),
  origins: { type: 'string', multiple: true },
  config: { type: 'string' },
  site: { type: 'string', multiple: true },
  help: { type: 'boolean', short: 'h' },
} satisfies ParseArgsConfig['options'];

export async function runUserCommand(argv: readonly string[], io: UserCommandIo): Promise<number> {
  const { env, stdout, stderr, now = Date.now } = io;
  const parsed = parseSubcommand(
    argv,
    {
      command: 'user',
      actions: { add: true, remove: true, list: false },
      options,
      usage: userUsage,
      prefix: 'samtal-server:',
    },
    stdout,
    stderr,
  );
  if (parsed.exit !== undefined) return parsed.exit;
  const { values, action, argument: emailArgument } = parsed;
  const wantsEmail = action === 'add' || action === 'remove';
  const email = (emailArgument ?? '').trim().toLowerCase();
  if (wantsEmail && !accountEmail.safeParse(email).success) {
    stderr(`samtal-server: ${emailArgument} is not an e-mail address\n`);
    return 2;
  }
  const sites = values.site ?? [];
  if (action === 'add') {
    const bad = sites.find((site) => !siteId.safeParse(site).success);
    if (sites.length === 0 || bad !== undefined) {
      stderr(
        bad
          ? `samtal-server: --site ${bad}: a site id is 1–64 of a-z, 0-9 and -\n`
          : 'samtal-server: user add needs at least one --site\n',
      );
      return 2;
    }
  } else if (sites.length > 0) {
    stderr(`samtal-server: --site is for user add only\n`);
    return 2;
  }
  const { site: _sites, ...configFlags } = values;
  const loaded = loadServerConfig({ flags: configFlags, env });
  if (!loaded.success) {
    stderr(`samtal-server: ${loaded.error}\n`);
    return 2;
  }
  const config = loaded.data;

  let password = '';
  if (action === 'add') {
    const read = await (io.readPassword ?? (() => readNewPassword(process.stdin, stderr)))();
    if ('error' in read) {
      stderr(`samtal-server: ${read.error}\n`);
      return 2;
    }
    password = read.password;
    if ([...password].length < minPasswordLength || password.length > maxPasswordLength) {
      stderr(
        `samtal-server: the password must be ${minPasswordLength} to ${maxPasswordLength} characters\n`,
      );
      return 2;
    }
  }

  const database = await openDatabase(config.database, { durability: config.durability });
  try {
    const users = createUsersStore(consoleDatabase(database));
    if (action === 'list') {
      const list = await users.listUsers();
      if (list.length === 0)
        stdout('No console users yet. Add one with: samtal-server user add EMAIL --site SITE\n');
      for (const user of list) {
        stdout(
          `${user.email}\t${user.sites.join(',')}\tsince ${new Date(user.createdAt).toISOString().slice(0, 10)}\t${user.activeSessions} active session(s)\n`,
        );
      }
      return 0;
    }
    if (action === 'remove') {
      if (!(await users.removeUser(email))) {
        stderr(`samtal-server: no console user ${email}\n`);
        return 1;
      }
      stdout(`Removed ${email}; their sessions ended.\n`);
      return 0;
    }
    const hasher = io.hasher ?? createPasswordHasher();
    const added = await users.addUser(
      { id: randomUUID(), email, passwordHash: await hasher.hash(password), sites },
      now(),
    );
    if (!added) {
      stderr(`samtal-server: ${email} already has an account; remove it first to change it\n`);
      return 1;
    }
    const unknown = sites.filter((site) => !Object.hasOwn(config.sites, site));
    if (unknown.length > 0)
      stderr(`Note: ${unknown.join(', ')} is not among this server's configured sites.\n`);
    stdout(`Added ${email} for ${sites.join(', ')}. They sign in at /admin/.\n`);
    return 0;
  } finally {
    await database.close();
  }
}

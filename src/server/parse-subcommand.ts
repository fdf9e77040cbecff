/**
 * The command line of `samtal-server <command> <action> [argument] [--options]`
 * (`user`, `rights`), parsed with node:util's `parseArgs` the same way for each.
 */
import { type ParseArgsConfig, parseArgs } from 'node:util';

type Options = NonNullable<ParseArgsConfig['options']> & { help: { type: 'boolean' } };
type Values<O extends Options> = ReturnType<
  typeof parseArgs<{ args: string[]; options: O; allowPositionals: true }>
>['values'];

export interface SubcommandSpec<O extends Options> {
  /** The command's name as the error names it: `rights` gives "not a rights command". */
  command: string;
  /** Whether an action takes one argument (an id, an e-mail address) or none. */
  actions: Readonly<Record<string, boolean>>;
  options: O;
  usage: string;
  /** Prefix of a refused line; "samtal-server: rights" for `rights`. */
  prefix: string;
}

/**
 * Returns `{ values, action, argument }`, or `{ exit }` once it has written
 * why: 0 after `--help` (usage to stdout), 2 for an unknown option or action,
 * a missing or extra argument (the message and usage to stderr).
 */
export function parseSubcommand<O extends Options>(
  argv: readonly string[],
  spec: SubcommandSpec<O>,
  stdout: (text: string) => void,
  stderr: (text: string) => void,
):
  | { values: Values<O>; action: string; argument: string | undefined; exit?: undefined }
  | { exit: number } {
  let parsed: ReturnType<typeof parseArgs<{ args: string[]; options: O; allowPositionals: true }>>;
  try {
    parsed = parseArgs({ args: [...argv], options: spec.options, allowPositionals: true });
  } catch (error) {
    stderr(`samtal-server: ${(error as Error).message}\n\n${spec.usage}`);
    return { exit: 2 };
  }
  const { values, positionals } = parsed;
  const [action, argument, ...extra] = positionals;
  // `Options` requires `help: boolean`; parseArgs' generic values do not carry that through.
  const help = (values as { help?: boolean }).help === true;
  if (help || action === undefined) {
    (help ? stdout : stderr)(spec.usage);
    return { exit: help ? 0 : 2 };
  }
  const wantsArgument = Object.hasOwn(spec.actions, action) ? spec.actions[action] : undefined;
  if (
    wantsArgument === undefined ||
    extra.length > 0 ||
    (wantsArgument ? argument === undefined : argument !== undefined)
  ) {
    stderr(
      `${spec.prefix} ${positionals.join(' ')}: not a ${spec.command} command\n\n${spec.usage}`,
    );
    return { exit: 2 };
  }
  return { values, action, argument };
}

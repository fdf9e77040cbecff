/**
 * `samtal-server <args>` in this process (runCli), with what it prints
 * captured: for tests of the command line's exit codes and output.
 */
import { type CliIo, runCli } from '../../../src/server/run-cli';

export interface CliRun {
  /** The exit code: 0 done, 1 an operator-facing problem, 2 a usage error. */
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs `args` with no environment unless `io.env` gives one, the real clock
 * unless `io.now` gives another, and a stop signal that resolves at once (so
 * `serve` stops as soon as it has started).
 */
export async function runCliCaptured(
  args: readonly string[],
  io: Partial<Pick<CliIo, 'env' | 'now'>> = {},
): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, {
    env: io.env ?? {},
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    stopSignal: () => Promise.resolve(),
    ...(io.now ? { now: io.now } : {}),
  });
  return { code, stdout, stderr };
}

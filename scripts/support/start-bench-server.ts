/**
 * `samtal-server serve` as a process of its own, for the measuring scripts
 * (bench:server, measure:abuse): run from the sources under tsx, on
 * 127.0.0.1 and a free port, with one site, `acme-se`, posting from
 * {@link benchOrigin}, so the load generator does not share the server's
 * event loop. Standard error goes to the script's own.
 */
import { type ChildProcess, spawn } from 'node:child_process';

/** The origin the scripts post from: the one `acme-se` allows. */
export const benchOrigin = 'https://acme.se';

export interface BenchServerOptions {
  /** `--db`: a SQLite file's path or a `postgres://…` URL. */
  database: string;
  /** `--rate-limit` as `requests/seconds`, per site and client address. */
  rateLimit: string;
  /** More `serve` options, e.g. `['--durability', 'normal']`. */
  extraArgs?: readonly string[];
}

export interface BenchServer {
  child: ChildProcess;
  /** `http://127.0.0.1:<port>`, from the server's `listening on URL` line. */
  url: string;
  /** SIGTERM, and resolves once the process has exited (at once if it already has). */
  stop(): Promise<void>;
}

/** @throws when the process exits before it says it is listening (a bad `--db`, say). */
export function startBenchServer(options: BenchServerOptions): Promise<BenchServer> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'src/server/main.ts',
      'serve',
      '--port',
      '0',
      '--db',
      options.database,
      '--origins',
      `acme-se=${benchOrigin}`,
      '--rate-limit',
      options.rateLimit,
      ...(options.extraArgs ?? []),
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
  };
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const url = /listening on (http:\/\/\S+)/.exec(output)?.[1];
      if (url !== undefined) resolve({ child, url, stop });
    });
    child.once('exit', (code) => reject(new Error(`samtal-server exited with ${code}`)));
  });
}

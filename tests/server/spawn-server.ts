/**
 * `samtal-server` as processes of their own, started from the bundle the
 * global set-up made (starting under tsx cost seconds per process on a loaded
 * machine), for the tests that kill a process or run several on one database.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { afterEach, inject } from 'vitest';
import type { EventBatch } from '../../src/protocol';
import { siteOrigin } from './payloads';

export interface SpawnedServer {
  child: ChildProcess;
  url: string;
  /** What the process wrote to standard error so far (errors it logged). */
  errors(): string;
  /** SIGTERM, and resolves with the exit code once it has exited. */
  stop(): Promise<number | null>;
}

/** Resolves when `child` has exited (at once when it already has). */
export function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/**
 * Returns `spawnServer(database, extraArgs)`, and SIGKILLs whatever it started
 * after every test, so a failed test leaves no process behind.
 */
export function useSpawnedServers(): (
  database: string,
  extraArgs?: readonly string[],
) => Promise<SpawnedServer> {
  const children: ChildProcess[] = [];
  afterEach(async () => {
    for (const child of children.splice(0)) {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited(child);
    }
  });
  return (database, extraArgs = []) => {
    const child = spawn(
      process.execPath,
      [
        inject('serverEntry'),
        'serve',
        '--port',
        '0',
        '--db',
        database,
        '--origins',
        `acme-se=${siteOrigin}`,
        '--rate-limit',
        '1000000/1',
        ...extraArgs,
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    children.push(child);
    let errors = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      errors += chunk.toString();
    });
    return new Promise((resolve, reject) => {
      let output = '';
      child.stdout?.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const url = /listening on (http:\/\/\S+)/.exec(output)?.[1];
        if (url !== undefined) {
          resolve({
            child,
            url,
            errors: () => errors,
            async stop() {
              child.kill('SIGTERM');
              await exited(child);
              return child.exitCode;
            },
          });
        }
      });
      child.once('exit', (code) =>
        reject(new Error(`the server exited (${code}) before listening: ${errors}`)),
      );
    });
  };
}

/** What the collector answered to one POST; status 0 when the request itself failed (process gone). */
export interface Answer {
  status: number;
  body: Record<string, unknown> | null;
}

/** POSTs `body` to `path` as the widget on the site's origin does. */
export function post(url: string, path: string, body: unknown): Promise<Answer> {
  return fetch(`${url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: siteOrigin },
    body: JSON.stringify(body),
  }).then(
    async (response) => ({
      status: response.status,
      body: (await response.json().catch(() => null)) as Record<string, unknown> | null,
    }),
    () => ({ status: 0, body: null }),
  );
}

/** True when the collector acknowledged the batch (200). */
export function sendBatch(url: string, batch: EventBatch): Promise<boolean> {
  return post(url, '/v1/events', batch).then((answer) => answer.status === 200);
}

/**
 * A throwaway PostgreSQL cluster for the tests: Debian's `initdb` and
 * `pg_ctl` in a temporary folder, on a free port on 127.0.0.1, trusting local
 * connections, without fsync (nothing here must survive a power cut). As
 * root it runs as the `postgres` user, since PostgreSQL refuses to run as root.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface PostgresCluster {
  /** `postgres://postgres@127.0.0.1:PORT/postgres`. */
  url: string;
  stop(): void;
}

/** The newest Debian PostgreSQL's programs, or SAMTAL_PG_BIN. */
function binaries(): string {
  if (process.env.SAMTAL_PG_BIN) return process.env.SAMTAL_PG_BIN;
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((name) => existsSync(join(root, name, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions[0] === undefined) {
    throw new Error(
      'PostgreSQL is not installed: apt-get install -y postgresql (the tests start their own cluster).',
    );
  }
  return join(root, versions[0], 'bin');
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

export interface ClusterOptions {
  /**
   * Sync every commit to disk as a production server does (`fsync`,
   * `synchronous_commit`, `full_page_writes` on), for the benchmark. The
   * tests turn them off: nothing there must survive a power cut.
   */
  durable?: boolean;
}

export async function startPostgresCluster({
  durable = false,
}: ClusterOptions = {}): Promise<PostgresCluster> {
  const bin = binaries();
  const folder = mkdtempSync(join(tmpdir(), 'samtal-pg-'));
  const data = join(folder, 'data');
  const asRoot = process.getuid?.() === 0;
  const user = asRoot
    ? {
        uid: Number(execFileSync('id', ['-u', 'postgres']).toString()),
        gid: Number(execFileSync('id', ['-g', 'postgres']).toString()),
      }
    : undefined;
  if (user) chownSync(folder, user.uid, user.gid);
  const run = (program: string, args: string[]) => {
    const result = spawnSync(join(bin, program), args, {
      cwd: folder,
      encoding: 'utf8',
      ...(user ?? {}),
    });
    if (result.status !== 0) {
      throw new Error(`${program} failed: ${result.stderr || result.stdout || result.error}`);
    }
  };
  run('initdb', [
    '-D',
    data,
    '-U',
    'postgres',
    '--auth=trust',
    '--no-sync',
    '-E',
    'UTF8',
    '--locale=C',
  ]);
  const port = await freePort();
  run('pg_ctl', [
    '-D',
    data,
    '-l',
    join(folder, 'server.log'),
    '-w',
    '-t',
    '120',
    '-o',
    `-p ${port} -k ${folder} -c listen_addresses=127.0.0.1 -c max_connections=400${durable ? '' : ' -c fsync=off -c synchronous_commit=off -c full_page_writes=off'}`,
    'start',
  ]);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop() {
      spawnSync(join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', 'stop'], {
        cwd: folder,
        ...(user ?? {}),
      });
      rmSync(folder, { recursive: true, force: true });
    },
  };
}

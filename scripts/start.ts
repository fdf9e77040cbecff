/**
 * `npm start`: builds the widget, serves the demo on http://127.0.0.1:5173
 * and opens it. A change under src/ rebuilds the widget and reloads the page.
 *
 * `npm run demo:server` (SAMTAL_DEMO_BACKEND=server) also starts the
 * reference server on 127.0.0.1:8787 with a database in samtal-demo.db, and
 * the demo page talks to it instead of msw.
 */
import { spawn, spawnSync } from 'node:child_process';
import { watch } from 'node:fs';
import { createServer } from 'vite';

const root = new URL('..', import.meta.url).pathname;

function buildWidget(): boolean {
  const result = spawnSync('npx', ['tsx', 'scripts/build.ts'], { cwd: root, stdio: 'inherit' });
  return result.status === 0;
}

if (!buildWidget()) process.exit(1);

if (process.env.SAMTAL_DEMO_BACKEND === 'server') {
  const server = spawn(
    'npx',
    [
      'tsx',
      'src/server/main.ts',
      '--db',
      'samtal-demo.db',
      '--knowledge',
      'demo/knowledge',
      '--origins',
      'ljungberg-ek=http://127.0.0.1:5173,http://localhost:5173',
    ],
    { cwd: root, stdio: 'inherit' },
  );
  process.on('exit', () => server.kill());
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => process.exit(0));
}

const server = await createServer({
  configFile: new URL('../demo/vite.config.ts', import.meta.url).pathname,
  server: { open: process.env.CI ? false : '/' },
});
await server.listen();
server.printUrls();

let timer: ReturnType<typeof setTimeout> | null = null;
watch(new URL('../src', import.meta.url), { recursive: true }, () => {
  if (timer) clearTimeout(timer);
  timer = setTimeout(() => {
    if (buildWidget()) server.ws.send({ type: 'full-reload' });
  }, 200);
});

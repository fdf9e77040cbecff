/**
 * The demo's dev server. It serves the built widget from dist/ at the site's
 * root (/samtal.js, /samtal-boot.js, /chunks/…), so the demo page loads the
 * same files a customer's page does; the demo's own code runs through Vite.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';
import { defineConfig, type Plugin } from 'vite';

const dist = new URL('../dist/', import.meta.url).pathname;
const backend = process.env.SAMTAL_DEMO_BACKEND === 'server' ? 'server' : 'msw';
const serverBase = process.env.SAMTAL_SERVER_URL ?? 'http://127.0.0.1:8787';

function serveDist(): Plugin {
  return {
    name: 'samtal-serve-dist',
    configureServer(server) {
      server.middlewares.use((request, response, next) => {
        const path = (request.url ?? '').split('?')[0] ?? '';
        if (!/^\/(samtal[\w-]*\.js|chunks\/[\w.-]+\.js)$/.test(path)) return next();
        const file = normalize(join(dist, path));
        if (!file.startsWith(dist) || !existsSync(file) || !statSync(file).isFile()) return next();
        response.setHeader(
          'content-type',
          extname(file) === '.js' ? 'text/javascript; charset=utf-8' : 'application/octet-stream',
        );
        response.setHeader('cache-control', 'no-store');
        createReadStream(file).pipe(response);
      });
    },
  };
}

/** With the real server, the embed points at it instead of the mocked hosts. */
function pointAtServer(): Plugin {
  return {
    name: 'samtal-point-at-server',
    transformIndexHtml(html) {
      if (backend !== 'server') return html;
      return html
        .replaceAll('https://collector.example/v1', `${serverBase}/v1`)
        .replaceAll('https://bot.example/v1/chat', `${serverBase}/v1/chat`);
    },
  };
}

export default defineConfig({
  root: new URL('.', import.meta.url).pathname,
  publicDir: 'public',
  define: { __SAMTAL_DEMO_BACKEND__: JSON.stringify(backend) },
  plugins: [serveDist(), pointAtServer()],
  server: { host: '127.0.0.1', port: 5173 },
  build: {
    outDir: new URL('../dist/demo/', import.meta.url).pathname,
    rolldownOptions: {
      input: {
        index: new URL('index.html', import.meta.url).pathname,
        policy: new URL('integritetspolicy.html', import.meta.url).pathname,
        npm: new URL('npm.html', import.meta.url).pathname,
      },
    },
  },
});

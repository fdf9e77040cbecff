/**
 * A host page server on 127.0.0.1 for end-to-end tests: serves the built
 * widget from dist/ and test pages given as strings, with any headers (a
 * strict CSP, for one).
 */
import { readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, normalize } from 'node:path';

const dist = new URL('../../../dist/', import.meta.url).pathname;

export interface TestPage {
  html: string;
  headers?: Record<string, string>;
}

export interface StaticServer {
  origin: string;
  /** Adds or replaces a page at `path`. */
  page(path: string, page: TestPage): void;
  close(): Promise<void>;
}

export async function startStaticServer(): Promise<StaticServer> {
  const pages = new Map<string, TestPage>();
  const server: Server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    if (path === '/favicon.ico') {
      // Chromium asks for it on every page; a 404 would be console noise in every test.
      response.writeHead(204);
      response.end();
      return;
    }
    const page = pages.get(path);
    if (page) {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', ...page.headers });
      response.end(page.html);
      return;
    }
    if (path.startsWith('/dist/')) {
      const file = normalize(join(dist, path.slice('/dist/'.length)));
      try {
        if (file.startsWith(dist) && statSync(file).isFile()) {
          // As a CDN serves it: module chunks load in CORS mode, so a page in an
          // opaque origin (an iframe sandboxed without allow-same-origin) needs this.
          response.writeHead(200, {
            'content-type': 'text/javascript; charset=utf-8',
            'access-control-allow-origin': '*',
          });
          response.end(readFileSync(file));
          return;
        }
      } catch {
        // Falls through to the 404 below.
      }
    }
    response.writeHead(404, { 'content-type': 'text/plain' });
    response.end('not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    page: (path, page) => {
      pages.set(path, page);
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** A plain host page embedding dist/samtal.js with the given data-* attributes. */
export function hostPage(
  attributes: Record<string, string>,
  { head = '', body = '' } = {},
): string {
  const attrs = Object.entries(attributes)
    .map(([name, value]) => ` data-${name}="${value.replaceAll('"', '&quot;')}"`)
    .join('');
  return `<!doctype html>
<html lang="sv">
<head><meta charset="utf-8"><title>Host page</title>${head}
<script async src="/dist/samtal.js"${attrs}></script>
</head>
<body>${body || '<main><h1>Host page</h1><p>Some content.</p><a id="internal" href="/other">Other page</a></main>'}</body>
</html>`;
}

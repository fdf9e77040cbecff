/**
 * Serves the built widget at `/widget/` (`samtal.js`, `samtal-boot.js`,
 * `chunks/…`), so a site can load it from the same server that collects for
 * it. Cross-origin by nature: any page may load it, and the lazy chunks are
 * ES modules, which browsers fetch with CORS.
 */
import type { Hono } from 'hono';
import type { BuiltFile } from './built-files';

export function serveWidget(app: Hono, files: ReadonlyMap<string, BuiltFile>): void {
  app.get('/widget/*', (c) => {
    const name = c.req.path.slice('/widget/'.length);
    const file = files.get(name);
    c.header('Access-Control-Allow-Origin', '*');
    c.header('Cross-Origin-Resource-Policy', 'cross-origin');
    c.header('X-Content-Type-Options', 'nosniff');
    if (file === undefined) return c.json({ code: 'not-found', message: 'No such file.' }, 404);
    // The entry keeps its name so the tag never changes; lazy chunks carry a hash in theirs.
    c.header(
      'Cache-Control',
      name.startsWith('chunks/') ? 'public, max-age=31536000, immutable' : 'public, max-age=300',
    );
    c.header('Content-Type', file.contentType);
    return c.body(file.body as Uint8Array<ArrayBuffer>);
  });
}

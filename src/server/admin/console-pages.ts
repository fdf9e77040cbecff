/**
 * The console's pages at `/admin/`. With a valid session every page is the
 * console (`index.html`), except another site's pages, which answer 404;
 * without one every page is the sign-in page, so after signing in a reload
 * of the same address shows what was asked for. Assets are public (they hold
 * no data) and cached for good: their names carry a content hash.
 */
import type { Context, Hono } from 'hono';
import type { AdminEnv } from './admin-context';
import type { BuiltFile } from './built-files';
import {
  isHttps,
  pageCsp,
  type RequestSecurityOptions,
  setSecurityHeaders,
} from './request-security';
import type { SessionUser } from './storage/create-users-store';

export interface ConsolePagesOptions {
  files: ReadonlyMap<string, BuiltFile>;
  security: RequestSecurityOptions;
  signedIn: (c: Context) => Promise<SessionUser | null>;
}

const notBuilt = `<!doctype html><html lang="en"><meta charset="utf-8"><title>Samtal console not built</title>
<h1>The console is not built</h1><p>Run <code>npm run build</code>, then start the server again.</p></html>`;

export function consolePages(
  app: Hono<AdminEnv>,
  { files, security, signedIn }: ConsolePagesOptions,
): void {
  const page = (c: Context, name: string, status: 200 | 404) => {
    setSecurityHeaders(c, pageCsp, isHttps(c, security));
    c.header('Vary', 'Cookie');
    c.header('Cache-Control', 'no-store');
    const file = files.get(name);
    if (file === undefined) return c.html(notBuilt, 503);
    c.header('Content-Type', file.contentType);
    return c.body(file.body as Uint8Array<ArrayBuffer>, status);
  };

  app.get('/admin', (c) => c.redirect('/admin/', 308));

  app.get('/admin/*', async (c) => {
    const name = c.req.path.slice('/admin/'.length);
    const asset = !name.endsWith('.html') ? files.get(name) : undefined;
    if (asset !== undefined) {
      setSecurityHeaders(c, pageCsp, isHttps(c, security));
      c.header('Content-Type', asset.contentType);
      c.header(
        'Cache-Control',
        name.startsWith('assets/') ? 'public, max-age=31536000, immutable' : 'public, max-age=3600',
      );
      return c.body(asset.body as Uint8Array<ArrayBuffer>);
    }
    const user = await signedIn(c);
    if (user === null) return page(c, 'sign-in.html', 200);
    const site = /^sites\/([a-z0-9-]+)(?:\/|$)/.exec(name)?.[1];
    if (/^sites\//.test(name) && (site === undefined || !user.sites.includes(site)))
      return page(c, 'index.html', 404);
    return page(c, 'index.html', 200);
  });
}

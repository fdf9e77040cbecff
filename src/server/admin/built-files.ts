/**
 * The built console and widget, read once into memory at start. Only files
 * found at start are ever served, by exact name, so no request path can
 * reach outside the folder.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/** A file ready to serve. */
export interface BuiltFile {
  body: Uint8Array;
  contentType: string;
}

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

/**
 * `dist/` wherever this module runs from: the bundled server sits in
 * `dist/server/`, the sources in `src/server/admin/`.
 */
export function findDist(): string | null {
  for (const candidate of ['../', '../../../dist/']) {
    const folder = fileURLToPath(new URL(candidate, import.meta.url));
    if (existsSync(join(folder, 'samtal.js')) || existsSync(join(folder, 'console', 'index.html')))
      return folder;
  }
  return null;
}

/** Every file under `folder` whose relative path `keep` accepts, by that path. */
export function readBuiltFiles(
  folder: string,
  keep: (path: string) => boolean = () => true,
): Map<string, BuiltFile> {
  const files = new Map<string, BuiltFile>();
  if (!existsSync(folder)) return files;
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else {
        const key = relative(folder, path).split('\\').join('/');
        const extension = /\.[a-z0-9]+$/.exec(name)?.[0] ?? '';
        if (keep(key) && extension in types)
          files.set(key, {
            body: readFileSync(path),
            contentType: types[extension] ?? 'application/octet-stream',
          });
      }
    }
  };
  walk(folder);
  return files;
}

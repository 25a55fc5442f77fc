import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { matchLanguage } from '../../src/i18n/languages.ts';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';

/** The types a built page's files need, by extension (the package check's static server too). */
export const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * As the guide's nginx and Caddy configurations choose (docs/deploying.md, decision 027): the page
 * in the first language the browser names, where the build wrote one (`index.<language>.html`).
 */
function negotiatedPage(root: string, path: string, acceptLanguage: string | undefined): string | undefined {
  const language = matchLanguage(acceptLanguage?.split(',')[0]?.split(';')[0] ?? '');
  const file = language ? `${path}index.${language}.html` : undefined;
  return file && existsSync(join(root, file)) ? file : undefined;
}

/**
 * Serves a folder on loopback the same way for every page the bench compares: no compression, no
 * cache headers, each file read once and kept. `overrides` replaces files by path (`/config.json`);
 * `negotiate` serves each visitor's language as the guide's configurations do.
 */
export async function serveFolder(
  root: string,
  overrides: Record<string, string> = {},
  { negotiate = false }: { negotiate?: boolean } = {},
) {
  const cache = new Map<string, Buffer>();
  const server = createServer((request, response) => {
    const path = normalize(decodeURIComponent((request.url ?? '/').split('?')[0] ?? '/'));
    const negotiated =
      negotiate && path.endsWith('/') ? negotiatedPage(root, path, request.headers['accept-language']) : undefined;
    const file = negotiated ?? (path.endsWith('/') ? `${path}index.html` : path);
    const override = overrides[file];
    const send = (body: Buffer) =>
      response.writeHead(200, { 'Content-Type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream' }).end(body);
    if (override !== undefined) {
      send(Buffer.from(override));
      return;
    }
    const cached = cache.get(file);
    if (cached) {
      send(cached);
      return;
    }
    readFile(join(root, file))
      .then((body) => {
        cache.set(file, body);
        send(body);
      })
      .catch(() => response.writeHead(404).end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${String((server.address() as AddressInfo).port)}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

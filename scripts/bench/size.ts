import react from '@vitejs/plugin-react';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';
import { MOCK_CODE_MARKERS } from '../../e2e/support/mock-code';

export interface StartupSize {
  /** What `index.html` loads before the page can run: its scripts, module preloads and styles. */
  files: { name: string; bytes: number; gzip: number }[];
  gzip: number;
}

export async function buildApp(outDir: string, mode: 'production' | 'mock'): Promise<void> {
  await build({ configFile: 'vite.config.ts', mode, logLevel: 'error', build: { outDir, emptyOutDir: true } });
}

export async function buildReactFloor(outDir: string): Promise<void> {
  await build({
    configFile: false,
    root: 'scripts/bench/react-floor',
    base: './',
    plugins: [react()],
    logLevel: 'error',
    build: { outDir, emptyOutDir: true },
  });
}

/**
 * The chunk of the English `start` messages, which the page loads (beside `config.json`) before its
 * first render: part of the start-up path though `index.html` does not name it.
 */
async function defaultCatalogChunk(outDir: string): Promise<string[]> {
  const english = JSON.parse(await readFile('src/locales/en/start.json', 'utf8')) as Record<string, string>;
  const marker = english['app.configFailed'] ?? '';
  for (const name of (await readdir(join(outDir, 'assets'))).filter((file) => file.endsWith('.js'))) {
    if ((await readFile(join(outDir, 'assets', name), 'utf8')).includes(marker)) return [`assets/${name}`];
  }
  return [];
}

/**
 * gzip -9 of each file `index.html` loads at start (`<script src>`, `modulepreload`, stylesheets),
 * and of the default language's first messages.
 */
export async function startupSize(outDir: string): Promise<StartupSize> {
  const html = await readFile(join(outDir, 'index.html'), 'utf8');
  const names = [
    ...html.matchAll(/<script[^>]*\ssrc="([^"]+)"/g),
    ...html.matchAll(/<link[^>]*rel="(?:modulepreload|stylesheet)"[^>]*href="([^"]+)"/g),
  ].map((match) => (match[1] ?? '').replace(/^\.\//, ''));
  names.push(...(await defaultCatalogChunk(outDir)));
  const files = await Promise.all(
    names.map(async (name) => {
      const body = await readFile(join(outDir, name));
      return { name, bytes: body.byteLength, gzip: gzipSync(body, { level: 9 }).byteLength };
    }),
  );
  return { files, gzip: files.reduce((sum, file) => sum + file.gzip, 0) };
}

/** Every file of the build that contains mock code, with the marker found. */
export async function mockCodeIn(outDir: string): Promise<string[]> {
  const found: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        await walk(path);
      } else if (/\.(js|html|css)$/.test(entry.name)) {
        const text = await readFile(path, 'utf8');
        const marker = MOCK_CODE_MARKERS.find((candidate) => text.includes(candidate));
        if (marker) found.push(`${path} (${marker})`);
      }
    }
  };
  await walk(outDir);
  return found;
}

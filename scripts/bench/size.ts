import react from '@vitejs/plugin-react';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';
import { MOCK_CODE_MARKERS } from '../../e2e/support/mock-code';
import { startFilesOf } from '../../src/prerender/start-files.ts';

export interface StartupSize {
  /** `index.html`, what it loads before the page can run (scripts, module preloads, styles), and the visitor's first messages. */
  files: { name: string; bytes: number; gzip: number }[];
  gzip: number;
  /** The whole `index.html`, gzip -9. */
  document: number;
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
 * The chunk of a language's `start` messages, which the page loads (beside `config.json`) before its
 * first render: part of the start-up path though `index.html` does not name it.
 */
async function catalogChunk(outDir: string, language: string): Promise<string[]> {
  const messages = JSON.parse(await readFile(`src/locales/${language}/start.json`, 'utf8')) as Record<string, string>;
  const marker = JSON.stringify(messages['app.configFailed'] ?? '').slice(1, -1);
  for (const name of (await readdir(join(outDir, 'assets'))).filter(
    // Not a first-paint file, which carries the same messages for a visitor of another page's language.
    (file) => file.endsWith('.js') && !file.startsWith('first-paint-'),
  )) {
    if ((await readFile(join(outDir, 'assets', name), 'utf8')).includes(marker)) return [`assets/${name}`];
  }
  throw new Error(`no start messages of ${language} in ${outDir}`);
}

/**
 * The file of a visitor's first paint, when their language is not the build's: the script before
 * paint has the parser load it before the body (decision 025).
 */
async function firstPaintChunk(outDir: string, language: string, html: string): Promise<string[]> {
  if (/<html lang="([^"]*)"/.exec(html)?.[1] === language) return [];
  const name = (await readdir(join(outDir, 'assets'))).find((file) => file.startsWith(`first-paint-${language}-`));
  if (!name) throw new Error(`no first paint of ${language} in ${outDir}`);
  return [`assets/${name}`];
}

/** Everything inside `<style>` and `<script>` elements of a page: its inline code and data. */
export function inlineCodeAndData(html: string): string {
  return [...html.matchAll(/<(style|script)\b[^>]*>([\s\S]*?)<\/\1>/g)].map((match) => match[2] ?? '').join('\n');
}

/**
 * The start-up code and data one visitor downloads, gzip -9 (decisions 023 and 025): every file
 * `index.html` loads at start (`<script src>`, `modulepreload`, stylesheets, and the code its `start-app`
 * script asks for), what it carries inline
 * (its styles and scripts, compressed together as they travel in one document), and the first
 * messages of the visitor's language (none for React alone): for the build's language a catalog
 * chunk, for another the file of its first paint, which brings them. Not counted
 * here: the document's own markup (the form, its meta tags), which is content a static page has too;
 * `document` is the whole `index.html`, for the figure of everything a visitor downloads.
 */
export async function startupSize(outDir: string, language?: string): Promise<StartupSize> {
  const html = await readFile(join(outDir, 'index.html'), 'utf8');
  // The tags of the document, not what its inline scripts write.
  const tags = html.replace(/(<script\b[^>]*>)[\s\S]*?<\/script>/g, '$1</script>');
  const names = [
    ...tags.matchAll(/<script[^>]*\ssrc="([^"]+)"/g),
    ...tags.matchAll(/<link[^>]*rel="(?:modulepreload|stylesheet)"[^>]*href="([^"]+)"/g),
    // And the code the page's script after the form asks for (decision 026).
  ]
    .map((match) => (match[1] ?? '').replace(/^\.\//, ''))
    .concat(startFilesOf(html).filter((name) => name.endsWith('.js')));
  if (language) {
    // Another language than the build's: its first paint's file brings its first messages too.
    const firstPaint = await firstPaintChunk(outDir, language, html);
    names.push(...(firstPaint.length > 0 ? firstPaint : await catalogChunk(outDir, language)));
  }
  const size = (name: string, body: Buffer) => ({
    name,
    bytes: body.byteLength,
    gzip: gzipSync(body, { level: 9 }).byteLength,
  });
  const inline = Buffer.from(inlineCodeAndData(html));
  const files = [
    ...(inline.byteLength > 0 ? [size('index.html: inline styles, scripts and data', inline)] : []),
    ...(await Promise.all(names.map(async (name) => size(name, await readFile(join(outDir, name)))))),
  ];
  return {
    files,
    gzip: files.reduce((sum, file) => sum + file.gzip, 0),
    document: gzipSync(html, { level: 9 }).byteLength,
  };
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

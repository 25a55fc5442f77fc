import react from '@vitejs/plugin-react';
import { readFileSync } from 'node:fs';
import { build, createServer, type Plugin } from 'vite';
import { directionOf, matchLanguage, SOURCE_LANGUAGE, type Language } from '../../src/i18n/languages.ts';
import type { PrerenderedWith } from '../../src/prerender/prerendered';
import type { PrerenderedPage } from '../../src/prerender/render-page';
import { configFile, readBuildConfig } from './config-checks.ts';

/** JSON inside `<script type="application/json">`: nothing in it may close the element. */
const jsonForHtml = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');
const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The language the page is prerendered in: the config's `default_language`, else English. */
export function prerenderLanguage(config: Record<string, unknown> = readBuildConfig(configFile())): Language {
  return (
    (typeof config.default_language === 'string' ? matchLanguage(config.default_language) : undefined) ??
    SOURCE_LANGUAGE
  );
}

/** `before-paint.ts`, built on its own as a classic script: it must run before the body is painted. */
async function buildBeforePaint(root: string): Promise<string> {
  const output = await build({
    configFile: false,
    root,
    logLevel: 'error',
    build: {
      write: false,
      minify: true,
      lib: { entry: 'src/prerender/before-paint.ts', formats: ['iife'], name: 'beforePaint', fileName: 'before-paint' },
    },
  });
  const result = (Array.isArray(output) ? output[0] : output) as { output: { code?: string }[] };
  return result.output[0]?.code ?? '';
}

/** Renders the page with Vite's SSR loader, so that it is the same source, transforms and JSON imports. */
async function renderWith(root: string, input: PrerenderedWith): Promise<PrerenderedPage> {
  const catalog = JSON.parse(readFileSync(`${root}/src/locales/${input.language}/start.json`, 'utf8')) as Record<
    string,
    string
  >;
  const server = await createServer({
    configFile: false,
    root,
    logLevel: 'error',
    appType: 'custom',
    plugins: [react()],
    server: { middlewareMode: true, hmr: false, ws: false },
  });
  try {
    const { renderPage } = (await server.ssrLoadModule('/src/prerender/render-page.tsx')) as {
      renderPage: (input: PrerenderedWith, catalog: Record<string, string>) => Promise<PrerenderedPage>;
    };
    return await renderPage(input, catalog);
  } finally {
    await server.close();
  }
}

/**
 * Builds the page's first paint into `index.html` (decision 010): the heading, the server line and
 * the form as HTML, in the config's default language and with the community's brand, with what they
 * were made from. Inline beside it: the page's styles and the small script that must run before the
 * first paint (`before-paint.ts`), so that no request stands between the HTML and a usable form
 * (the CSP allows exactly these by their hashes, `csp-meta`). `config.json` is preloaded, so that it
 * comes beside the entry script rather than after it. In mock mode the built-in homeserver stands in
 * for the default server.
 */
export function prerender(): Plugin {
  let root = process.cwd();
  let mode = 'production';
  let head = '';
  let page: PrerenderedPage | undefined;
  let input: PrerenderedWith | undefined;
  return {
    name: 'prerender',
    apply: 'build',
    configResolved(config) {
      root = config.root;
      mode = config.mode;
    },
    async buildStart() {
      // `public/config.json`, or the deployment's own (`SIGNUP_CONFIG`); checked by `config-checks`.
      const config = readBuildConfig(configFile());
      const language = prerenderLanguage(config);
      input = { language, config, ...(mode === 'mock' ? { mockServer: 'localhost:8008' } : {}) };
      page = await renderWith(root, input);

      // Inline, not a file: a blocking script of its own would hold the parser for a round trip.
      const beforePaint = await buildBeforePaint(root);
      head = [
        '<link rel="preload" href="./config.json" as="fetch" crossorigin>',
        `<script id="before-paint">${beforePaint.trim()}</script>`,
        ...(page.faviconUrl ? [`<link rel="icon" href="${escapeHtml(page.faviconUrl)}">`] : []),
      ].join('\n    ');
    },
    transformIndexHtml: {
      order: 'post',
      handler(html, context) {
        if (!context.filename.endsWith('index.html') || !page || !input) return html;
        // The page's styles (and the community's accent) inline too: the first paint waits for no request.
        const styles = /<link rel="stylesheet" crossorigin href="\.\/([^"]+\.css)">/.exec(html);
        const styleAsset = styles ? context.bundle?.[styles[1] ?? ''] : undefined;
        if (styles && styleAsset?.type === 'asset') {
          const css = `${String(styleAsset.source).trim()}${page.brandCss ? `\n${page.brandCss.trim()}` : ''}`;
          html = html.replace(styles[0], `<style>${css}</style>`);
        }
        const theme = page.theme === 'system' ? '' : ` data-theme="${page.theme}"`;
        return html
          .replace(
            /<html lang="[^"]*">/,
            `<html lang="${input.language}" dir="${directionOf(input.language)}"${theme}>`,
          )
          .replace(/<title>[^<]*<\/title>/, `<title>${escapeHtml(page.title)}</title>`)
          .replace(
            '<div id="root"></div>',
            `<div id="root">${page.body}</div><script type="application/json" id="prerendered">${jsonForHtml(input)}</script>`,
          )
          .replace('<script type="module"', `${head}\n    <script type="module"`);
      },
    },
  };
}

import react from '@vitejs/plugin-react';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve as resolvePath } from 'node:path';
import { transform as transformCss } from 'lightningcss';
import { build, createServer, type Plugin } from 'vite';
import { directionOf, LANGUAGES, matchLanguage, SOURCE_LANGUAGE, type Language } from '../../src/i18n/languages.ts';
import {
  FIRST_PAINT_GLOBAL,
  firstPaintFile,
  type LanguageFirstPaint,
} from '../../src/prerender/language-first-paint.ts';
import type { PrerenderedWith } from '../../src/prerender/prerendered';
import type { PrerenderedPage } from '../../src/prerender/render-page';
import { configFile, readBuildConfig } from './config-checks.ts';

/**
 * The browsers Vite builds for by default ('baseline-widely-available': Chrome and Edge 111, Firefox
 * 114, Safari 16.4), as Lightning CSS names them: the inline styles get the same fallbacks Vite's
 * own CSS did (`light-dark()` among them).
 */
const CSS_TARGETS = {
  chrome: 111 << 16,
  edge: 111 << 16,
  firefox: 114 << 16,
  safari: (16 << 16) | (4 << 8),
  ios_saf: (16 << 16) | (4 << 8),
};

/** One of `src/styles/`, minified with Vite's own CSS minifier for Vite's browsers. */
const minifiedCss = (root: string, name: string) =>
  transformCss({ filename: name, code: readFileSync(`${root}/src/styles/${name}`), minify: true, targets: CSS_TARGETS })
    .code.toString()
    .trim();

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

/**
 * A script built on its own as a classic (inline) script: `before-paint.ts` and `first-paint.ts` must
 * run before the first paint, `start-app.ts` where the parser reaches it.
 */
export async function buildClassicScript(
  root: string,
  name: 'before-paint' | 'first-paint' | 'start-app',
  define: Record<string, string> = {},
): Promise<string> {
  const output = await build({
    configFile: false,
    root,
    logLevel: 'error',
    define,
    build: {
      write: false,
      minify: true,
      lib: { entry: `src/prerender/${name}.ts`, formats: ['iife'], name: 'inline', fileName: name },
    },
  });
  const result = (Array.isArray(output) ? output[0] : output) as { output: { code?: string }[] };
  return result.output[0]?.code ?? '';
}

/**
 * Renders the page in each language with Vite's SSR loader, so that it is the same source,
 * transforms and JSON imports as the app's.
 */
async function renderWith(root: string, inputs: PrerenderedWith[]): Promise<PrerenderedPage[]> {
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
    const pages: PrerenderedPage[] = [];
    for (const input of inputs) {
      const catalog = JSON.parse(readFileSync(`${root}/src/locales/${input.language}/start.json`, 'utf8')) as Record<
        string,
        string
      >;
      pages.push(await renderPage(input, catalog));
    }
    return pages;
  } finally {
    await server.close();
  }
}

/**
 * The `start` messages the app renders with: not the framing notice's, which only `src/app/framing.ts`
 * shows, with a catalog it loads itself, in place of the app (0.2 KB gzip in Russian, decision 025).
 */
const forTheApp = (start: Record<string, string>) =>
  Object.fromEntries(Object.entries(start).filter(([id]) => id !== 'app.framed' && id !== 'app.framedOpen'));

/**
 * Without JavaScript the `<noscript>` note shows in the build's language: in the others it could
 * never show (their first paint needs the script), so it goes empty. React does not hydrate a
 * `<noscript>`'s content.
 */
const withoutNoscriptText = (body: string) => body.replace(/<noscript>[\s\S]*?<\/noscript>/g, '<noscript></noscript>');

const catalogOf = (root: string) => (language: Language) =>
  JSON.parse(readFileSync(`${root}/src/locales/${language}/start.json`, 'utf8')) as Record<string, string>;

/**
 * The built `index.html` in another language: its `<html lang dir>`, title, first paint (with its
 * `<noscript>` note), what it was prerendered with, and the two notices shown without the app (the
 * load failure, the framing), in that language's words (English where it has none).
 */
export function pageInLanguage(
  html: string,
  built: { input: PrerenderedWith; page: PrerenderedPage },
  other: { language: Language; page: PrerenderedPage; catalog: (language: Language) => Record<string, string> },
): string {
  const { language, page } = other;
  const words = other.catalog(language);
  const source = other.catalog(SOURCE_LANGUAGE);
  const word = (id: string) => escapeHtml(words[id] || source[id] || '');
  const marks = `lang="${language}" dir="${directionOf(language)}"`;
  const replaced = html
    .replace(/<html lang="[^"]*" dir="[^"]*"/, `<html ${marks}`)
    .replace(/<title>[^<]*<\/title>/, `<title>${escapeHtml(page.title)}</title>`)
    .replace(
      `<div id="root" data-language="${built.input.language}">${built.page.body}</div>`,
      `<div id="root" data-language="${language}">${page.body}</div>`,
    )
    .replace(
      `<script type="application/json" id="prerendered">${jsonForHtml(built.input)}</script>`,
      `<script type="application/json" id="prerendered">${jsonForHtml({ ...built.input, language })}</script>`,
    )
    .replace(
      /<p id="load-failed" [^>]*>[^<]*<\/p>/,
      `<p id="load-failed" ${marks} hidden>${word('app.loadFailed')}</p>`,
    )
    .replace(/<div id="framed" [^>]*>/, `<div id="framed" ${marks} hidden>`)
    .replace(/<p id="framed-why">[^<]*<\/p>/, `<p id="framed-why">${word('app.framed')}</p>`)
    .replace(/(<a id="framed-open" [^>]*>)[^<]*<\/a>/, `$1${word('app.framedOpen')}</a>`);
  if (!replaced.includes(`<div id="root" data-language="${language}">`)) {
    throw new Error(`index.${language}.html: the first paint of index.html was not found to replace`);
  }
  return replaced;
}

/**
 * Builds the page's first paint into `index.html` (decision 010): the heading, the server line and
 * the form as HTML, in the config's default language and with the community's brand, with what they
 * were made from. Inline beside it: the page's styles and the small script that must run before the
 * first paint (`before-paint.ts`), so that no request stands between the HTML and a usable form
 * (the CSP allows exactly these by their hashes, `csp-meta`). `config.json` and the app's code are
 * asked for after the form (`start-after-form.ts`). In mock mode the built-in homeserver stands in for
 * the default server.
 */
export function prerender(): Plugin {
  let root = process.cwd();
  let mode = 'production';
  let head = '';
  /** After `#root`: the script that puts the person's language in place. */
  let afterRoot = '';
  /** After the form and what it carries: the styles of the page's later states (src/styles/page.css). */
  let laterStyles = '';
  /** In `<head>`: the styles of the first paint (src/styles/first-paint.css). */
  let firstPaintStyles = '';
  let page: PrerenderedPage | undefined;
  let input: PrerenderedWith | undefined;
  /** The other languages' pages, written as `index.<language>.html` for hosts that negotiate (decision 027). */
  let otherPages: { language: Language; page: PrerenderedPage }[] = [];
  let outDir = 'dist';
  return {
    name: 'prerender',
    apply: 'build',
    configResolved(config) {
      root = config.root;
      mode = config.mode;
      outDir = resolvePath(config.root, config.build.outDir);
    },
    // Each other language's page beside index.html, for a host that serves the visitor's language
    // as it is (the guide's nginx and Caddy configurations, decision 027): made from the page as
    // written, so that it is the same page (scripts, styles, policy) in another language.
    closeBundle() {
      const built = join(outDir, 'index.html');
      if (!page || !input || !existsSync(built)) return;
      const html = readFileSync(built, 'utf8');
      for (const other of otherPages) {
        writeFileSync(
          join(outDir, `index.${other.language}.html`),
          pageInLanguage(html, { input, page }, { ...other, catalog: catalogOf(root) }),
        );
      }
    },
    async buildStart() {
      // `public/config.json`, or the deployment's own (`SIGNUP_CONFIG`); checked by `config-checks`.
      const config = readBuildConfig(configFile());
      const language = prerenderLanguage(config);
      const built: PrerenderedWith = { language, config, ...(mode === 'mock' ? { mockServer: 'localhost:8008' } : {}) };
      input = built;
      const others = LANGUAGES.filter((other) => other !== language);
      const [[first, ...pages], firstPaint] = await Promise.all([
        renderWith(root, [built, ...others.map((other) => ({ ...built, language: other }))]),
        buildClassicScript(root, 'first-paint'),
      ]);
      if (!first) throw new Error('the page was not prerendered');
      page = first;
      // Each other language's first paint in a file of its own, named by its content: only a visitor
      // of that language loads it, so that everyone meets the form in theirs as soon as a static
      // page would show it and downloads no one else's (decisions 023 and 025).
      // The build's language has one too: on another language's page (a host that negotiates the
      // language, decision 027) a visitor may have chosen it.
      const rendered = [first, ...pages];
      const sources = [language, ...others].map((each, index) => {
        const page = rendered[index];
        if (!page) throw new Error(`the page was not prerendered in ${each}`);
        const firstPaintOf: LanguageFirstPaint = {
          language: each,
          body: withoutNoscriptText(page.body),
          title: page.title,
          dir: directionOf(each),
          start: forTheApp(catalogOf(root)(each)),
        };
        return [each, `self.${FIRST_PAINT_GLOBAL}=${JSON.stringify(firstPaintOf)};\n`] as const;
      });
      otherPages = others.map((other, index) => ({ language: other, page: pages[index] as PrerenderedPage }));
      // One hash of them all, so that the script before paint names none of them one by one.
      const hash = createHash('sha256')
        .update(sources.map(([, source]) => source).join('\n'))
        .digest('base64url')
        .slice(0, 8);
      for (const [other, source] of sources)
        this.emitFile({ type: 'asset', fileName: firstPaintFile(other, hash), source });
      const beforePaint = await buildClassicScript(root, 'before-paint', { FIRST_PAINT_HASH: JSON.stringify(hash) });
      afterRoot = `<script id="first-paint">${firstPaint.trim()}</script>`;

      // The later states' styles, inline after the form: the parser
      // reaches the form without them, and the app's script, which comes after, has them.
      laterStyles = `<style>${minifiedCss(root, 'page.css')}</style>`;
      // main.tsx imports no styles in a build (a lazy chunk would fetch them again): read here.
      firstPaintStyles = minifiedCss(root, 'first-paint.css');

      // Inline, not a file: a blocking script of its own would hold the parser for a round trip.
      head = [
        // Nothing is drawn before the field a person types into. On a slow CPU the head (the script
        // before paint) outlasts the parser's time slice (10 ms in Chromium), and the browser drew an
        // empty page before parsing the form: 36 ms later to a usable form at 4×, measured with the link
        // on `#root` (decision 031).
        // Chrome ends the block when the element is inserted; only a head (no body yet) can ask it.
        `<link rel="expect" href="#field-username" blocking="render">`,
        `<script id="before-paint">${beforePaint.trim()}</script>`,
        ...(first.faviconUrl ? [`<link rel="icon" href="${escapeHtml(first.faviconUrl)}">`] : []),
      ].join('\n    ');
    },
    transformIndexHtml: {
      order: 'post',
      handler(html, context) {
        if (!context.filename.endsWith('index.html') || !page || !input) return html;
        // The first paint's styles (and the community's accent) inline too: the first paint waits for no request.
        html = html.replace(
          '</head>',
          `  <style>${firstPaintStyles}${page.brandCss ? `\n${page.brandCss.trim()}` : ''}</style>\n  </head>`,
        );
        const theme = page.theme === 'system' ? '' : ` data-theme="${page.theme}"`;
        return html
          .replace(
            /<html lang="[^"]*">/,
            `<html lang="${input.language}" dir="${directionOf(input.language)}"${theme}>`,
          )
          .replace(/<title>[^<]*<\/title>/, `<title>${escapeHtml(page.title)}</title>`)
          .replace(
            '<div id="root"></div>',
            `<div id="root" data-language="${input.language}">${page.body}</div>${afterRoot}` +
              `<script type="application/json" id="prerendered">${jsonForHtml(input)}</script>${laterStyles}`,
          )
          .replace('<script type="module"', `${head}\n    <script type="module"`);
      },
    },
  };
}

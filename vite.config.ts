import react from '@vitejs/plugin-react';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';
import { configChecks } from './scripts/vite/config-checks.ts';
import { prerender, prerenderLanguage } from './scripts/vite/prerender.ts';
import { startAfterForm } from './scripts/vite/start-after-form.ts';
import { startChunk } from './scripts/vite/start-chunk.ts';
import { contentSecurityPolicy } from './src/config/content-security-policy.ts';
import { fillStaticWords } from './src/prerender/static-words.ts';

/**
 * In mock-mode builds (the demo), emits `demo-worker.js`: MSW's worker plus an offline copy of every
 * file the build wrote, so the demo works offline after its first load (docs/decisions/004).
 */
function demoWorker(): Plugin {
  return {
    name: 'demo-worker',
    apply: (_, env) => env.command === 'build' && env.mode === 'mock',
    generateBundle(_, bundle) {
      const files = [
        './',
        './index.html',
        // The mock OAuth server's shell page (a mock-mode entry), so that sign-up works offline too.
        './mock-oauth.html',
        // The admins' invite-link page: offline, a navigation to it must not get the sign-up page.
        './invite.html',
        './config.json',
        ...Object.keys(bundle)
          .filter((name) => !name.endsWith('.map'))
          .map((name) => `./${name}`),
      ];
      const version = String(Object.keys(bundle).sort().join('|').length) + '-' + String(Date.now());
      const source = readFileSync('src/mock-mode/demo-worker.js', 'utf8')
        .replace('__PRECACHE__', JSON.stringify([...new Set(files)]))
        .replace('__VERSION__', version);
      this.emitFile({ type: 'asset', fileName: 'demo-worker.js', source });
    },
  };
}

/** `public/` holds MSW's worker for mock mode; a production build must not ship it. */
function noMockWorkerInProduction(): Plugin {
  let outDir = 'dist';
  return {
    name: 'no-mock-worker-in-production',
    apply: (_, env) => env.command === 'build' && env.mode !== 'mock',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    closeBundle() {
      rmSync(join(outDir, 'mockServiceWorker.js'), { force: true });
    },
  };
}

/**
 * Writes the Content-Security-Policy into each built page, allowing by hash exactly the inline
 * script and style it carries (the prerendered page's, decision 010), and the header form of the
 * sign-up page's policy into `content-security-policy.txt` for hosts (and `vite preview`) to send.
 * The dev server gets none: its React refresh preamble is an inline script of its own.
 */
function cspMeta(): Plugin {
  const hash = (text: string) => `sha256-${createHash('sha256').update(text).digest('base64')}`;
  const inlineOf = (html: string, tag: 'script' | 'style') =>
    [...html.matchAll(new RegExp(`<${tag}(?: id="[^"]*")?>([\\s\\S]*?)</${tag}>`, 'g'))].map((match) =>
      hash(match[1] ?? ''),
    );
  let header = contentSecurityPolicy('header');
  return {
    name: 'csp-meta',
    apply: 'build',
    transformIndexHtml: {
      // After the prerender has put its inline script and style in.
      order: 'post',
      handler(html, context) {
        const inline = { scripts: inlineOf(html, 'script'), styles: inlineOf(html, 'style') };
        if (context.filename.endsWith('index.html')) header = contentSecurityPolicy('header', inline);
        const meta = `<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy('meta', inline).replace(/'/g, '&#39;')}">`;
        return html.replace('<head>', `<head>\n    ${meta}`);
      },
    },
    // Once the pages are written: Vite transforms them after the other plugins' `generateBundle`.
    writeBundle(options) {
      writeFileSync(join(options.dir ?? 'dist', 'content-security-policy.txt'), `${header}\n`);
    },
  };
}

/** `vite preview` sends the policy the build wrote, with what only a header can say. */
function previewCsp(): Plugin {
  return {
    name: 'preview-csp',
    configurePreviewServer(server) {
      const file = join(resolve(server.config.root, server.config.build.outDir), 'content-security-policy.txt');
      const policy = existsSync(file) ? readFileSync(file, 'utf8').trim() : contentSecurityPolicy('header');
      server.middlewares.use((_request, response, next) => {
        response.setHeader('Content-Security-Policy', policy);
        next();
      });
    },
  };
}

/**
 * `index.html`'s own words (the title, and what shows if not even the messages can load) come from
 * the catalog of the language the page is prerendered in, so that the markup holds no text of its own
 * (src/prerender/static-words.ts).
 */
function catalogWords(): Plugin {
  return {
    name: 'catalog-words',
    transformIndexHtml(html) {
      const catalog = (language: string, namespace: string) =>
        JSON.parse(readFileSync(`src/locales/${language}/${namespace}.json`, 'utf8')) as Record<string, string>;
      return fillStaticWords(html, prerenderLanguage(), catalog);
    },
  };
}

export default defineConfig(({ mode }) => {
  const start = startChunk();
  return {
    plugins: [
      react(),
      start.plugin,
      catalogWords(),
      configChecks(),
      prerender(),
      demoWorker(),
      startAfterForm(),
      cspMeta(),
      previewCsp(),
      noMockWorkerInProduction(),
    ],
    // Relative asset paths: the same build works from any folder of any static host.
    base: './',
    server: { host: '127.0.0.1', port: 5173 },
    preview: {
      host: '127.0.0.1',
      headers: {
        'X-Content-Type-Options': 'nosniff',
        'Referrer-Policy': 'no-referrer',
      },
    },
    // The only chunk past Vite's 500 kB warning is the mock homeserver, loaded in mock mode only.
    build: {
      chunkSizeWarningLimit: 600,
      // Every browser the page supports has <link rel="modulepreload">: no polyfill in the start-up code.
      modulePreload: {
        polyfill: false,
        // The start chunk's styles are inline in index.html (decision 023) and a tag in the other
        // pages: a lazy chunk must not fetch and apply them a second time (every visitor did, 4.4 kB).
        resolveDependencies: (_, dependencies) =>
          dependencies.filter((dependency) => !/(^|\/)signup-[\w-]+\.css$/.test(dependency)),
      },
      // The sign-up page, and the admins' invite-link page beside it; in mock builds only, the mock
      // OAuth server's shell page (docs/decisions/011).
      rolldownOptions: {
        output: {
          // One file for what the sign-up page runs at start (scripts/vite/start-chunk.ts).
          codeSplitting: { groups: [{ name: 'signup', test: start.test }] },
        },
        input: {
          main: 'index.html',
          invite: 'invite.html',
          ...(mode === 'mock' ? { 'mock-oauth': 'mock-oauth.html' } : {}),
        },
      },
    },
    test: {
      environment: 'node',
      include: ['src/**/*.test.{ts,tsx}', 'mocks/**/*.test.ts', 'scripts/**/*.test.ts'],
      setupFiles: ['./src/test/setup.ts'],
      restoreMocks: true,
      // Tests that start processes or servers (the CLI, the HTTP fuzz) take seconds on two busy cores;
      // a timeout is a hang detector here, not a speed target (those live in `npm run bench`).
      testTimeout: 20_000,
    },
  };
});

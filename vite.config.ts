import react from '@vitejs/plugin-react';
import { readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';
import { contentSecurityPolicy } from './src/config/content-security-policy';

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
        './config.json',
        ...Object.keys(bundle)
          .filter((name) => !name.endsWith('.map'))
          .map((name) => `./${name}`),
      ];
      const version = String(Object.keys(bundle).sort().join('|').length) + '-' + String(Date.now());
      const source = readFileSync('mocks/demo-worker.js', 'utf8')
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

/** Writes the Content-Security-Policy into built pages; the dev server's inline preamble could not run under it. */
function cspMeta(): Plugin {
  return {
    name: 'csp-meta',
    apply: 'build',
    transformIndexHtml: () => [
      {
        tag: 'meta',
        attrs: { 'http-equiv': 'Content-Security-Policy', content: contentSecurityPolicy('meta') },
        injectTo: 'head-prepend',
      },
    ],
  };
}

/**
 * `index.html`'s own words (the title, and what shows if not even the messages can load) come from
 * the source catalog, so that the markup holds no text of its own.
 */
function catalogWords(): Plugin {
  const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return {
    name: 'catalog-words',
    transformIndexHtml(html) {
      const read = (file: string) =>
        JSON.parse(readFileSync(`src/locales/en/${file}.json`, 'utf8')) as Record<string, string>;
      const start = read('start');
      return html
        .replace('__APP_TITLE__', escape(start['app.title'] ?? ''))
        .replace('__LOAD_FAILED__', escape(start['app.loadFailed'] ?? ''))
        .replace('__INVITE_TITLE__', escape(read('invite')['invite.title'] ?? ''));
    },
  };
}

export default defineConfig({
  plugins: [react(), catalogWords(), demoWorker(), cspMeta(), noMockWorkerInProduction()],
  // Relative asset paths: the same build works from any folder of any static host.
  base: './',
  server: { host: '127.0.0.1', port: 5173 },
  preview: {
    host: '127.0.0.1',
    headers: {
      'Content-Security-Policy': contentSecurityPolicy('header'),
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
    },
  },
  // The only chunk past Vite's 500 kB warning is the mock homeserver, loaded in mock mode only.
  build: {
    chunkSizeWarningLimit: 600,
    // The sign-up page, and the admins' invite-link page beside it.
    rolldownOptions: { input: { main: 'index.html', invite: 'invite.html' } },
  },
  test: {
    environment: 'node',
    include: ['src/**/*.test.{ts,tsx}', 'mocks/**/*.test.ts'],
    setupFiles: ['./src/test/setup.ts'],
    restoreMocks: true,
  },
});

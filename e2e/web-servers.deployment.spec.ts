import { expect, test } from './fixtures';
import { startFilesOf } from '../src/prerender/start-files';
import { catalogOf } from './support/english';
import { installed, startCaddy, startNginx, type WebServer } from './support/web-servers';

/**
 * docs/deploying.md's nginx and Caddy configurations, served as written, over the community's build
 * (the deployment project's, with its config.json beside index.html): the security headers on every
 * file, the cache rules, the sub-path, and a whole sign-up through each.
 */
const BUILD = 'dist-e2e-deployment';
const SERVERS = {
  nginx: { start: startNginx, ports: [4181, 4182] },
  caddy: { start: startCaddy, ports: [4183, 4184] },
} as const;

const NO_CACHE = 'no-cache';
const FOREVER = 'public, max-age=31536000, immutable';

for (const [name, { start, ports }] of Object.entries(SERVERS)) {
  test.describe(`${name}, configured as docs/deploying.md says`, () => {
    // Both share nothing with other tests but the HTTP mock; one server per describe, started once.
    test.describe.configure({ mode: 'serial' });
    let server: WebServer | undefined;

    test.beforeAll(async () => {
      // CI installs both (.ci/run); elsewhere a missing one is said, not failed.
      test.skip(!process.env.CI && !installed(name), `${name} is not installed`);
      server = await start(BUILD, [...ports]);
    });
    test.afterAll(async () => {
      await server?.stop();
    });

    for (const mount of ['rootUrl', 'subPathUrl'] as const) {
      test(`${mount === 'rootUrl' ? 'at the root' : 'under /join/'}: every file carries the security headers, and only hashed files are cached for good`, async () => {
        const base = (server as WebServer)[mount];
        const page = await fetch(base);
        const html = await page.text();
        // The entry, as the page's script after the form asks for it (decision 026).
        const script = startFilesOf(html).at(-1);
        expect(script, 'the entry script in index.html').toMatch(/^assets\/main-[\w-]+\.js$/);
        const files: [string, string, RegExp][] = [
          ['', NO_CACHE, /^text\/html/],
          ['index.html', NO_CACHE, /^text\/html/],
          ['config.json', NO_CACHE, /^application\/json/],
          ['invite.html', NO_CACHE, /^text\/html/],
          [script ?? '', FOREVER, /javascript/],
        ];
        for (const [path, cache, type] of files) {
          const answer = await fetch(new URL(path, base));
          const where = `${name} ${new URL(path, base).pathname}`;
          expect(answer.status, where).toBe(200);
          expect(answer.headers.get('content-type'), where).toMatch(type);
          expect(answer.headers.get('content-security-policy'), where).toContain("frame-ancestors 'none'");
          expect(answer.headers.get('x-content-type-options'), where).toBe('nosniff');
          expect(answer.headers.get('referrer-policy'), where).toBe('no-referrer');
          expect(answer.headers.get('strict-transport-security'), where).toBe('max-age=31536000');
          expect(answer.headers.get('cache-control'), where).toBe(cache);
        }
        // A file that is not there (a release half copied) is not cached for good.
        const missing = await fetch(new URL('assets/not-in-this-release.js', base));
        expect(missing.status).toBe(404);
        expect(missing.headers.get('cache-control') ?? '').not.toContain('immutable');
        const config = (await (await fetch(new URL('config.json', base))).json()) as { default_language: string };
        expect(config.default_language).toBe('de');
      });

      test(`${mount === 'rootUrl' ? 'at the root' : 'under /join/'}: each browser gets the page in the language it names first`, async () => {
        const languageServed = async (acceptLanguage: string) => {
          const answer = await fetch((server as WebServer)[mount], { headers: { 'Accept-Language': acceptLanguage } });
          expect(answer.headers.get('vary') ?? '', acceptLanguage).toContain('Accept-Language');
          return /<html lang="([^"]+)"/.exec(await answer.text())?.[1];
        };
        // The build's own (German) for German, the others' pages as the build wrote them (decision 027).
        expect(await languageServed('de-AT,de;q=0.9')).toBe('de');
        expect(await languageServed('en-US,en;q=0.9')).toBe('en');
        expect(await languageServed('ar')).toBe('ar');
        expect(await languageServed('pt-PT,pt;q=0.8')).toBe('pt-BR');
        expect(await languageServed('zh-Hans-CN')).toBe('zh-Hans');
        // No page in Traditional Chinese, and only the first language named counts: the build's.
        expect(await languageServed('zh-TW,zh;q=0.9')).toBe('de');
        expect(await languageServed('sv-SE,en;q=0.5')).toBe('de');
      });

      test(`${mount === 'rootUrl' ? 'at the root' : 'under /join/'}: a person signs up through it`, async ({
        signup,
        page,
      }) => {
        await page.goto((server as WebServer)[mount]);
        await expect(page.locator('html[data-signup="ready"]')).toBeAttached();
        await expect(page.getByRole('heading', { level: 1 })).toContainText('Beispiel-Gemeinschaft');
        const username = `${name}${mount === 'rootUrl' ? 'root' : 'join'}${Date.now().toString(36)}`;
        await signup.register(username, 'a password 1');
        await expect(signup.matrixId).toHaveText(`@${username}:localhost:8018`);
      });
    }

    test('an Arabic browser meets the Arabic page as served, fetches no first paint, and the app takes it over', async ({
      browser,
    }) => {
      const context = await browser.newContext({ locale: 'ar' });
      const page = await context.newPage();
      const problems: string[] = [];
      // As the page fixture counts them: errors and throws, not a resource the discovery did not find.
      page.on('pageerror', (error) => problems.push(error.message));
      page.on('console', (message) => {
        if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
          problems.push(message.text());
        }
      });
      const firstPaintFiles: string[] = [];
      page.on('request', (request) => {
        if (request.url().includes('/assets/first-paint-')) firstPaintFiles.push(request.url());
      });
      await page.goto((server as WebServer).rootUrl);
      await expect(page.locator('html[data-signup="ready"]')).toBeAttached();
      await expect(page.locator('html')).toHaveAttribute('lang', 'ar');
      await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
      await expect(page.getByLabel(catalogOf('ar', 'start')['username.label'] ?? '')).toBeEditable();
      expect(firstPaintFiles).toEqual([]);
      expect(problems).toEqual([]);
      await context.close();
    });

    test('the sub-path without its slash is sent to it', async () => {
      const bare = new URL('/join', (server as WebServer).subPathUrl);
      const answer = await fetch(bare, { redirect: 'manual' });
      expect([301, 302, 308]).toContain(answer.status);
      expect(new URL(answer.headers.get('location') ?? '', bare).pathname).toBe('/join/');
    });
  });
}

import { HTTP_MOCK_URL } from '../playwright.config';
import { expect, test } from './fixtures';
import { collectAccessTokens, expectNoSecrets, watchPage } from './support/secrets';

test("preview serves a Content-Security-Policy that allows no inline script but the page's own, and the page carries it too", async ({
  page,
}) => {
  const response = await page.goto('/');
  const header = response?.headers()['content-security-policy'] ?? '';
  expect(header).toContain("script-src 'self'");
  expect(header).toContain("frame-ancestors 'none'");
  expect(header).not.toContain('unsafe-inline');
  expect(header).not.toContain('unsafe-eval');
  const meta = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(meta).toContain("script-src 'self'");
  expect(meta).not.toContain('unsafe');
  // The prerendered page's three inline scripts (before paint; the language put in place, decision
  // 023; the app asked for after the form, decision 026) and two inline styles (the first paint's;
  // the later states'), allowed by their hashes alone; the header is the same policy, plus what only
  // a header can say.
  const scriptSrc = /script-src ([^;]*);/.exec(meta ?? '')?.[1] ?? '';
  expect(scriptSrc.match(/'sha256-[A-Za-z0-9+/=]{44}'/g)).toHaveLength(3);
  expect(meta).toMatch(/style-src 'self' 'sha256-[A-Za-z0-9+/=]{44}' 'sha256-[A-Za-z0-9+/=]{44}';/);
  expect(header).toBe(`${meta ?? ''}; frame-ancestors 'none'`);
  expect(await page.locator('script:not([src]):not([type="application/json"])').count()).toBe(3);
  expect(await page.locator('style').count()).toBe(2);
});

test('a whole sign-up that logs in leaves no password or access token anywhere, and breaks no CSP rule', async ({
  signup,
  page,
}) => {
  const watched = await watchPage(page);
  // Ask the server for a login, so there is an access token that could leak.
  await page.route('**/config.json', (route) =>
    route.fulfill({ json: { default_server: HTTP_MOCK_URL, inhibit_login: false } }),
  );
  const tokens = collectAccessTokens(page);
  await signup.open();
  const password = 'Secret password 42!';
  await signup.register(`secret-${Date.now().toString(36)}`, password);
  await expect(signup.successHeading).toBeVisible();
  await expect.poll(() => tokens.length).toBe(1);
  expect(tokens[0]).toMatch(/^syt_/);
  await expectNoSecrets(page, [password, tokens[0] ?? ''], watched.consoleLines);
  expect(await watched.cspViolations()).toEqual([]);
});

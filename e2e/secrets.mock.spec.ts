import { expect, test } from './fixtures';
import { collectAccessTokens, expectNoSecrets, watchPage } from './support/secrets';

test('the demo build carries a CSP without inline script, and the mock (service worker) works under it', async ({
  page,
}) => {
  await page.goto('/');
  const meta = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(meta).toContain("script-src 'self'");
  expect(meta).not.toContain('unsafe');
});

test('the longest sign-up (captcha, terms, email) leaves no password or access token behind', async ({
  signup,
  page,
}) => {
  const watched = await watchPage(page);
  // On the context, not the page: the service worker fetches config.json, and only this sees it.
  await page.context().route('**/config.json', async (route) => {
    const config = (await (await route.fetch()).json()) as Record<string, unknown>;
    await route.fulfill({ json: { ...config, inhibit_login: false } });
  });
  const tokens = collectAccessTokens(page);
  await page.clock.install();
  await signup.open('?scenario=everything');
  const password = 'Secret passw0rd';
  await signup.fill('keeper', password, 'keeper@example.org');
  await signup.ready();
  await signup.submit.click();
  // click, not check(): the widget submits the stage at once and goes away, so check()'s re-read of
  // its state could wait for a checkbox that no longer exists.
  await page.getByLabel('I am not a robot').click();
  await page.getByLabel('I accept the Privacy Policy').check();
  await page.getByLabel('I accept the Terms of Service').check();
  await page.getByRole('button', { name: 'Accept and continue' }).click();
  await expect(signup.stepHeading).toHaveText('Check your email');
  await signup.followEmailLink();
  // The email step asks every 3 s whether the link was opened: the page's clock moves on to that.
  await page.clock.fastForward(3_000);
  await expect(signup.matrixId).toHaveText('@keeper:localhost:8008');
  await expect.poll(() => tokens.length).toBe(1);
  expect(tokens[0]).toMatch(/^syt_/);
  // The in-browser mock keeps its own state in localStorage (hashes only); it is searched too.
  await expectNoSecrets(page, [password, tokens[0] ?? ''], watched.consoleLines);
  expect(await watched.cspViolations()).toEqual([]);
});

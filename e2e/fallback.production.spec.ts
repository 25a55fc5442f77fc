import { REAL_CAPTCHA_MOCK_URL } from '../playwright.config';
import { expect, test } from './fixtures';
import { en } from './support/english';

/*
 * Here rather than in the mock project: there the in-browser mock answers every server's API paths
 * and plays only its own captcha key, and a Google-shaped key needs the HTTP mock on 8020.
 */
/*
 * Synapse serves its fallback page without CORS headers (`ca.fallback_get`, and the mock since it
 * plays that): the page's look at whether the page is there (`fallbackServed`) is refused by the
 * browser, which logs it. The refusal itself is the answer "there is a page"; nothing else may log.
 */
test.use({ expectedConsoleErrors: [/\/auth\/m\.login\.recaptcha\/fallback\/web\?session=.* blocked by CORS policy/] });

test('without Google, the captcha step offers the server’s page (without an opener), says what a blank one would mean, answers “I have finished that step”, and goes on once it is done', async ({
  signup,
  page,
}) => {
  // A network that blocks Google's captcha service (the fixture aborts every other host as well).
  await page.route(/^https:\/\/([a-z0-9-]+\.)*(recaptcha\.net|google\.com)\//, (route) => route.abort());
  const username = `popup-${Date.now().toString(36)}`;
  await signup.open(`?hs=${encodeURIComponent(REAL_CAPTCHA_MOCK_URL)}`);
  await signup.register(username, 'a password 1');
  await expect(signup.stepHeading).toHaveText(en('captcha.heading'));
  await expect(page.getByRole('alert').filter({ hasText: en('captcha.blocked') })).toBeVisible();
  await expect(page.getByText(en('captcha.ifNoPuzzle', { server: 'localhost:8020' }))).toBeVisible();

  // Not solved yet: the server's answer is said at the step, and focus goes to it.
  await page.getByRole('button', { name: en('fallback.done') }).click();
  await expect(page.getByText(en('captcha.notReceived'))).toBeFocused();

  const popupPromise = page.waitForEvent('popup');
  await page.getByRole('button', { name: en('fallback.open') }).click();
  const popup = await popupPromise;
  await popup.getByLabel('I am not a robot').check();
  await popup.getByRole('button', { name: 'Continue' }).click();
  await expect(popup.getByText('Thank you. You can close this window.')).toBeVisible();
  // Opened without `opener` (security review P2): the server's page cannot reach this tab, neither
  // to navigate it nor to post `authDone`, so the person says they are done.
  expect(await popup.evaluate(() => window.opener === null)).toBe(true);
  await popup.close();
  await page.getByRole('button', { name: en('fallback.done') }).click();

  await expect(signup.matrixId).toHaveText(`@${username}:localhost:8020`);
});

test('an answer that is not JSON has its own message', async ({ page }) => {
  // Routed answers: Playwright fulfils them without CORS checks, so no server is needed.
  await page.route('http://127.0.0.1:8766/**', (route) => {
    const url = route.request().url();
    if (url.endsWith('/_matrix/client/versions')) return route.fulfill({ json: { versions: ['v1.16'] } });
    return route.fulfill({ status: 200, contentType: 'text/html', body: '<html>Welcome to nginx!</html>' });
  });
  await page.goto(`/?hs=${encodeURIComponent('http://127.0.0.1:8766')}`);
  await expect(page.getByText('The server sent an answer this page cannot read.', { exact: false })).toBeVisible();
});

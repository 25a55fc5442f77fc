import { REAL_CAPTCHA_MOCK_URL } from '../playwright.config';
import { expect, test } from './fixtures';

test('a captcha that cannot load offers the server’s own page in a pop-up, and the page goes on when it is done', async ({
  signup,
  page,
}) => {
  const username = `popup-${Date.now().toString(36)}`;
  await signup.open(`?hs=${encodeURIComponent(REAL_CAPTCHA_MOCK_URL)}`);
  await signup.register(username, 'a password 1');
  await expect(signup.stepHeading).toHaveText('Show you are not a robot');
  // recaptcha.net is not reachable from the tests (the fixture aborts it), as behind many firewalls.
  await expect(page.getByText('The check could not load (it may be blocked).', { exact: false })).toBeVisible();

  const popupPromise = page.waitForEvent('popup');
  await page.getByRole('button', { name: 'Open the server’s page' }).click();
  const popup = await popupPromise;
  await popup.getByLabel('I am not a robot').check();
  await popup.getByRole('button', { name: 'Continue' }).click();
  await expect(popup.getByText('Thank you. You can close this window.')).toBeVisible();

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

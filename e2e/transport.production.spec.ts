import { HTTP_MOCK_URL, NO_CORS_MOCK_URL } from '../playwright.config';
import { expect, test } from './fixtures';
import { en } from './support/english';

// The production build against real HTTP servers on loopback: failures the service worker cannot show.

test('offline: its own message, and a retry that works once back online', async ({ signup, page }) => {
  await signup.open(`?hs=${encodeURIComponent(HTTP_MOCK_URL)}`);
  await signup.fill(`offline-${Date.now().toString(36)}`, 'a password 1');
  await signup.ready();
  await page.context().setOffline(true);
  await signup.submit.click();
  await expect(page.getByText(en('error.transport:offline'))).toBeVisible();
  await page.context().setOffline(false);
  await page.getByRole('button', { name: 'Try again' }).click();
  await expect(signup.successHeading).toBeVisible();
});

test.describe('a server without CORS headers', () => {
  // The browser's own report of the refusal, which this test provokes.
  test.use({ expectedConsoleErrors: [/has been blocked by CORS policy/] });

  test('CORS: a server that answers without CORS headers is named as the cause', async ({ signup, page }) => {
    await page.goto(`/?hs=${encodeURIComponent(NO_CORS_MOCK_URL)}`);
    await expect(page.getByText(en('error.transport:cors'))).toBeVisible();
    await expect(signup.submit).toBeDisabled();
  });
});

test('unreachable: nothing listens there', async ({ page }) => {
  await page.goto(`/?hs=${encodeURIComponent('http://127.0.0.1:9')}`);
  await expect(page.getByText(en('discovery.unreachable', { server: '127.0.0.1:9' }))).toBeVisible();
});

test('plain http to a non-loopback server: the password is not sent, and the page says why', async ({ page }) => {
  await page.route('http://insecure.example/**', (route) =>
    route.fulfill({
      json: route.request().url().endsWith('/versions')
        ? { versions: ['v1.16'] }
        : { session: 's', flows: [{ stages: ['m.login.dummy'] }], params: {} },
      status: route.request().url().endsWith('/register') ? 401 : 200,
      headers: { 'Access-Control-Allow-Origin': '*' },
    }),
  );
  let asked = false;
  page.on('request', (request) => {
    if (request.url().startsWith('http://insecure.example')) asked = true;
  });
  await page.goto(`/?hs=${encodeURIComponent('http://insecure.example')}`);
  await expect(page.getByText(en('discovery.insecure', { server: 'insecure.example' }))).toBeVisible();
  await expect(page.getByRole('button', { name: 'Create account' })).toBeDisabled();
  // Not even asked: the page's CSP would refuse it too, and the person would see a vaguer message.
  expect(asked).toBe(false);
});

import { expect, test } from './fixtures';
import { en } from './support/english';

test('the invite page builds a link and its QR code from a token, and the link fills the sign-up in', async ({
  page,
  checkA11y,
}) => {
  await page.goto('/invite.html');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(en('invite.title'));
  await expect(page.getByText(en('invite.incomplete'))).toBeVisible();
  await page.getByLabel(en('invite.token')).fill('letmein');
  await page.getByLabel(/^Username/).fill('ana');
  const link = page.getByTestId('invite-link');
  await expect(link).toHaveText('http://127.0.0.1:4173/?hs=matrix.org&token=letmein&username=ana');
  await expect(page.getByRole('img', { name: en('invite.qr') })).toBeVisible();
  await checkA11y();
  await page.goto((await link.textContent()) ?? '/');
  await expect(page.getByLabel('Username')).toHaveValue('ana');
});

test('the sign-up page loads no QR code', async ({ page }) => {
  const scripts: string[] = [];
  page.on('response', (response) => {
    if (response.url().endsWith('.js')) scripts.push(response.url());
  });
  await page.goto('/');
  await expect(page.getByLabel('Username')).toBeEditable();
  await page.waitForTimeout(500);
  const bodies = await Promise.all(scripts.map((url) => page.request.get(url).then((r) => r.text())));
  expect(bodies.filter((body) => body.includes('maskPattern'))).toEqual([]);
});

test('at 320 px the invite page does not scroll sideways, filled in and with a field refused (UX audit 17, 19)', async ({
  page,
}) => {
  await page.setViewportSize({ width: 320, height: 640 });
  await page.goto('/invite.html');
  // The longest unbroken word of the page: the admin API's path in the token's hint.
  await expect(page.getByText('/_synapse/admin/v1/registration_tokens/new', { exact: false })).toBeVisible();
  const sideways = () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(await sideways()).toBeLessThanOrEqual(0);
  const token = page.getByLabel(en('invite.token'));
  await token.fill('not/a+token');
  await expect(token).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText(en('invite.tokenInvalid'))).toBeVisible();
  expect(await sideways()).toBeLessThanOrEqual(0);
  await token.fill('letmein');
  await page.getByLabel(/^Username/).fill('ana');
  await page.getByLabel(/^Email/).fill('ana.long.address.for.testing@example.org');
  await expect(page.getByRole('img', { name: en('invite.qr') })).toBeVisible();
  expect(await sideways()).toBeLessThanOrEqual(0);
});

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

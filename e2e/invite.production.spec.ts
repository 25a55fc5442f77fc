import { expect, test } from './fixtures';

// invite.html is the admins' invite desk (issue 25): its journeys are in desk.*.spec.ts.

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

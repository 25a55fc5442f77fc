import { expect, test } from './fixtures';
import { catalogOf } from './support/english';

// In the production build (no service worker, so the test can hand the page its own config.json).
test("config.json's default_language is the last resort, when no browser language matches", async ({ browser }) => {
  const context = await browser.newContext({ locale: 'ko-KR' });
  await context.addInitScript(() => {
    Object.defineProperty(navigator, 'languages', { get: () => ['ko-KR'] });
  });
  const page = await context.newPage();
  await page.route('**/config.json', async (route) => {
    const config = (await (await route.fetch()).json()) as Record<string, unknown>;
    await route.fulfill({ json: { ...config, default_language: 'nl' } });
  });
  await page.goto('http://127.0.0.1:4173/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(catalogOf('nl', 'start')['app.title'] ?? '-');
  await expect(page.locator('html')).toHaveAttribute('lang', 'nl');
  await context.close();
});

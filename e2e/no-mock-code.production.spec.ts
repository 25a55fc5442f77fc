import { expect, test } from './fixtures';
import { MOCK_CODE_MARKERS } from './support/mock-code';

test('the production build loads no mock code and registers no service worker', async ({ page, signup }) => {
  const scripts: string[] = [];
  page.on('response', (response) => {
    if (response.request().resourceType() === 'script') scripts.push(response.url());
  });

  await signup.open();

  expect(scripts.length).toBeGreaterThan(0);
  for (const url of scripts) {
    const source = await (await page.request.get(url)).text();
    for (const marker of MOCK_CODE_MARKERS) expect(source, url).not.toContain(marker);
  }
  expect(await page.evaluate(() => navigator.serviceWorker.getRegistrations().then((all) => all.length))).toBe(0);
});

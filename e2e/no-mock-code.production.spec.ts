import { expect, test } from './fixtures';

test('the production build loads no mock code and registers no service worker', async ({ page, signup }) => {
  const scripts: string[] = [];
  page.on('response', (response) => {
    if (response.request().resourceType() === 'script') scripts.push(response.url());
  });

  await signup.open();

  expect(scripts.length).toBeGreaterThan(0);
  for (const url of scripts) {
    const source = await (await page.request.get(url)).text();
    expect(source, url).not.toContain('mockServiceWorker');
    expect(source, url).not.toContain('[MSW]');
  }
  expect(await page.evaluate(() => navigator.serviceWorker.getRegistrations().then((all) => all.length))).toBe(0);
});

import type { Page, Route } from '@playwright/test';
import { PRODUCTION_APP_URL } from '../playwright.config';
import { expect, test } from './fixtures';

/**
 * Security review P3: a host that sends no headers (GitHub Pages, a plain bucket, `python -m
 * http.server`) cannot refuse framing, and the CSP meta tag cannot carry `frame-ancestors`. The page
 * itself then shows nothing of the form inside another site's frame (src/app/framing.ts).
 */
const ATTACKER = PRODUCTION_APP_URL.replace('127.0.0.1', 'localhost');

/** The built page as a host without headers would send it: `vite preview` sends the CSP header. */
async function withoutHeaders(route: Route): Promise<void> {
  const response = await route.fetch();
  await route.fulfill({ response, headers: { 'content-type': 'text/html' } });
}

async function frame(page: Page, path: string) {
  await page.route(`${ATTACKER}/attacker`, (route) =>
    route.fulfill({
      contentType: 'text/html',
      body: `<!doctype html><title>Prize</title><iframe title="prize" src="${PRODUCTION_APP_URL}${path}" width="800" height="600"></iframe>`,
    }),
  );
  await page.goto(`${ATTACKER}/attacker`);
  return page.frameLocator('iframe');
}

test('framed by another site on a host without headers, the page shows why and no form, even before its script runs', async ({
  page,
}) => {
  const requests: string[] = [];
  page.on('request', (request) => requests.push(request.url()));
  await page.route(`${PRODUCTION_APP_URL}/invite.html?*`, withoutHeaders);
  await page.route(`${PRODUCTION_APP_URL}/?*`, withoutHeaders);
  // Held back: what the inline before-paint script and the CSS do alone.
  await page.route(`${PRODUCTION_APP_URL}/assets/*.js`, (route) => route.abort());
  const held = await frame(page, '/?hs=localhost:8018');
  await expect(held.locator('#framed-why')).toHaveText(/does not work inside another website/);
  // Role queries see only what is rendered: the prerendered form is in the HTML, but not shown.
  await expect(held.getByRole('textbox')).toHaveCount(0);
  await expect(held.locator('#root')).toBeHidden();

  // With its script, in the person's language, and still nothing started.
  await page.unroute(`${PRODUCTION_APP_URL}/assets/*.js`);
  requests.length = 0;
  const framed = await frame(page, '/?hs=localhost:8018&lang=de');
  await expect(framed.locator('#framed-why')).toHaveText(/nicht innerhalb einer anderen Website/);
  const open = framed.getByRole('link', { name: 'Registrierungsseite in einem neuen Tab öffnen' });
  await expect(open).toHaveAttribute('target', '_blank');
  await expect(open).toHaveAttribute('rel', 'noopener');
  await expect(framed.getByRole('textbox')).toHaveCount(0);
  // (The HTML's own preload of config.json is the browser's; the app asks nothing of the homeserver.)
  expect(requests.filter((url) => url.startsWith('http://localhost:8018'))).toEqual([]);

  // The admins' invite page no less.
  const invite = await frame(page, '/invite.html?lang=en');
  await expect(invite.locator('#framed-why')).toBeVisible();
  await expect(invite.getByRole('textbox')).toHaveCount(0);
});

test('in a tab of its own the notice stays hidden and the form works', async ({ page, signup }) => {
  await page.goto('/?hs=localhost:8018');
  await expect(signup.username).toBeVisible();
  await expect(page.locator('#framed')).toBeHidden();
});

import { expect, test } from './fixtures';
import { en } from './support/english';

// Runs in its own project, after the others. Its reload was sometimes refused offline (closing note
// of issue 5): MSW's worker unregistered itself when its last page closed, racing the next
// navigation; demo-worker.js now keeps it (decision 021).
test('the demo build keeps working offline after its first load', async ({ signup, page }) => {
  await signup.open();
  await signup.ready();
  await workerInstalled(page);
  // A page is cached under its path: an invite's token in the address is no cache key (security review I7).
  await page.goto('/?token=kept-out-of-the-cache');
  await signup.ready();
  const cacheKeys = await page.evaluate(async () => {
    const keys: string[] = [];
    for (const name of await caches.keys()) {
      for (const request of await (await caches.open(name)).keys()) keys.push(request.url);
    }
    return keys;
  });
  expect(cacheKeys.length).toBeGreaterThan(0);
  expect(cacheKeys.filter((key) => key.includes('kept-out-of-the-cache'))).toEqual([]);
  await page.context().setOffline(true);
  const reload = await page.reload();
  expect(reload?.fromServiceWorker()).toBe(true);
  await signup.register('offline-demo', 'a password 1');
  await expect(signup.matrixId).toHaveText('@offline-demo:localhost:8008');
});

/**
 * Waits until the demo's worker is active, controls the page, and has made its offline copy (in the
 * background, after taking over: `demo-offline-ready` is cached last).
 */
async function workerInstalled(page: import('@playwright/test').Page) {
  await page.waitForFunction(async () => {
    await navigator.serviceWorker.ready;
    if (navigator.serviceWorker.controller?.state !== 'activated') return false;
    const names = await caches.keys();
    for (const name of names) if (await (await caches.open(name)).match('./demo-offline-ready')) return true;
    return false;
  });
}

test('offline, the panel switches scenario again and again, and invite.html is the invite desk', async ({
  signup,
  page,
}) => {
  await signup.open();
  await signup.ready();
  await workerInstalled(page);
  await page.context().setOffline(true);
  // Each switch is a navigation from the page itself, which once raced MSW's self-unregistration.
  for (const scenario of ['token', 'terms', 'open', 'token']) {
    await page.getByRole('button', { name: /Mock server/ }).click();
    await page.getByLabel('Scenario').selectOption(scenario);
    await expect(page).toHaveURL(new RegExp(`scenario=${scenario}`));
    await signup.ready();
  }
  await expect(signup.token).toBeVisible();
  expect(await page.evaluate(async () => (await navigator.serviceWorker.getRegistrations()).length)).toBe(1);
  // Not the sign-up page in its place (which, on the token scenario, has a token field too).
  await page.goto('/invite.html');
  await expect(page).toHaveTitle(en('invite.title'));
  // The invite desk, its in-browser homeserver found offline too: it asks the admin to sign in.
  await expect(page.getByRole('button', { name: en('invite.desk.signIn'), exact: true })).toBeVisible();
});

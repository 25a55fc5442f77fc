import { HTTP_MOCK_URL, PRODUCTION_APP_URL } from '../playwright.config';
import { expect, test } from './fixtures';
import { catalogOf } from './support/english';
import { holdEntryScript, holdFiles, RECORD_LAYOUT_SHIFTS, recordedLayoutShifts } from './support/hold-script';

test('without JavaScript the page says sign-up needs it, in place of a form that would do nothing', async ({
  browser,
}) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`${PRODUCTION_APP_URL}/`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Create a Matrix account');
  // (getByText does not look inside <noscript>, whose words the browser shows here.)
  const note = page.locator('noscript p.notice');
  await expect(note).toBeVisible();
  await expect(note).toContainText('This sign-up page needs JavaScript.');
  await expect(page.locator('#field-username')).toBeHidden();
  await expect(page.getByRole('button', { name: 'Create account' })).toBeHidden();
  // "Looking for the server…" would wait forever beside the note (UX audit 17): it is in the HTML, not shown.
  await expect(page.locator('.requirements .pending')).toHaveCount(1);
  await expect(page.locator('.requirements .pending')).toBeHidden();
  await context.close();
});

test("a deployment's config.json naming another server updates the server line, and keeps what was typed", async ({
  page,
  signup,
}) => {
  await page.route('**/config.json', (route) =>
    route.fulfill({ json: { default_server: HTTP_MOCK_URL, allow_custom_servers: true } }),
  );
  const script = await holdEntryScript(page);
  await page.goto('/', { waitUntil: 'commit' });
  // Prerendered with the build's config.json: matrix.org.
  await expect(page.getByTestId('server-name')).toHaveText('matrix.org');
  await signup.username.pressSequentially('moved');
  script.release();
  await expect(page.getByTestId('server-name')).toHaveText('localhost:8018');
  await expect(signup.username).toHaveValue('moved');
  await expect(page.locator('#username-preview')).toHaveText('Your Matrix ID will be @moved:localhost:8018');
});

test('the page is prerendered: the form, the heading and the server line are in the HTML itself', async ({
  request,
}) => {
  const html = await (await request.get(`${PRODUCTION_APP_URL}/`)).text();
  expect(html).toContain('<h1>Create a Matrix account</h1>');
  expect(html).toMatch(/<input id="field-username"/);
  expect(html).toContain('>matrix.org</strong>');
  expect(html).not.toMatch(/ style="/);
  // No other language's words: each has a file of its own (decision 025).
  expect(html).not.toContain(catalogOf('de', 'start')['app.title'] ?? 'de');
});

test("each other language's first paint is a file of its own, which only that language's visitors load", async ({
  browser,
}) => {
  const firstPaintFiles = async (locale: string) => {
    const context = await browser.newContext({ locale });
    const page = await context.newPage();
    const loaded: string[] = [];
    page.on('request', (request) => {
      const name = /\/assets\/((?:first-paint|start)-[^/]+\.js)$/.exec(new URL(request.url()).pathname)?.[1];
      if (name) loaded.push(name);
    });
    await page.goto(`${PRODUCTION_APP_URL}/`);
    await expect(page.locator('html[data-signup="ready"]')).toBeAttached();
    const heading = await page.getByRole('heading', { level: 1 }).textContent();
    await context.close();
    return { loaded, heading };
  };
  // The English visitor loads English's first messages; the others' come in their first paint's file.
  expect(await firstPaintFiles('en-US')).toEqual({
    loaded: [expect.stringMatching(/^start-[\w-]{8}\.js$/)],
    heading: 'Create a Matrix account',
  });
  const german = await firstPaintFiles('de-DE');
  expect(german.loaded).toEqual([expect.stringMatching(/^first-paint-de-[\w-]{8}\.js$/)]);
  expect(german.heading).toBe(catalogOf('de', 'start')['app.title']);
  const arabic = await firstPaintFiles('ar');
  expect(arabic.loaded).toEqual([expect.stringMatching(/^first-paint-ar-[\w-]{8}\.js$/)]);
});

test('config.json is fetched beside the script, not after it has run, and only once', async ({ page }) => {
  const configRequests: string[] = [];
  page.on('request', (request) => {
    if (new URL(request.url()).pathname.endsWith('/config.json')) configRequests.push(request.url());
  });
  const script = await holdEntryScript(page);
  const configRequested = page.waitForRequest((request) => new URL(request.url()).pathname.endsWith('/config.json'));
  await page.goto('/', { waitUntil: 'commit' });
  // The entry script has not even arrived, and the config is on its way.
  await configRequested;
  await expect(page.locator('html[data-signup]')).toHaveCount(0);
  script.release();
  await expect(page.locator('html[data-signup="ready"]')).toBeAttached();
  // The script's own fetch took the preloaded answer.
  expect(configRequests).toHaveLength(1);
});

test('on a slow CPU the first frame the browser draws has the username field, not an empty page before it', async ({
  page,
}) => {
  // 6× slower: the head (the script before paint) outlasts the parser's time slice, and without the
  // render-blocking `<link rel="expect">` the browser drew a frame before the form was parsed (decision 031).
  await (await page.context().newCDPSession(page)).send('Emulation.setCPUThrottlingRate', { rate: 6 });
  await page.addInitScript(
    `requestAnimationFrame(() => { window.fieldInFirstFrame = document.getElementById('field-username') !== null; })`,
  );
  await page.goto('/');
  await page.waitForFunction(() => 'fieldInFirstFrame' in window);
  expect(await page.evaluate(() => (window as unknown as { fieldInFirstFrame: boolean }).fieldInFirstFrame)).toBe(true);
});

test('a name typed before the script ran shows in the ID preview without moving anything, also when the page comes late', async ({
  page,
}) => {
  await page.addInitScript(RECORD_LAYOUT_SHIFTS);
  const script = await holdEntryScript(page);
  // The full page held back too: the first paint's own code shows the name first (the slow path).
  const fullPage = await holdFiles(page, /\/assets\/signup-page-[^/]+\.js$/);
  await page.goto('/', { waitUntil: 'commit' });
  await expect(page.locator('#username-preview')).toHaveText('Your Matrix ID will be @…:matrix.org');
  // Put in without a key press, so that no shift is excused as following input (CLS excuses the
  // half second after one): what a person meets whose name was typed long before the script came.
  await page.locator('#field-username').evaluate((field: HTMLInputElement) => {
    field.value = 'early';
  });
  script.release();
  await expect(page.locator('#username-preview')).toHaveText('Your Matrix ID will be @early:matrix.org');
  fullPage.release();
  await expect(page.locator('html[data-signup="ready"]')).toBeAttached();
  await expect(page.locator('#username-preview')).toHaveText('Your Matrix ID will be @early:matrix.org');
  expect(await recordedLayoutShifts(page)).toEqual([]);
});

import type { Page } from '@playwright/test';
import { HTTP_MOCK_URL } from '../playwright.config';
import { expect, test as base } from './fixtures';
import { ADDRESS_WORDS } from '../src/features/registration/address-words';
import { en } from './support/english';
import {
  askForDummyStage,
  json,
  never,
  onSignUp,
  startHostileServer,
  type HostileServer,
} from './support/hostile-server';

// The production build against a homeserver that attacks it: markup and script in its words,
// unsafe links, huge answers, silence, redirect loops. The page must show text, link nothing unsafe,
// stay usable and say what went wrong.

const test = base.extend<{ hostile: HostileServer }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's needs from this pattern.
  hostile: async ({}, use) => {
    const server = await startHostileServer();
    await use(server);
    await server.close();
  },
});

const MARKUP =
  '<script>window.pwned = 1</script><img src="x" onerror="window.pwned = 1"><a href="javascript:window.pwned = 1">click</a>';

/** Nothing the server sent ran, became an element, or became a link that is not http(s). */
async function expectNothingUnsafe(page: Page) {
  expect(await page.evaluate(() => (window as { pwned?: number }).pwned)).toBeUndefined();
  await expect(
    page.locator(
      'img[src="x"], script:not([src]):not([type="application/json"]):not(#before-paint):not(#first-paint):not(#start-app)',
    ),
  ).toHaveCount(0);
  const hrefs = await page
    .locator('a[href]')
    .evaluateAll((links) => links.map((link) => (link as HTMLAnchorElement).href));
  for (const href of hrefs) expect(href).toMatch(/^https?:/);
}

test('markup and script in the server’s error text are shown as text and never run', async ({
  signup,
  page,
  hostile,
}) => {
  hostile.on('/_matrix/client/v3/register', onSignUp(json(403, { errcode: 'M_FORBIDDEN', error: MARKUP })));
  await signup.open(`?hs=${encodeURIComponent(hostile.url)}`);
  await signup.register('mallory', 'a password 1');
  await expect(page.getByText(en('error.M_FORBIDDEN'))).toBeVisible();
  await page.getByText(en('common.details')).last().click();
  await expect(page.getByText(MARKUP, { exact: false }).last()).toBeVisible();
  await expectNothingUnsafe(page);
});

test('terms with javascript: and data: links are listed without links, and must still be accepted', async ({
  signup,
  page,
  hostile,
}) => {
  const policies = {
    terms_of_service: { version: '1', en: { name: 'Terms <b>of</b> Service', url: 'javascript:window.pwned = 1' } },
    privacy_policy: { version: '1', en: { name: 'Privacy Policy', url: 'data:text/html,<script>alert(1)</script>' } },
    cookies: { version: '1', en: { name: 'Cookie Policy', url: 'https://example.org/cookies' } },
  };
  const uia = { session: 's', flows: [{ stages: ['m.login.terms'] }], params: { 'm.login.terms': { policies } } };
  const askForTerms = json(401, uia);
  const registered = json(200, { user_id: `@terry:${hostile.name}`, home_server: hostile.name });
  hostile.on('/_matrix/client/v3/register', (request, response, body) =>
    (body.includes('m.login.terms') ? registered : askForTerms)(request, response, body),
  );
  await signup.open(`?hs=${encodeURIComponent(hostile.url)}`);
  await signup.register('terry', 'a password 1');
  await expect(page.getByRole('heading', { name: en('terms.heading') })).toBeVisible();
  await expect(page.getByText(en('terms.noSafeLink'))).toHaveCount(2);
  await expect(page.getByRole('link', { name: /Cookie Policy/ })).toHaveAttribute(
    'href',
    'https://example.org/cookies',
  );
  await expectNothingUnsafe(page);
  // All three must be accepted: accepting the stage accepts every policy the server listed.
  await page.getByLabel(en('terms.accept', { name: 'Cookie Policy' })).check();
  await page.getByRole('button', { name: en('terms.continue') }).click();
  await expect(page.getByText(en('stageError.terms')).first()).toBeVisible();
  await page.getByLabel(en('terms.accept', { name: 'Terms <b>of</b> Service' })).check();
  await page.getByLabel(en('terms.accept', { name: 'Privacy Policy' })).check();
  await page.getByRole('button', { name: en('terms.continue') }).click();
  await expect(signup.successHeading).toBeVisible();
  await expectNothingUnsafe(page);
});

test('a discovery answer over 1 MiB is refused unread, and named as too large', async ({ page, hostile }) => {
  hostile.on('/_matrix/client/versions', (_, response) => {
    // Streamed without a length, so the page must count as it reads.
    response.writeHead(200, { 'Content-Type': 'application/json' });
    response.write('{"versions": ["v1.16"], "padding": "');
    for (let i = 0; i < 48; i++) response.write('x'.repeat(64 * 1024));
    response.end('"}');
  });
  await page.goto(`/?hs=${encodeURIComponent(hostile.url)}`);
  await expect(page.getByText(en('discovery.too-large', { server: hostile.name }))).toBeVisible();
});

test('a huge error text is cut short, and the page stays quick to use', async ({ signup, page, hostile }) => {
  const huge = `${'A'.repeat(400)}${'<b>'.repeat(250_000)}`;
  hostile.on('/_matrix/client/v3/register', onSignUp(json(403, { errcode: 'M_FORBIDDEN', error: huge })));
  await signup.open(`?hs=${encodeURIComponent(hostile.url)}`);
  await signup.register('hugo', 'a password 1');
  await expect(page.getByText(en('error.M_FORBIDDEN'))).toBeVisible();
  await page.getByText(en('common.details')).last().click();
  const details = await page.locator('.details-text').last().textContent();
  expect(details?.length).toBeLessThan(700);
  // Typing still answers at once: the page did not choke on the answer.
  await signup.username.fill('hugo2');
  await expect(signup.username).toHaveValue('hugo2');
});

test('a register answer over 1 MiB is refused unread, with its own message', async ({ signup, page, hostile }) => {
  hostile.on(
    '/_matrix/client/v3/register',
    onSignUp(json(401, { session: 's', flows: [], padding: 'x'.repeat(2 * 1024 * 1024) })),
  );
  await signup.open(`?hs=${encodeURIComponent(hostile.url)}`);
  await signup.register('tina', 'a password 1');
  await expect(page.getByText(en('error.transport:too-large'))).toBeVisible();
  await expect(page.getByRole('button', { name: en('common.retry') })).toBeVisible();
});

test('a server that never answers discovery does not hold the page: another server can be chosen', async ({
  signup,
  page,
  hostile,
}) => {
  hostile.on('/_matrix/client/versions', never);
  await page.goto(`/?hs=${encodeURIComponent(hostile.url)}`);
  await expect(page.getByText(en('server.checking', { server: hostile.name }))).toBeVisible();
  await page.getByRole('button', { name: en('server.change') }).click();
  await page.getByLabel('Homeserver').fill(HTTP_MOCK_URL);
  await expect(signup.username).toBeEditable();
  await signup.register(`patient-${Date.now().toString(36)}`, 'a password 1');
  await expect(signup.successHeading).toBeVisible();
});

test('a sign-up the server never answers times out with a message, and a retry can succeed', async ({
  signup,
  page,
  hostile,
}) => {
  // The page waits its full 15 s before giving up: on the page's own clock, which the test moves on
  // once the request is out, instead of sitting through the 15 s.
  await page.clock.install();
  let silent = true;
  const registered = json(200, { user_id: `@sam:${hostile.name}`, home_server: hostile.name });
  hostile.on('/_matrix/client/v3/register', (request, response, body) => {
    const dummyStage = body.includes('m.login.dummy');
    const signingUp = dummyStage || body.includes('"username"');
    (signingUp && silent ? never : dummyStage ? registered : askForDummyStage)(request, response, body);
  });
  await signup.open(`?hs=${encodeURIComponent(hostile.url)}`);
  await signup.register('sam', 'a password 1');
  await expect(page.getByRole('button', { name: en('form.submitting') })).toBeVisible();
  // Responsive while waiting: the page still runs script and takes input.
  await expect(page.evaluate(() => document.title)).resolves.toBeTruthy();
  await page.clock.fastForward(15_000);
  await expect(page.getByText(en('error.transport:timeout'))).toBeVisible();
  silent = false;
  await page.getByRole('button', { name: en('common.retry') }).click();
  await expect(signup.successHeading).toBeVisible();
});

test('a redirect loop at the discovery file is named, and the full address is asked for', async ({ page, hostile }) => {
  hostile.on('/.well-known/matrix/client', (_, response) => {
    response.writeHead(302, { Location: '/.well-known/matrix/client' }).end();
  });
  await page.goto(`/?hs=${encodeURIComponent(hostile.name)}`);
  await expect(
    page.getByText(en('discovery.well-known-redirect-loop', { server: hostile.name, ...ADDRESS_WORDS })),
  ).toBeVisible();
  await expectNothingUnsafe(page);
});

test('a server that redirects every request in a loop is named as such', async ({ page, hostile }) => {
  hostile.on('/_matrix/client/versions', (_, response) => {
    response.writeHead(307, { Location: '/loop' }).end();
  });
  hostile.on('/loop', (_, response) => {
    response.writeHead(307, { Location: '/_matrix/client/versions' }).end();
  });
  await page.goto(`/?hs=${encodeURIComponent(hostile.url)}`);
  await expect(page.getByText(en('discovery.redirect-loop', { server: hostile.name }))).toBeVisible();
});

import type { Page, Request } from '@playwright/test';
import { expect, test } from './fixtures';
import { en } from './support/english';

// The production build against homeserver families other than Synapse, each stubbed with
// `page.route` as spec/homeservers.md quotes it: what only a browser shows (the form's marks, the
// captcha step's offer, stale answers, the way back to the form). The mock playing each family
// for real is the lead's; these stay few.

const ORIGIN = 'http://127.0.0.1:8767';
const CORS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Headers': 'Content-Type, Authorization',
  'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
};

interface Call {
  method: string;
  path: string;
  query: URLSearchParams;
  body: Record<string, unknown>;
}

type Answer = { status: number; json: unknown } | { hold: Promise<{ status: number; json: unknown }> } | undefined;

/**
 * A homeserver at ORIGIN whose answers `answer` gives (`undefined`: 404 `M_UNRECOGNIZED`, as a
 * router without the route). Every call is recorded, in order.
 */
async function stubServer(page: Page, answer: (call: Call) => Answer) {
  const calls: Call[] = [];
  await page.route(`${ORIGIN}/**`, async (route) => {
    const request: Request = route.request();
    if (request.method() === 'OPTIONS') return route.fulfill({ status: 204, headers: CORS });
    const url = new URL(request.url());
    const call: Call = {
      method: request.method(),
      path: url.pathname,
      query: url.searchParams,
      body: (request.postDataJSON() as Record<string, unknown> | null) ?? {},
    };
    calls.push(call);
    const given =
      url.pathname === '/_matrix/client/versions' ? { status: 200, json: { versions: ['v1.12'] } } : answer(call);
    const settled = given && 'hold' in given ? await given.hold : given;
    return route.fulfill({
      status: settled?.status ?? 404,
      headers: CORS,
      json: settled?.json ?? { errcode: 'M_UNRECOGNIZED', error: 'Unrecognized request' },
    });
  });
  return {
    calls,
    registrations: () => calls.filter((call) => call.path === '/_matrix/client/v3/register'),
  };
}

const isRegister = (call: Call) => call.path === '/_matrix/client/v3/register';
const isAvailable = (call: Call) => call.path === '/_matrix/client/v3/register/available';
const authOf = (call: Call) => call.body.auth as { type?: string; session?: string; token?: string } | undefined;

test('Conduit ≤0.9 end to end: "params": null, a token checked only on submit, the account made', async ({
  signup,
  page,
}) => {
  const server = await stubServer(page, (call) => {
    if (isAvailable(call)) return { status: 200, json: { available: true } };
    if (!isRegister(call)) return undefined; // validity, password policy, auth_metadata: not routed (404)
    const auth = authOf(call);
    if (auth?.type === 'm.login.registration_token')
      return auth.token === 'conduit-token'
        ? { status: 200, json: { user_id: '@ana:conduit.example' } }
        : {
            status: 401,
            json: {
              flows: [{ stages: ['m.login.registration_token'] }],
              params: null,
              session: 'c9',
              errcode: 'M_FORBIDDEN',
              error: 'Invalid registration token.',
            },
          };
    return { status: 401, json: { flows: [{ stages: ['m.login.registration_token'] }], params: null, session: 'c9' } };
  });
  await signup.open(`?hs=${encodeURIComponent(ORIGIN)}`);
  await expect(page.getByText(en('requirements.token'))).toBeVisible();
  await signup.fill('ana', 'a password 1');
  await signup.token.fill('wrong-token');
  await expect(page.locator('#token-status')).toHaveText(en('token.checkedOnSubmit'));
  await signup.submit.click();
  // A wrong token is M_FORBIDDEN on Conduit: a token problem, at the token field.
  await expect(page.locator('#field-token-error')).toHaveText(en('stageError.token'));
  await signup.token.fill('conduit-token');
  await signup.submit.click();
  await expect(signup.successHeading).toBeVisible();
  await expect(signup.matrixId).toHaveText('@ana:conduit.example');
  // The second try continued the first session.
  expect(
    server
      .registrations()
      .filter((call) => call.body.username === 'ana')
      .map((call) => authOf(call)?.session),
  ).toEqual([undefined, 'c9', 'c9', 'c9']);
});

test('an availability answer about a name since changed is never shown, and submit waits for the new name’s', async ({
  signup,
  page,
}) => {
  let release: (answer: { status: number; json: unknown }) => void = () => undefined;
  const held = new Promise<{ status: number; json: unknown }>((resolve) => (release = resolve));
  const server = await stubServer(page, (call) => {
    if (isAvailable(call))
      return call.query.get('username') === 'alice'
        ? { status: 400, json: { errcode: 'M_USER_IN_USE', error: 'User ID already taken.' } }
        : { hold: held };
    if (!isRegister(call)) return undefined;
    return authOf(call)?.type === 'm.login.dummy'
      ? { status: 200, json: { user_id: '@alice2:tuwunel.example' } }
      : { status: 401, json: { flows: [{ stages: ['m.login.dummy'] }], session: 't4' } };
  });
  await signup.open(`?hs=${encodeURIComponent(ORIGIN)}`);
  await signup.fill('alice', 'a password 1');
  const status = page.locator('#username-status');
  await expect(status).toHaveText(en('error.M_USER_IN_USE'));

  await signup.username.fill('alice2');
  // At once, before the new name is even asked about: the old answer is gone.
  expect(await status.textContent()).toBe('');
  await signup.submit.click();
  await expect(page.getByRole('button', { name: en('form.submitting') })).toBeDisabled();
  await expect
    .poll(() => server.calls.filter(isAvailable).map((call) => call.query.get('username')))
    .toContain('alice2');
  expect(server.registrations().filter((call) => call.body.username !== undefined)).toEqual([]);
  await expect(page.locator('#field-username-error')).toHaveCount(0);

  release({ status: 200, json: { available: true } });
  await expect(signup.matrixId).toHaveText('@alice2:tuwunel.example');
});

test('Dendrite: the password rule learned at the field; an hCaptcha key gets the server’s page, not Google’s widget; a name taken after the captcha is fixed in the same session', async ({
  signup,
  page,
}) => {
  let solved = false;
  const scripts: string[] = [];
  page.on('request', (request) => {
    if (request.resourceType() === 'script' && !request.url().startsWith('http://127.0.0.1:4173'))
      scripts.push(request.url());
  });
  const server = await stubServer(page, (call) => {
    if (call.path.endsWith('/auth/m.login.recaptcha/fallback/web'))
      return { status: 200, json: { note: 'the server’s own captcha page (HTML on a real Dendrite)' } };
    if (isAvailable(call)) return { status: 200, json: { available: true } };
    if (!isRegister(call)) return undefined;
    const password = typeof call.body.password === 'string' ? call.body.password : '';
    if (password !== '' && new TextEncoder().encode(password).length < 8)
      return { status: 400, json: { errcode: 'M_WEAK_PASSWORD', error: 'password too weak: min 8 characters' } };
    const uia = {
      flows: [{ stages: ['m.login.recaptcha'] }],
      completed: solved ? ['m.login.recaptcha'] : [],
      params: { 'm.login.recaptcha': { public_key: '10000000-ffff-ffff-ffff-000000000001' } },
      session: 'dendrite-session',
    };
    if (authOf(call) === undefined || !solved) return { status: 401, json: uia };
    // Dendrite finds a taken name only when it creates the account (`register.go:865`).
    return call.body.username === 'taken'
      ? { status: 400, json: { errcode: 'M_USER_IN_USE', error: 'Desired user ID is already taken.' } }
      : {
          status: 200,
          json: { user_id: `@${String(call.body.username)}:dendrite.example`, access_token: 'x', device_id: 'D' },
        };
  });
  await signup.open(`?hs=${encodeURIComponent(ORIGIN)}`);
  await signup.fill('taken', 'short12');
  await signup.submit.click();
  await expect(page.locator('#field-password-error')).toHaveText(en('error.M_WEAK_PASSWORD'));
  await expect(page.locator('#password-rules')).toContainText(en('password.rule.length', { count: 8 }));
  await signup.password.fill('long enough 1');
  await signup.confirm.fill('long enough 1');
  await signup.submit.click();

  await expect(signup.stepHeading).toHaveText(en('captcha.heading'));
  await expect(page.getByText(en('captcha.serverPage'))).toBeVisible();
  await page.getByRole('button', { name: en('fallback.done') }).click();
  await expect(page.getByText(en('captcha.notReceived'))).toBeFocused();

  solved = true; // as if done on the server's page
  await page.getByRole('button', { name: en('fallback.done') }).click();
  await expect(page.locator('#field-username-error')).toHaveText(en('error.M_USER_IN_USE'));
  await signup.username.fill('free');
  await signup.submit.click();
  await expect(signup.matrixId).toHaveText('@free:dendrite.example');
  expect(server.registrations().at(-1)?.body).toMatchObject({
    username: 'free',
    auth: { session: 'dendrite-session' },
  });
  expect(server.registrations().filter((call) => authOf(call)?.type === 'm.login.recaptcha')).toEqual([]);
  expect(scripts.filter((url) => url.includes('recaptcha'))).toEqual([]);
});

/** continuwuity 26.x: terms prepended to a token flow and an untrusted flow (`account/register.rs`). */
function continuwuity(page: Page) {
  const uia = (completed: string[]) => ({
    flows: [
      { stages: ['m.login.terms', 'm.login.registration_token'] },
      { stages: ['m.login.terms', 'm.login.recaptcha', 'm.login.email.identity'] },
    ],
    params: {
      'm.login.recaptcha': { public_key: '6LeIxAcTAAAAAJcZVRqyHh71UMIEGNQ_MXjiZKhI' },
      'm.login.terms': {
        policies: { rules: { en: { name: 'Server rules', url: 'https://example.org/rules' } }, version: 'latest' },
      },
    },
    session: 'q26',
    ...(completed.length > 0 ? { completed } : {}),
  });
  const done: string[] = [];
  return stubServer(page, (call) => {
    if (isAvailable(call)) return { status: 200, json: { available: true } };
    if (call.path.endsWith('/validity')) return { status: 200, json: { valid: call.query.get('token') === 'invite' } };
    if (!isRegister(call)) return undefined;
    const auth = authOf(call);
    if (auth?.type && !done.includes(auth.type)) done.push(auth.type);
    if (done.includes('m.login.terms') && done.includes('m.login.registration_token'))
      return { status: 200, json: { user_id: `@${String(call.body.username)}:continuwuity.example` } };
    return { status: 401, json: uia(done) };
  });
}

test('continuwuity: a token or an email, not both; with the token, terms then the token, and the name asked first', async ({
  signup,
  page,
}) => {
  const server = await continuwuity(page);
  await signup.open(`?hs=${encodeURIComponent(ORIGIN)}`);
  await expect(page.getByText(en('requirements.tokenOrEmail'))).toBeVisible();
  await expect(page.getByText(en('token.either'))).toBeVisible();
  await expect(page.getByText(en('email.either'))).toBeVisible();
  await signup.fill('ana', 'a password 1');
  await signup.submit.click();
  await expect(page.locator('#field-token-error')).toHaveText(en('token.orEmail'));
  await signup.token.fill('invite');
  await signup.email.fill('ana@example.org');
  await signup.submit.click();
  await expect(page.locator('#field-email-error')).toHaveText(en('email.notWithToken'));
  await signup.email.fill('');
  await signup.submit.click();

  await expect(signup.stepHeading).toHaveText(en('terms.heading'));
  await expect(page.getByText('Step 2 of 2')).toBeVisible();
  await expect(page.getByRole('checkbox')).toHaveCount(1); // "version" is no policy
  await page.getByRole('checkbox').check();
  await page.getByRole('button', { name: en('terms.continue') }).click();
  await expect(signup.matrixId).toHaveText('@ana:continuwuity.example');
  const order = server.calls
    .filter((call) => isAvailable(call) || (isRegister(call) && call.body.username !== undefined))
    .map((call) => (isAvailable(call) ? 'available' : (authOf(call)?.type ?? 'form')));
  expect(order.slice(order.indexOf('form') - 1)).toEqual([
    'available',
    'form',
    'm.login.terms',
    'm.login.registration_token',
  ]);
});

test('continuwuity: without a token, the captcha in the page and no link to a fallback page it does not serve', async ({
  signup,
  page,
}) => {
  await continuwuity(page);
  await signup.open(`?hs=${encodeURIComponent(ORIGIN)}`);
  await signup.fill('bea', 'a password 1', 'bea@example.org');
  await signup.submit.click();
  await expect(signup.stepHeading).toHaveText(en('terms.heading'));
  await page.getByRole('checkbox').check();
  await page.getByRole('button', { name: en('terms.continue') }).click();
  await expect(signup.stepHeading).toHaveText(en('captcha.heading'));
  // recaptcha.net is not reachable from the tests; continuwuity has no page of its own to offer.
  await expect(page.getByText(en('captcha.blockedNoPage', { server: new URL(ORIGIN).host }))).toBeVisible();
  await expect(page.getByRole('button', { name: en('fallback.open') })).toHaveCount(0);
});

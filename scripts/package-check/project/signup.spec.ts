// (c) A Playwright test with the fixture: a worker's own mock, fresh in the test's scenario.
import { expect, test } from 'matrix-mock-homeserver/playwright';

test.use({ mockScenario: 'email' });

test('signs up with a confirmed email address, the link opened in the browser', async ({
  homeserver,
  page,
  request,
}) => {
  const register = (data: object) => request.post(`${homeserver.url}/_matrix/client/v3/register`, { data });
  const { session } = (await (await register({ username: 'ana', password: 'pw' })).json()) as { session: string };
  const sent = await request.post(`${homeserver.url}/_matrix/client/v3/register/email/requestToken`, {
    data: { client_secret: 'secret-1', email: 'ana@example.org', send_attempt: 1 },
  });
  const { sid } = (await sent.json()) as { sid: string };

  const mail = await homeserver.waitForEmail('ana@example.org');
  await page.goto(mail.link);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();

  const threepid = { sid, client_secret: 'secret-1' };
  const done = await register({ auth: { type: 'm.login.email.identity', threepid_creds: threepid, session } });
  expect(await done.json()).toMatchObject({ user_id: `@ana:${homeserver.serverName}` });
  expect(homeserver.accounts().map((account) => account.user_id)).toContain(`@ana:${homeserver.serverName}`);
});

test('starts each test afresh, and another scenario is one call away', async ({ homeserver, request }) => {
  expect(homeserver.inbox()).toEqual([]);
  homeserver.scenario('disabled');
  const refused = await request.post(`${homeserver.url}/_matrix/client/v3/register`, { data: {} });
  expect(refused.status()).toBe(403);
  await homeserver.reset('open');
  homeserver.failNext('register', 'M_LIMIT_EXCEEDED', 429, { retry_after_ms: 2000 });
  const limited = await request.post(`${homeserver.url}/_matrix/client/v3/register`, { data: {} });
  expect(await limited.json()).toMatchObject({ errcode: 'M_LIMIT_EXCEEDED', retry_after_ms: 2000 });
});

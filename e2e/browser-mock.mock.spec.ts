import { expect, test } from './fixtures';
import { fetchJsonInPage } from './support/fetch-in-page';

const mockApi = (path: string) => `http://localhost:8008/_mock/${path}`;

test('the in-browser homeserver keeps its accounts across a reload', async ({ signup }) => {
  await signup.open();
  await signup.register('reloaded', 'a password');
  await expect(signup.successHeading).toBeVisible();

  await signup.page.reload();
  await signup.fill('reloaded', 'a password');
  await expect(signup.page.getByText('Someone already has this username. Try another one.')).toBeVisible();
});

test('?scenario= picks the scenario, and keeps the accounts', async ({ page, signup }) => {
  await signup.open();
  await signup.register('before-switch', 'a password');
  await expect(signup.successHeading).toBeVisible();

  await signup.open('?scenario=token');
  const accounts = await fetchJsonInPage(page, mockApi('accounts'));
  expect(JSON.stringify(accounts)).toContain('@before-switch:localhost:8008');
  const scenario = await fetchJsonInPage(page, mockApi('scenario'));
  expect(scenario).toMatchObject({ scenario: 'token' });
  const flows = await fetchJsonInPage(page, 'http://localhost:8008/_matrix/client/v3/register', {
    method: 'POST',
    body: '{}',
  });
  expect(flows).toMatchObject({ flows: [{ stages: ['m.login.registration_token', 'm.login.dummy'] }] });
});

test("Synapse's admin API answers through the service worker: a token made there signs someone up", async ({
  page,
  signup,
}) => {
  await signup.open('?scenario=token');
  const api = 'http://localhost:8008';
  const login = (await fetchJsonInPage(page, `${api}/_matrix/client/v3/login`, {
    method: 'POST',
    body: JSON.stringify({ type: 'm.login.password', user: 'admin', password: 'admin-password' }),
  })) as { access_token: string };
  const asAdmin = { authorization: `Bearer ${login.access_token}` };
  const made = await fetchJsonInPage(page, `${api}/_synapse/admin/v1/registration_tokens/new`, {
    method: 'POST',
    body: JSON.stringify({ token: 'from-the-admin', uses_allowed: 1 }),
    headers: asAdmin,
  });
  expect(made).toEqual({ token: 'from-the-admin', uses_allowed: 1, pending: 0, completed: 0, expiry_time: null });
  const notAdmin = await fetchJsonInPage(page, `${api}/_synapse/admin/v1/registration_tokens`, { method: 'GET' });
  expect(notAdmin).toMatchObject({ errcode: 'M_MISSING_TOKEN' });

  await signup.fill('admin-invited', 'a password 1');
  await signup.token.fill('from-the-admin');
  await signup.submit.click();
  await expect(signup.matrixId).toHaveText('@admin-invited:localhost:8008');
  const used = await fetchJsonInPage(page, `${api}/_synapse/admin/v1/registration_tokens/from-the-admin`, {
    method: 'GET',
    headers: asAdmin,
  });
  expect(used).toMatchObject({ uses_allowed: 1, pending: 0, completed: 1 });
});

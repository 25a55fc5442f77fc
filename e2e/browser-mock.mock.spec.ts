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

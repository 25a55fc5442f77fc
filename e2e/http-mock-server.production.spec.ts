import { HTTP_MOCK_URL } from '../playwright.config';
import { expect, test } from './fixtures';

test('the production build registers cross-origin against the HTTP mock server', async ({ page, signup }) => {
  const username = `cors-${Date.now().toString(36)}`;
  await signup.open(`?hs=${encodeURIComponent(HTTP_MOCK_URL)}`);
  await signup.register(username, 'a password');
  await expect(signup.matrixId).toHaveText(`@${username}:localhost:8018`);

  // The account is really on the server, visible to anyone through /_mock.
  const accounts = (await (await page.request.get(`${HTTP_MOCK_URL}/_mock/accounts`)).json()) as {
    accounts: { user_id: string }[];
  };
  expect(accounts.accounts.map((account) => account.user_id)).toContain(`@${username}:localhost:8018`);
});

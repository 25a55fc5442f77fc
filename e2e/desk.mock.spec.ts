import { expect, test } from './fixtures';
import { InviteDeskPage } from './pages/invite-desk-page';
import { OAuthServerPage } from './pages/oauth-server-page';
import { SignupPage } from './pages/signup-page';
import { en } from './support/english';
import { collectDeskTokens, expectNoSecrets, watchPage } from './support/secrets';

// The invite desk in mock mode (the in-browser mock a designer demos with), one world per test. The
// in-browser homeserver lives in the tab and keeps its state in localStorage across navigations,
// so the newcomer's sign-up happens in the same tab, and the admin signs in again afterwards: the
// desk's session does not outlive the page, by design.

const PASSWORD = 'a newcomer password 1';

test('Synapse in the in-browser mock: a token for two, used once through its link, deleted, then refused', async ({
  page,
  checkA11y,
}) => {
  const watched = await watchPage(page);
  const deskTokens = await collectDeskTokens(page);
  const desk = new InviteDeskPage(page);
  const signIn = async () => {
    await desk.signInWithPassword();
    await desk.signedIn();
  };
  await page.goto('/invite.html?scenario=token');
  await signIn();
  await checkA11y();
  const token = await desk.makeToken(2);
  const link = await desk.copiedLink();
  expect(new URL(link).searchParams.get('token')).toBe(token);

  const newcomer = new SignupPage(page);
  await page.goto(link);
  await expect(newcomer.page.getByText(en('token.valid'))).toBeVisible();
  await newcomer.register('deskana', PASSWORD);
  await expect(newcomer.matrixId).toHaveText('@deskana:localhost:8008');

  await page.goto('/invite.html');
  await signIn();
  await expect(desk.fact(token, en('invite.desk.completed'))).toHaveText('1');
  await desk
    .token(token)
    .getByRole('button', { name: en('invite.desk.delete') })
    .click();
  await desk
    .token(token)
    .getByRole('button', { name: en('invite.desk.delete') })
    .last()
    .click();
  await expect(page.getByText(`Token ${token} deleted.`)).toBeVisible();
  await desk.signOut.click();
  await expect(page.getByText(en('invite.desk.signedOut'))).toBeVisible();
  await checkA11y();
  const secrets = deskTokens();
  expect(secrets.length).toBeGreaterThan(0);
  await expectNoSecrets(page, ['admin-password', ...secrets], watched.consoleLines);

  await page.goto(link);
  await expect(page.getByText(en('token.invalid'))).toBeVisible();
});

test('MAS in the in-browser mock: the admin signs in at MAS, a token for two is used once at its token step, then revoked', async ({
  page,
  checkA11y,
}) => {
  const watched = await watchPage(page);
  const deskTokens = await collectDeskTokens(page);
  const desk = new InviteDeskPage(page);
  const mas = new OAuthServerPage(page);
  const signIn = () => desk.signInAtMas('localhost:8008');
  await page.goto('/invite.html?scenario=oidc-invite');
  await checkA11y();
  await signIn();
  const token = await desk.makeToken(2);
  const link = await desk.copiedLink();

  await page.goto(link);
  await page.getByRole('button', { name: 'Continue to localhost:8008' }).click();
  await mas.signUp('deskmas', PASSWORD);
  await page.getByLabel('Registration token').fill(token);
  await mas.proceed.click();
  await expect(new SignupPage(page).matrixId).toHaveText('@deskmas:localhost:8008');

  await page.goto('/invite.html');
  await signIn();
  await expect(desk.fact(token, en('invite.desk.timesUsed'))).toHaveText('1');
  await desk
    .token(token)
    .getByRole('button', { name: en('invite.desk.revoke') })
    .click();
  await expect(page.getByText(`Token ${token} revoked: its links no longer work.`)).toBeVisible();
  await checkA11y();
  await desk.signOut.click();
  await expect(page.getByText(en('invite.desk.signedOut'))).toBeVisible();
  const secrets = deskTokens();
  expect(secrets.length).toBeGreaterThan(0);
  await expectNoSecrets(page, ['admin-password', ...secrets], watched.consoleLines);

  await page.goto(link);
  await page.getByRole('button', { name: 'Continue to localhost:8008' }).click();
  await mas.signUp('deskmaslate', PASSWORD);
  await page.getByLabel('Registration token').fill(token);
  await mas.proceed.click();
  await expect(page.getByText('This registration token is not valid', { exact: false })).toBeVisible();
});

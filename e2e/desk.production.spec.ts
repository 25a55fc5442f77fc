import { DESK_MAS_MOCK_URL, DESK_SYNAPSE_MOCK_URL, HTTP_MOCK_URL } from '../playwright.config';
import { expect, test } from './fixtures';
import { InviteDeskPage } from './pages/invite-desk-page';
import { OAuthServerPage } from './pages/oauth-server-page';
import { SignupPage } from './pages/signup-page';
import { en } from './support/english';
import { collectDeskTokens, expectNoSecrets, watchPage } from './support/secrets';

// The invite desk on the production build against the HTTP mock, one invite-only server per world
// (playwright.config.ts): an admin signs in, makes a token for two, copies its link; a newcomer
// signs up with it; the desk shows one use; the token is deleted (Synapse) or revoked (MAS) and
// the link then says so; signing out leaves no token anywhere the page can keep one.

const newcomerName = (world: string) => `${world}${Date.now().toString(36)}`;
const PASSWORD = 'A newcomer password 7';

test('Synapse: a token for two, used once through its link, then deleted; sign-out leaves no token behind', async ({
  page,
  checkA11y,
}) => {
  const watched = await watchPage(page);
  const deskTokens = await collectDeskTokens(page);
  const desk = new InviteDeskPage(page);
  await desk.open(DESK_SYNAPSE_MOCK_URL);
  await expect(desk.signIn).toBeVisible();
  await checkA11y();
  await desk.signInWithPassword();
  await desk.signedIn();
  await expect(page.getByText('Signed in as @admin:localhost:8022')).toBeVisible();
  await checkA11y();

  await desk.newToken.click();
  await checkA11y();
  const token = await desk.makeToken(2);
  await expect(desk.fact(token, en('invite.desk.usesAllowed'))).toHaveText('2');
  // Changing it: the same form, filled with the token's values.
  await desk
    .token(token)
    .getByRole('button', { name: en('invite.desk.edit') })
    .click();
  await expect(desk.usesAllowed).toHaveValue('2');
  await checkA11y();
  await desk
    .token(token)
    .getByRole('button', { name: en('invite.desk.edit') })
    .click();
  await desk
    .token(token)
    .getByRole('button', { name: en('invite.link') })
    .click();
  const link = await desk.copiedLink();
  expect(link).toBe(await desk.link.textContent());
  expect(new URL(link).searchParams.get('token')).toBe(token);
  await expect(page.getByRole('img', { name: en('invite.qr') })).toBeVisible();
  await checkA11y();

  const newcomer = new SignupPage(await page.context().newPage());
  await newcomer.page.goto(link);
  await expect(newcomer.token).toHaveValue(token);
  await expect(newcomer.page.getByText(en('token.valid'))).toBeVisible();
  const username = newcomerName('syn');
  await newcomer.register(username, PASSWORD);
  await expect(newcomer.successHeading).toBeVisible();
  await expect(newcomer.matrixId).toHaveText(`@${username}:localhost:8022`);

  await desk.refresh.click();
  await expect(desk.fact(token, en('invite.desk.completed'))).toHaveText('1');
  await desk
    .token(token)
    .getByRole('button', { name: en('invite.desk.delete') })
    .click();
  await checkA11y();
  await desk
    .token(token)
    .getByRole('button', { name: en('invite.desk.delete') })
    .last()
    .click();
  await expect(page.getByText(`Token ${token} deleted.`)).toBeVisible();
  await expect(desk.token(token)).toHaveCount(0);

  const late = new SignupPage(await page.context().newPage());
  await late.page.goto(link);
  await expect(late.page.getByText(en('token.invalid'))).toBeVisible();

  await desk.signOut.click();
  await expect(page.getByText(en('invite.desk.signedOut'))).toBeVisible();
  await checkA11y();
  const secrets = deskTokens();
  expect(secrets.length).toBeGreaterThan(0);
  await expectNoSecrets(page, ['admin-password', ...secrets], watched.consoleLines);
  // Logged out at the server: the token no longer works.
  const whoami = await page.request.get(`${DESK_SYNAPSE_MOCK_URL}/_matrix/client/v3/account/whoami`, {
    headers: { Authorization: `Bearer ${secrets[0] ?? ''}` },
  });
  expect(whoami.status()).toBe(401);
  expect(await watched.cspViolations()).toEqual([]);
});

test('MAS: the admin signs in at MAS, a token for two is used once at MAS’s token step, then revoked', async ({
  page,
  checkA11y,
}) => {
  const watched = await watchPage(page);
  const deskTokens = await collectDeskTokens(page);
  const desk = new InviteDeskPage(page);
  await desk.open(DESK_MAS_MOCK_URL);
  const signInAtMas = page.getByRole('button', { name: 'Sign in with http://localhost:8023' });
  await expect(signInAtMas).toBeVisible();
  await checkA11y();
  // MAS's own sign-in page, on the server's origin (its page's address is checked by oauth.production.spec.ts).
  await desk.signInAtMas('http://localhost:8023');
  expect(new URL(page.url()).search).toBe('');
  await checkA11y();

  const token = await desk.makeToken(2);
  const link = await desk.copiedLink();
  expect(new URL(link).searchParams.get('token')).toBe(token);

  const newcomer = new SignupPage(await page.context().newPage());
  await newcomer.page.goto(link);
  const username = newcomerName('mas');
  await newcomer.page.getByRole('button', { name: 'Continue to localhost:8023' }).click();
  const signUp = new OAuthServerPage(newcomer.page);
  await signUp.signUp(username, PASSWORD);
  await newcomer.page.getByLabel('Registration token').fill(token);
  await signUp.proceed.click();
  await expect(newcomer.successHeading).toBeVisible();
  await expect(newcomer.matrixId).toHaveText(`@${username}:localhost:8023`);

  await desk.refresh.click();
  await expect(desk.fact(token, en('invite.desk.timesUsed'))).toHaveText('1');
  await desk
    .token(token)
    .getByRole('button', { name: en('invite.desk.revoke') })
    .click();
  await expect(page.getByText(`Token ${token} revoked: its links no longer work.`)).toBeVisible();
  await expect(desk.token(token).getByRole('button', { name: en('invite.desk.restore') })).toBeVisible();
  await checkA11y();

  const late = new SignupPage(await page.context().newPage());
  await late.page.goto(link);
  await late.page.getByRole('button', { name: 'Continue to localhost:8023' }).click();
  await new OAuthServerPage(late.page).signUp(newcomerName('late'), PASSWORD);
  await late.page.getByLabel('Registration token').fill(token);
  await new OAuthServerPage(late.page).proceed.click();
  await expect(late.page.getByText('This registration token is not valid', { exact: false })).toBeVisible();

  await desk.signOut.click();
  await expect(page.getByText(en('invite.desk.signedOut'))).toBeVisible();
  const secrets = deskTokens();
  expect(secrets.length).toBeGreaterThan(0);
  await expectNoSecrets(page, ['admin-password', ...secrets], watched.consoleLines);
  // Revoked at MAS: its admin API no longer takes the token.
  const list = await page.request.get(`${DESK_MAS_MOCK_URL}/oauth2/api/admin/v1/user-registration-tokens`, {
    headers: { Authorization: `Bearer ${secrets[0] ?? ''}` },
  });
  expect(list.status()).toBe(401);
  expect(await watched.cspViolations()).toEqual([]);
});

test.describe('an admin API the browser may not read', () => {
  // The browser itself reports the refused read on the console; the page must not add its own.
  test.use({ expectedConsoleErrors: [/has been blocked by CORS policy/] });

  test('no CORS for this page: said in plain words, with what to configure, and a token made elsewhere still gets its link', async ({
    page,
    checkA11y,
  }) => {
    // The HTTP mock on 8018 answers the client API to every origin and its admin API to none
    // (mocks/README.md, "Running it in shared CI"), as a proxy that drops Synapse's CORS headers would.
    const desk = new InviteDeskPage(page);
    await desk.open(HTTP_MOCK_URL);
    await desk.signInWithPassword();
    const said = page.getByRole('alert');
    await expect(said).toContainText(`This browser may not read the answers from ${HTTP_MOCK_URL}/_synapse/admin`);
    await expect(said).toContainText('CORS');
    await expect(desk.signOut).toHaveCount(0);
    await checkA11y();
    // A token made elsewhere (a server's config file, say) still gets its link here, without the API.
    await page.getByText(en('invite.desk.haveToken')).click();
    await page.getByLabel(en('invite.token'), { exact: true }).fill('letmein');
    const link = new URL(await desk.copiedLink());
    expect([link.searchParams.get('hs'), link.searchParams.get('token')]).toEqual([HTTP_MOCK_URL, 'letmein']);
    await checkA11y();
  });
});

import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { OAuthServerPage } from './pages/oauth-server-page';
import { formatMessage } from '../src/i18n/format';
import { catalogOf } from './support/english';

const ROUND_TRIP_KEY = 'matrix-signup.oauth-round-trip';

/** Opens the page on a mock scenario whose accounts are made at its OAuth server. */
async function openOAuth(page: Page, scenario = 'oidc') {
  await page.goto(`/?scenario=${scenario}`);
  await expect(page.locator('html[data-signup="ready"]')).toBeAttached();
}

const continueButton = (page: Page) => page.getByRole('button', { name: 'Continue to localhost:8008' });

test.describe('sign-up at an OAuth 2.0 server, in the in-browser mock', () => {
  test('the whole flow: one step here, the server’s own sign-up page, then the same success screen', async ({
    page,
    signup,
    checkA11y,
  }) => {
    await openOAuth(page);
    await expect(page.getByRole('heading', { name: 'Create your account at localhost:8008' })).toBeVisible();
    await expect(signup.submit).toHaveCount(0);
    await checkA11y();
    await continueButton(page).click();

    const server = new OAuthServerPage(page);
    await expect(page).toHaveURL(/mock-oauth\.html\?/);
    await expect(page.getByText(/sent you here to create an account/)).toBeVisible();
    await checkA11y();
    await server.signUp('oauthana', 'a password 1');

    await expect(signup.successHeading).toBeVisible();
    await expect(signup.matrixId).toHaveText('@oauthana:localhost:8008');
    // Nothing of the round trip is left: not in the address, not in this tab's storage.
    expect(new URL(page.url()).search).toBe('');
    expect(new URL(page.url()).hash).toBe('');
    expect(await page.evaluate((key) => sessionStorage.getItem(key), ROUND_TRIP_KEY)).toBeNull();
    // The account is in the same model as every other.
    const accounts = (await signup.mock('accounts')) as { accounts: { user_id: string }[] };
    expect(accounts.accounts.map((account) => account.user_id)).toContain('@oauthana:localhost:8008');
    await checkA11y();
  });

  test('the person’s language survives the round trip: left in German, signed up in German, back in German', async ({
    page,
    signup,
    checkA11y,
  }) => {
    // The browser is English (playwright.config.ts): only `?lang=de` makes the page German.
    const german = { ...catalogOf('de', 'start'), ...catalogOf('de', 'later'), ...catalogOf('de', 'oauth') };
    const say = (id: string, values?: Record<string, string>) => formatMessage('de', german[id] ?? id, values);
    await page.goto('/?scenario=oidc&lang=de');
    await page.getByRole('button', { name: say('oauth.continue', { host: 'localhost:8008' }) }).click();

    // The authorization request asks for German (ui_locales), and the mock's page speaks it.
    await expect(page).toHaveURL(/mock-oauth\.html\?.*ui_locales=de/);
    await expect(page.getByRole('heading', { name: 'Erstelle dein Konto auf localhost:8008' })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'de');
    await page.getByLabel('Benutzername').fill('deutsch');
    await expect(page.locator('#username-preview')).toHaveText('@deutsch:localhost:8008');
    await page.getByLabel('Passwort', { exact: true }).fill('a password 1');
    await page.getByLabel('Passwort bestätigen').fill('a password 1');
    await checkA11y();
    await page.getByRole('button', { name: 'Konto erstellen' }).click();

    // Back without `?lang=` in the address (the redirect URI has no query): still German.
    await expect(page.getByRole('heading', { name: say('success.heading') })).toBeVisible();
    await expect(signup.matrixId).toHaveText('@deutsch:localhost:8008');
    expect(new URL(page.url()).searchParams.get('lang')).toBeNull();
    await expect(page.locator('html')).toHaveAttribute('lang', 'de');
  });

  test('an invite’s registration token is shown to copy before leaving, as MAS will ask for it (audit item 9)', async ({
    page,
    checkA11y,
  }) => {
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.goto('/?scenario=oidc&token=letmein&username=ana');
    await expect(
      page.getByText('localhost:8008 will ask you for this registration token from your invite.'),
    ).toBeVisible();
    await expect(page.getByTestId('oauth-token')).toHaveText('letmein');
    await checkA11y();
    await page.getByRole('button', { name: 'Copy the token' }).click();
    await expect(page.getByText('Copied', { exact: true })).toBeVisible();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('letmein');
    // Never in the authorization request: OAuth has no place for it, and a URL is no place for a secret.
    await continueButton(page).click();
    await expect(page).toHaveURL(/mock-oauth\.html\?.*login_hint=mxid%3A%40ana%3Alocalhost%3A8008/);
    expect(page.url()).not.toContain('letmein');
  });

  test('cancel at the server: said plainly, with a way to start again', async ({ page, checkA11y }) => {
    await openOAuth(page);
    await continueButton(page).click();
    await new OAuthServerPage(page).cancel.click();
    const problem = page.getByRole('alert');
    await expect(problem).toHaveText(/You cancelled at localhost:8008, so no account was made\./);
    await expect(problem).toBeFocused();
    await checkA11y();
    await page.getByRole('link', { name: 'Start again' }).click();
    await expect(continueButton(page)).toBeVisible();
  });

  test('an answer whose state is not this tab’s is not used', async ({ page, signup }) => {
    await openOAuth(page);
    await continueButton(page).click();
    const server = new OAuthServerPage(page);
    await expect(server.username).toBeVisible();
    // The tab's round trip now expects another state than the server will send back.
    await page.evaluate((key) => {
      const saved = JSON.parse(sessionStorage.getItem(key) ?? '{}') as { state?: string };
      sessionStorage.setItem(key, JSON.stringify({ ...saved, state: 'tampered' }));
    }, ROUND_TRIP_KEY);
    await server.signUp('tamperedstate', 'a password 1');
    await expect(page.getByRole('alert')).toHaveText(/does not belong to a sign-up started in this tab/);
    await expect(signup.successHeading).toHaveCount(0);
  });

  test('a client registration the server refuses says what its admins must allow', async ({ page, checkA11y }) => {
    // oidc-strict allows no plain-http client, as MAS without allow_insecure_uris; this page is on http.
    await openOAuth(page, 'oidc-strict');
    await continueButton(page).click();
    await expect(page.getByRole('alert')).toHaveText(
      /did not accept this page as a place to sign up from\. Its admins must allow clients from http:\/\/127\.0\.0\.1:4174/,
    );
    await checkA11y();
  });

  test('a redirect URI the server refuses names the address to allow', async ({ page, signup }) => {
    await openOAuth(page);
    await signup.forceNextError('invalid_redirect_uri', 400, {}, 'oauthRegister');
    await continueButton(page).click();
    await expect(page.getByRole('alert')).toHaveText(/must allow http:\/\/127\.0\.0\.1:4174\/ as a redirect address/);
  });

  test('a code the server no longer accepts (invalid_grant)', async ({ page, signup }) => {
    await openOAuth(page);
    await signup.forceNextError('invalid_grant', 400, {}, 'oauthToken');
    await continueButton(page).click();
    await new OAuthServerPage(page).signUp('grantless', 'a password 1');
    await expect(page.getByRole('alert')).toHaveText(/did not accept the sign-up’s last step/);
  });

  test('a server without prompt=create: says where accounts are made, and links there', async ({ page, checkA11y }) => {
    await openOAuth(page, 'oidc-no-create');
    await expect(page.getByText(/which does not let other pages start a sign-up/)).toBeVisible();
    // The account page through the mock's page shell: a link to localhost:8008 is dead offline (audit
    // item 8). The page names the host the link really goes to, here the demo's own.
    const go = page.getByRole('link', { name: 'Go to 127.0.0.1:4174' });
    await expect(go).toHaveAttribute('href', 'http://127.0.0.1:4174/mock-oauth.html?page=%2Foauth2%2Faccount');
    await checkA11y();
    await go.click();
    await expect(page.getByRole('heading', { name: 'Your account on localhost:8008' })).toBeVisible();
  });

  test('a server without prompt=create still shows an invite’s token, before the way there', async ({
    page,
    checkA11y,
  }) => {
    await page.goto('/?scenario=oidc-no-create&token=letmein');
    await expect(page.getByText(/which does not let other pages start a sign-up/)).toBeVisible();
    await expect(page.getByTestId('oauth-token')).toHaveText('letmein');
    await expect(page.getByRole('button', { name: 'Copy the token' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Go to 127.0.0.1:4174' })).not.toHaveAttribute('href', /letmein/);
    await checkA11y();
  });

  test('a server that offers both keeps the form, with the OAuth choice beside it', async ({
    page,
    signup,
    checkA11y,
  }) => {
    await signup.open('?scenario=oidc-hybrid');
    await expect(page.getByRole('button', { name: 'Create it at localhost:8008 instead' })).toBeVisible();
    await checkA11y();
    await signup.register('formuser', 'a password 1');
    await expect(signup.matrixId).toHaveText('@formuser:localhost:8008');
  });
});

test('the OAuth shell page speaks the person’s language where it has to speak itself', async ({ page, checkA11y }) => {
  // The open scenario plays no OAuth server: the shell page says so, in German, as German.
  await page.goto('/?scenario=open');
  await expect(page.locator('html[data-signup="ready"]')).toBeAttached();
  await page.goto('/mock-oauth.html?lang=de');
  const german = catalogOf('de', 'panel');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(german['panel.oauthPage.noServer'] ?? '');
  await expect(page.locator('html')).toHaveAttribute('lang', 'de');
  await expect(page).toHaveTitle(german['panel.oauthPage.title'] ?? '');
  await checkA11y();
});

import { mkdirSync } from 'node:fs';
import { KNOWN_ERRORS, scenarios } from 'matrix-mock-homeserver';
import { expect, test } from '../fixtures';
import { OAuthServerPage } from '../pages/oauth-server-page';
import type { SignupPage } from '../pages/signup-page';
import { errorScreen } from './captions';

export const SCREENS_DIR = 'docs/screens';
mkdirSync(SCREENS_DIR, { recursive: true });

async function shoot(signup: SignupPage, name: string, projectName: string) {
  // Let debounced checks and live regions settle, and park the caret out of the picture.
  await signup.page.waitForTimeout(700);
  await signup.page.mouse.move(0, 0);
  await signup.page.screenshot({
    path: `${SCREENS_DIR}/${name}.${projectName}.png`,
    fullPage: true,
    animations: 'disabled',
    caret: 'hide',
  });
}

/** Every scenario of the mock, as the page first shows it (`slow` below, while it is still looking). */
const SCENARIOS = Object.keys(scenarios).filter((name) => name !== 'slow');
const NO_FORM = ['disabled', 'oidc', 'oidc-no-create', 'oidc-strict', 'broken'];

for (const scenario of SCENARIOS) {
  test(`scenario-${scenario}`, async ({ signup, page }, info) => {
    await page.goto(`/?scenario=${scenario}`);
    if (!NO_FORM.includes(scenario)) await signup.ready();
    else await page.waitForTimeout(1500);
    await shoot(signup, `scenario-${scenario}`, info.project.name);
  });
}

/** Dark and right-to-left variants are taken at phone width only: the gallery stays a reasonable size. */
const phoneOnly = (projectName: string) => test.skip(projectName !== 'phone', 'variants at phone width only');

test('dark-scenario-everything', async ({ signup, page }, info) => {
  phoneOnly(info.project.name);
  await page.emulateMedia({ colorScheme: 'dark' });
  await signup.open('?scenario=everything');
  await shoot(signup, 'dark-scenario-everything', info.project.name);
});

test('dark-success', async ({ signup, page }, info) => {
  phoneOnly(info.project.name);
  await page.emulateMedia({ colorScheme: 'dark' });
  await signup.open('?scenario=open');
  await signup.register('darkana', 'a password 1');
  await expect(signup.successHeading).toBeVisible();
  await shoot(signup, 'dark-success', info.project.name);
});

test('rtl-success', async ({ signup, page }, info) => {
  phoneOnly(info.project.name);
  await page.goto('/?scenario=open&lang=ar');
  await page.locator('#field-username').fill('rtlana');
  await page.locator('#field-password').fill('a password 1');
  await page.locator('#field-confirm').fill('a password 1');
  await page.locator('form button[type="submit"]').click();
  await expect(signup.matrixId).toHaveText('@rtlana:localhost:8008');
  await shoot(signup, 'rtl-success', info.project.name);
});

test('rtl-mock-panel', async ({ signup, page }, info) => {
  phoneOnly(info.project.name);
  await page.goto('/?scenario=open&lang=ar');
  await page.locator('.mock-panel-toggle').click();
  await expect(page.locator('.mock-panel-body')).toBeVisible();
  await shoot(signup, 'rtl-mock-panel', info.project.name);
});

test('rate-limited-blocked', async ({ signup, page }, info) => {
  // Two accounts per client, then the third comes too soon (the scenario's rule).
  for (const name of ['rla', 'rlb']) {
    await signup.open('?scenario=rate-limited');
    await signup.register(`${name}${info.project.name}`, 'a password 1');
    await expect(signup.successHeading).toBeVisible();
  }
  await page.goto('/?scenario=rate-limited');
  await page.waitForTimeout(1500);
  await shoot(signup, 'rate-limited-blocked', info.project.name);
});

test('invite-desk', async ({ signup, page }, info) => {
  await page.goto('/invite.html?scenario=token');
  await page.getByLabel('Username', { exact: true }).fill('admin');
  await shoot(signup, 'invite-desk-sign-in', info.project.name);
  await page.getByLabel('Password', { exact: true }).fill('admin-password');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByRole('button', { name: 'Invite link' }).first().click();
  await page.getByLabel(/^Username.*optional/).fill('newcomer');
  await shoot(signup, 'invite-desk', info.project.name);
});

async function mockOAuthPage(signup: SignupPage, query: string) {
  await signup.page.goto(`/?scenario=oidc${query}`);
  await signup.page.locator('section.oauth button').click();
  const server = new OAuthServerPage(signup.page);
  await expect(signup.page).toHaveURL(/mock-oauth\.html\?/);
  await expect(signup.page.locator('#username')).toBeVisible();
  return server;
}

test('oauth-mock-page', async ({ signup }, info) => {
  const server = await mockOAuthPage(signup, '');
  await server.username.fill('ana');
  await server.password.fill('a password 1');
  await server.passwordConfirm.fill('a password 1');
  await shoot(signup, 'oauth-mock-page', info.project.name);
});

test('oauth-mock-page-de', async ({ signup, page }, info) => {
  await mockOAuthPage(signup, '&lang=de');
  await page.locator('#username').fill('ana');
  await shoot(signup, 'oauth-mock-page-de', info.project.name);
});

test('dark-oauth-mock-page', async ({ signup, page }, info) => {
  phoneOnly(info.project.name);
  await page.emulateMedia({ colorScheme: 'dark' });
  await mockOAuthPage(signup, '');
  await shoot(signup, 'dark-oauth-mock-page', info.project.name);
});

test('rtl-oauth-mock-page', async ({ signup, page }, info) => {
  phoneOnly(info.project.name);
  await mockOAuthPage(signup, '&lang=ar');
  await page.locator('#username').fill('ana');
  await shoot(signup, 'rtl-oauth-mock-page', info.project.name);
});

test('oauth-invite-token', async ({ signup, page }, info) => {
  await page.goto('/?scenario=oidc&token=letmein&username=ana');
  await expect(page.getByTestId('oauth-token')).toHaveText('letmein');
  await shoot(signup, 'oauth-invite-token', info.project.name);
});

test('oauth-error-redirect-uri', async ({ signup, page }, info) => {
  await page.goto('/?scenario=oidc');
  // The in-page mock must be running before an error can be queued in it.
  await expect(page.locator('html[data-signup="ready"]')).toBeAttached();
  await signup.forceNextError('invalid_redirect_uri', 400, {}, 'oauthRegister');
  await page.locator('section.oauth button').click();
  await expect(page.getByRole('alert')).toBeVisible();
  await shoot(signup, 'oauth-error-redirect-uri', info.project.name);
});

test('oauth-error-grant', async ({ signup, page }, info) => {
  await page.goto('/?scenario=oidc');
  // The in-page mock must be running before an error can be queued in it.
  await expect(page.locator('html[data-signup="ready"]')).toBeAttached();
  await signup.forceNextError('invalid_grant', 400, {}, 'oauthToken');
  await page.locator('section.oauth button').click();
  await new OAuthServerPage(page).signUp(`grant${info.project.name}`, 'a password 1');
  await expect(page.getByRole('alert')).toBeVisible();
  await shoot(signup, 'oauth-error-grant', info.project.name);
});

test('oauth-cancelled', async ({ signup, page }, info) => {
  await mockOAuthPage(signup, '');
  await new OAuthServerPage(page).cancel.click();
  await expect(page.getByRole('alert')).toBeVisible();
  await shoot(signup, 'oauth-cancelled', info.project.name);
});

test('scenario-slow (looking for the server)', async ({ signup, page }, info) => {
  await page.goto('/?scenario=slow');
  await expect(page.getByText('Looking for localhost:8008…')).toBeVisible();
  await shoot(signup, 'scenario-slow', info.project.name);
});

test('right-to-left (Arabic)', async ({ signup, page }, info) => {
  await page.goto('/?scenario=everything&lang=ar');
  await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
  await page.locator('#field-username').fill('ana');
  await page.locator('#field-password').fill('abcdefg1');
  await shoot(signup, 'rtl-arabic', info.project.name);
});

test('branded (a community config.json, German, dark)', async ({ signup, page }, info) => {
  // The production build deployed with e2e/screens/branded/ (config.json and logos).
  await page.goto('http://127.0.0.1:4176/?lang=de');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect(page.locator('img.logo-dark')).toBeVisible();
  await page.locator('#field-username').fill('ana');
  await shoot(signup, 'branded-dark-de', info.project.name);
});

test('form-filled', async ({ signup }, info) => {
  await signup.open('?scenario=everything');
  await signup.fill('Ana', 'abcdefg1', 'ana@example.org');
  await shoot(signup, 'form-filled', info.project.name);
});

test('form-username-taken', async ({ signup }, info) => {
  await signup.open('?scenario=open');
  await signup.username.fill('alice');
  await expect(signup.page.getByText('Someone already has this username. Try another one.')).toBeVisible();
  await shoot(signup, 'form-username-taken', info.project.name);
});

test('form-error-summary', async ({ signup, page }, info) => {
  await signup.open('?scenario=email');
  await signup.ready();
  await page.getByLabel('Password', { exact: true }).fill('one');
  await signup.submit.click();
  await expect(page.getByText('There is a problem')).toBeVisible();
  await shoot(signup, 'form-error-summary', info.project.name);
});

test('step-terms', async ({ signup }, info) => {
  await signup.open('?scenario=terms');
  await signup.register('ana', 'a password 1');
  await expect(signup.stepHeading).toHaveText('Accept the server’s policies');
  await shoot(signup, 'step-terms', info.project.name);
});

test('step-captcha', async ({ signup }, info) => {
  await signup.open('?scenario=captcha');
  await signup.register('ana', 'a password 1');
  await expect(signup.stepHeading).toHaveText('Show you are not a robot');
  await shoot(signup, 'step-captcha', info.project.name);
});

test('step-email', async ({ signup }, info) => {
  await signup.open('?scenario=email');
  await signup.fill('ana', 'a password 1', 'ana@example.org');
  await signup.submit.click();
  await expect(signup.page.getByText('We sent a link to ana@example.org.', { exact: false })).toBeVisible();
  await shoot(signup, 'step-email', info.project.name);
});

test('mock-panel', async ({ signup, page }, info) => {
  await signup.open('?scenario=email');
  await page.getByRole('button', { name: /Mock server/ }).click();
  await shoot(signup, 'mock-panel', info.project.name);
});

test('success', async ({ signup }, info) => {
  await signup.open('?scenario=open');
  await signup.register('ana', 'a password 1');
  await expect(signup.successHeading).toBeVisible();
  await shoot(signup, 'success', info.project.name);
});

for (const error of KNOWN_ERRORS) {
  const name = errorScreen(error);
  test(name, async ({ signup }, info) => {
    await signup.open('?scenario=email');
    await signup.fill('ana', 'a password 1', 'ana@example.org');
    await signup.ready();
    await signup.forceNextError(error.errcode, error.status, error.extra);
    await signup.submit.click();
    await expect(signup.page.locator('.form-error, .field-error').first()).toBeVisible();
    await shoot(signup, name, info.project.name);
  });
}

test('error-discovery', async ({ signup, page }, info) => {
  await signup.open();
  await signup.ready();
  await signup.forceNextError('M_UNKNOWN', 500, {}, 'wellKnown');
  await page.getByRole('button', { name: 'Change server' }).click();
  await page.getByLabel('Homeserver').fill('broken.example');
  await expect(
    page.getByText('broken.example has a discovery file (.well-known), but it is not valid.', { exact: false }),
  ).toBeVisible();
  await shoot(signup, 'error-discovery', info.project.name);
});

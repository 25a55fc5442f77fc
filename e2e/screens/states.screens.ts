import { mkdirSync } from 'node:fs';
import { KNOWN_ERRORS } from 'matrix-mock-homeserver';
import { expect, test } from '../fixtures';
import type { SignupPage } from '../pages/signup-page';

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

const FORM_SCENARIOS = [
  'open',
  'token',
  'terms',
  'captcha',
  'email',
  'everything',
  'guest',
  'seed',
  'disabled',
  'oidc',
  'broken',
];

for (const scenario of FORM_SCENARIOS) {
  test(`scenario-${scenario}`, async ({ signup, page }, info) => {
    await page.goto(`/?scenario=${scenario}`);
    if (!['disabled', 'oidc', 'broken'].includes(scenario)) await signup.ready();
    else await page.waitForTimeout(1500);
    await shoot(signup, `scenario-${scenario}`, info.project.name);
  });
}

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
  const name = `error-${error.errcode.replace(/\./g, '_')}-${String(error.status)}`;
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

import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { catalogOf } from './support/english';
import { holdEntryScript, RECORD_LAYOUT_SHIFTS, recordedLayoutShifts } from './support/hold-script';

/**
 * A community's deployment (e2e/support/deployment/config.json: German by default, its brand, dark),
 * built with `SIGNUP_CONFIG` so that its first paint is already theirs (docs/deploying.md).
 */
const german = catalogOf('de', 'start');
const COMMUNITY = 'Beispiel-Gemeinschaft';
/** The community's accent as the dark theme shows it (lightened for contrast by the brand check). */
const DARK_ACCENT = 'rgb(129, 78, 190)';

const accentOf = (page: Page) =>
  page.evaluate(() => getComputedStyle(document.querySelector('button[type="submit"]') as Element).backgroundColor);

test.describe('a visitor in the deployment’s own language', () => {
  test.use({ locale: 'de-DE' });

  test('meets the branded German form before any script runs, and the page takes it over as it is', async ({
    page,
    signup,
    checkA11y,
  }) => {
    await page.addInitScript(RECORD_LAYOUT_SHIFTS);
    const script = await holdEntryScript(page);
    await page.goto('/', { waitUntil: 'commit' });
    const heading = page.getByRole('heading', { level: 1 });
    const title = (german['app.titleBranded'] ?? '').replace('{name}', COMMUNITY);
    await expect(heading).toHaveText(title);
    await expect(page).toHaveTitle(title);
    // The dark logo, as the community's default theme is dark.
    const logo = page.locator('img.logo-dark');
    await expect(logo).toBeVisible();
    await expect(logo).toHaveAccessibleName((german['app.logo'] ?? '').replace('{name}', COMMUNITY));
    await expect(page.locator('img.logo-light')).toBeHidden();
    // Loaded, not a broken image: the build copied the logos named in the config (UX audit 13).
    await expect.poll(() => logo.evaluate((image: HTMLImageElement) => image.naturalWidth)).toBeGreaterThan(0);
    await expect(page.getByText('Willkommen! Komm in unseren Chat.')).toBeVisible();
    // Its theme and colour are in the first paint too, not applied once the script has run.
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    await expect.poll(() => accentOf(page)).toBe(DARK_ACCENT);
    await expect(page.locator('html[data-signup]')).toHaveCount(0);
    const username = page.getByLabel(german['username.label'] ?? '', { exact: true });
    // The HTTP mock is shared by the whole run: a name of its own.
    const name = `gemeinschaft-${Date.now().toString(36)}`;
    await username.pressSequentially(name);

    script.release();
    await expect(page.locator('html[data-signup="ready"]')).toBeAttached();
    await expect(username).toHaveValue(name);
    await expect(username).toBeFocused();
    await expect(page.getByTestId('server-name')).toHaveText('localhost:8018');
    expect(await recordedLayoutShifts(page)).toEqual([]);
    await checkA11y();
    const password = 'a long enough password 9';
    await page.getByLabel(german['password.label'] ?? '', { exact: true }).fill(password);
    await page.getByLabel(german['password.confirmLabel'] ?? '', { exact: true }).fill(password);
    const submit = page.getByRole('button', { name: german['form.submit'] ?? '' });
    await expect(submit).toBeEnabled();
    await submit.click();
    await expect(signup.matrixId).toHaveText(`@${name}:localhost:8018`);
  });
});

test.describe('a visitor in another language', () => {
  test.use({ locale: 'en-US' });

  test('meets the form in English, with the community’s brand, before any script has run (decision 023)', async ({
    page,
  }) => {
    const script = await holdEntryScript(page);
    await page.goto('/', { waitUntil: 'commit' });
    // The build is German; the first paint is put in place in the visitor's language before it shows.
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Create your account on ${COMMUNITY}`);
    await expect(page.getByText('Welcome! Join our chat.')).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.locator('html')).not.toHaveAttribute('data-language-pending');
    await expect(page.locator('html[data-signup]')).toHaveCount(0);
    await page.getByLabel('Username', { exact: true }).pressSequentially('early');
    script.release();
    await expect(page.locator('html[data-signup="ready"]')).toBeAttached();
    await expect(page.getByLabel('Username', { exact: true })).toHaveValue('early');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Create your account on ${COMMUNITY}`);
  });

  test('a language the person chose before is the first paint’s, over their browser’s (decision 029)', async ({
    page,
  }) => {
    const french = catalogOf('fr', 'start');
    await page.addInitScript(() => {
      document.cookie = 'signup-language=fr; Path=/';
    });
    const script = await holdEntryScript(page);
    await page.goto('/', { waitUntil: 'commit' });
    await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(
      (french['app.titleBranded'] ?? '').replace('{name}', COMMUNITY),
    );
    await page.getByLabel(french['username.label'] ?? '', { exact: true }).pressSequentially('early');
    script.release();
    await expect(page.locator('html[data-signup="ready"]')).toBeAttached();
    await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
    await expect(page.getByLabel(french['username.label'] ?? '', { exact: true })).toHaveValue('early');
  });

  test('a theme the person chose before is in the first paint, over the community’s default', async ({ page }) => {
    await page.addInitScript(() => {
      document.cookie = 'signup-theme=light; Path=/';
    });
    const script = await holdEntryScript(page);
    await page.goto('/', { waitUntil: 'commit' });
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
    script.release();
    await expect(page.locator('html[data-signup="ready"]')).toBeAttached();
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  });
});

test('the paragraph for a page that could not load is in the deployment’s language (review 2026-12 §3.4)', async ({
  page,
}) => {
  const html = await (await page.request.get('/')).text();
  expect(html).toContain(`<p id="load-failed" lang="de" dir="ltr" hidden>${german['app.loadFailed'] ?? '-'}</p>`);
});

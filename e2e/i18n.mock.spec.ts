import type { Page } from '@playwright/test';
import { LANGUAGES } from '../src/i18n/languages';
import { expect, test } from './fixtures';
import { catalogOf } from './support/english';

const say = (language: string, id: string) => catalogOf(language, 'start')[id] ?? `(no ${id})`;
const heading = (page: Page) => page.getByRole('heading', { level: 1 });

async function expectLanguage(page: Page, language: string, dir = 'ltr') {
  await expect(heading(page)).toHaveText(say(language, 'app.title'));
  await expect(page.locator('html')).toHaveAttribute('lang', language);
  await expect(page.locator('html')).toHaveAttribute('dir', dir);
  await expect(page).toHaveTitle(say(language, 'app.title'));
}

test('?lang= picks the language, and <html lang dir> follow it', async ({ page }) => {
  await page.goto('/?lang=de');
  await expectLanguage(page, 'de');
  await expect(page.getByLabel(say('de', 'username.label'), { exact: true })).toBeEditable();
});

test("the browser's languages pick it when nothing else does, skipping ones the page does not speak", async ({
  browser,
}) => {
  const context = await browser.newContext({ locale: 'ko-KR', extraHTTPHeaders: {} });
  await context.addInitScript(() => {
    Object.defineProperty(navigator, 'languages', { get: () => ['ko-KR', 'fr-CA', 'en'] });
  });
  const page = await context.newPage();
  await page.goto('http://127.0.0.1:4174/');
  await expectLanguage(page, 'fr');
  await context.close();
});

test('the picker changes the language at once, the choice is remembered, and ?lang= still wins', async ({ page }) => {
  await page.goto('/');
  await expectLanguage(page, 'en');
  await expect(page.locator('html[data-signup="ready"]')).toBeAttached();
  await page.getByLabel('Username').fill('keep-me');
  await page.getByLabel(say('en', 'app.language')).selectOption('es');
  await expectLanguage(page, 'es');
  // What was typed stays.
  await expect(page.getByLabel(say('es', 'username.label'), { exact: true })).toHaveValue('keep-me');
  await page.reload();
  await expectLanguage(page, 'es');
  await page.goto('/?lang=it');
  await expectLanguage(page, 'it');
});

test("only the chosen language's messages load", async ({ page }) => {
  const scripts: string[] = [];
  page.on('response', (response) => {
    if (response.url().endsWith('.js')) scripts.push(response.url());
  });
  await page.goto('/?lang=de');
  await expectLanguage(page, 'de');
  await expect(page.getByRole('button', { name: say('de', 'form.submit') })).toBeEnabled();
  const bodies = await Promise.all(scripts.map((url) => page.request.get(url).then((response) => response.text())));
  const english = say('en', 'app.configFailed');
  const french = say('fr', 'app.configFailed');
  expect(bodies.some((body) => body.includes(say('de', 'app.configFailed')))).toBe(true);
  expect(bodies.filter((body) => body.includes(english) || body.includes(french))).toEqual([]);
});

test('no other language shows first: a German page paints German from its first heading', async ({ page }) => {
  // What could be seen: words on the page while the script before paint does not hide them.
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { headings: string[] }).headings = seen;
    new MutationObserver(() => {
      if (document.documentElement.hasAttribute('data-language-pending')) return;
      for (const element of document.querySelectorAll('h1, h2, label')) {
        const text = element.textContent;
        if (text !== '' && !seen.includes(text)) seen.push(text);
      }
    }).observe(document, { childList: true, subtree: true, characterData: true, attributes: true });
  });
  await page.goto('/?lang=de');
  await expectLanguage(page, 'de');
  const seen = await page.evaluate(() => (window as unknown as { headings: string[] }).headings);
  const english = catalogOf('en', 'start');
  expect(seen.filter((text) => Object.values(english).includes(text))).toEqual([]);
});

test('Arabic reads right to left: the form is laid out from the right, Matrix IDs stay left to right', async ({
  page,
  checkA11y,
}) => {
  await page.goto('/?lang=ar');
  await expectLanguage(page, 'ar', 'rtl');
  // The app has taken over: its form replaces the first paint's, so a box measured before could be
  // of a label no longer in the page.
  await expect(page.locator('html[data-signup="ready"]')).toBeAttached();
  const username = page.getByLabel(say('ar', 'username.label'), { exact: true });
  await username.fill('ana');
  // The label's words (not its box, which spans the card either way) end at the card's right edge,
  // within its padding; both edges from one layout.
  const gap = await page.evaluate(() => {
    const label = document.querySelector('label[for="field-username"]');
    const card = document.querySelector('main.card')?.getBoundingClientRect();
    if (!label || !card) return undefined;
    const words = document.createRange();
    words.selectNodeContents(label);
    const box = words.getBoundingClientRect();
    return box.width > 0 ? card.right - box.right : undefined;
  });
  expect(gap).toBeGreaterThanOrEqual(0);
  expect(gap).toBeLessThan(40);
  await expect(page.locator('#username-preview .matrix-id')).toHaveAttribute('dir', 'ltr');
  await expect(page.locator('#username-preview .matrix-id')).toHaveText('@ana:localhost:8008');
  await checkA11y();
});

const pageBackground = (page: Page) => page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
const LIGHT_BACKGROUND = 'rgb(246, 247, 249)';
const DARK_BACKGROUND = 'rgb(16, 18, 21)';

/**
 * Every language on a light device; on a dark one, a language of each script the catalogs use
 * (Latin, Arabic right to left, CJK, Cyrillic): the dark theme changes colours, not text or layout,
 * so the other languages would repeat the same contrast checks. Two tests, so that both workers
 * share them.
 */
const DARK_CHECKED: readonly (typeof LANGUAGES)[number][] = ['en', 'ar', 'ja', 'ru'];

for (const [scheme, background, languages] of [
  ['light', LIGHT_BACKGROUND, LANGUAGES],
  ['dark', DARK_BACKGROUND, DARK_CHECKED],
] as const) {
  test(`axe finds nothing on a ${scheme} device, in ${scheme === 'light' ? 'every language' : 'each script'}`, async ({
    page,
    checkA11y,
  }) => {
    test.setTimeout(150_000);
    // The theme is "System" unless chosen: the device's scheme decides.
    await page.emulateMedia({ colorScheme: scheme });
    for (const language of languages) {
      await page.goto(`/?lang=${language}`);
      await expect(heading(page)).toHaveText(say(language, 'app.title'));
      await expect(page.getByRole('button', { name: say(language, 'form.submit') })).toBeEnabled();
      expect(await pageBackground(page), `${language} on a ${scheme} device`).toBe(background);
      await checkA11y();
    }
  });
}

test('the theme follows the device until one is chosen, and the choice wins over the device', async ({
  page,
  checkA11y,
}) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto('/?lang=ar');
  // The Arabic first paint is there before the app (decision 023): the picker works once it has taken over.
  await expect(page.locator('html[data-signup="ready"]')).toBeAttached();
  const picker = page.getByLabel(say('ar', 'app.theme'));
  await expect(picker).toHaveValue('system');
  await expect.poll(() => pageBackground(page)).toBe(DARK_BACKGROUND);
  await page.emulateMedia({ colorScheme: 'light' });
  await expect.poll(() => pageBackground(page)).toBe(LIGHT_BACKGROUND);
  await picker.selectOption('dark');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect.poll(() => pageBackground(page)).toBe(DARK_BACKGROUND);
  await checkA11y();
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect(page.locator('html[data-signup="ready"]')).toBeAttached();
  await page.getByLabel(say('ar', 'app.theme')).selectOption('light');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  await page.emulateMedia({ colorScheme: 'dark' });
  // Two frames for the device's change to reach the page, then once: a chosen theme never follows it.
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  expect(await pageBackground(page)).toBe(LIGHT_BACKGROUND);
  await checkA11y();
  await page.getByLabel(say('ar', 'app.theme')).selectOption('system');
  await expect(page.locator('html')).not.toHaveAttribute('data-theme', /./);
  await expect.poll(() => pageBackground(page)).toBe(DARK_BACKGROUND);
});

test("the server's own words stay as it sent them, under Details, in any language", async ({ signup, page }) => {
  await page.goto('/?lang=fr');
  // The French first paint is there before the in-browser mock is up (decision 023): wait for the app.
  await expect(page.locator('html[data-signup="ready"]')).toBeAttached();
  await page.getByLabel(say('fr', 'username.label'), { exact: true }).fill('details');
  await page.getByLabel(say('fr', 'password.label'), { exact: true }).fill('a password 1');
  await page.getByLabel(say('fr', 'password.confirmLabel'), { exact: true }).fill('a password 1');
  await signup.forceNextError('M_FORBIDDEN', 403, { error: 'Registration is closed for today' });
  await page.getByRole('button', { name: say('fr', 'form.submit') }).click();
  const alert = page.getByRole('alert').filter({ hasText: catalogOf('fr', 'later')['error.M_FORBIDDEN'] ?? '-' });
  await alert.getByText(say('fr', 'common.details'), { exact: true }).click();
  await expect(alert.getByText('M_FORBIDDEN · HTTP 403 · Registration is closed for today')).toBeVisible();
});

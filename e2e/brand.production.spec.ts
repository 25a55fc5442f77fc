import type { Page } from '@playwright/test';
import { HTTP_MOCK_URL } from '../playwright.config';
import { SURFACES } from '../src/config/branding';
import { checkAccent, toHex } from '../src/config/contrast';
import { expect, test } from './fixtures';

const LOGO =
  '<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64"><circle cx="32" cy="32" r="30" fill="#6b2fb3"/></svg>';
const LOGO_DARK =
  '<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64"><circle cx="32" cy="32" r="30" fill="#e0c8ff"/></svg>';

/** The production build with a community's config.json, as an admin would deploy it. */
async function openBranded(page: Page, brand: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  await page.route('**/config.json', (route) =>
    route.fulfill({
      json: {
        default_server: HTTP_MOCK_URL,
        allow_custom_servers: false,
        brand: { name: 'Example Community', logo_url: 'logo.svg', logo_dark_url: 'logo-dark.svg', ...brand },
        welcome_text: { en: 'Welcome to our chat!', de: 'Willkommen in unserem Chat!' },
        help_url: 'https://example.org/help',
        footer_links: [
          { label: { en: 'Privacy', de: 'Datenschutz' }, url: 'https://example.org/privacy' },
          { label: 'Imprint', url: { en: 'https://example.org/imprint', de: 'https://example.org/impressum' } },
        ],
        ...extra,
      },
    }),
  );
  await page.route('**/logo.svg', (route) => route.fulfill({ body: LOGO, contentType: 'image/svg+xml' }));
  await page.route('**/logo-dark.svg', (route) => route.fulfill({ body: LOGO_DARK, contentType: 'image/svg+xml' }));
  await page.route('**/favicon.png', (route) => route.fulfill({ body: LOGO, contentType: 'image/svg+xml' }));
}

const accentOf = (page: Page) =>
  page.evaluate(() => getComputedStyle(document.querySelector('button[type="submit"]') as Element).backgroundColor);

test('a branded page carries the name, logo, colour, welcome text and footer links, in light and dark', async ({
  page,
  checkA11y,
}) => {
  await openBranded(page, { accent_color: '#6b2fb3', favicon_url: 'favicon.png' });
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Create your account on Example Community');
  await expect(page).toHaveTitle('Create your account on Example Community');
  await expect(page.getByRole('img', { name: 'Example Community logo' }).first()).toBeVisible();
  await expect(page.locator('img.logo-light')).toHaveAttribute('src', 'logo.svg');
  await expect(page.getByText('Welcome to our chat!')).toBeVisible();
  const footer = page.getByRole('navigation', { name: 'Links' });
  await expect(footer.getByRole('link', { name: 'Help' })).toHaveAttribute('href', 'https://example.org/help');
  await expect(footer.getByRole('link', { name: 'Privacy' })).toHaveAttribute('href', 'https://example.org/privacy');
  await expect(footer.getByRole('link', { name: 'Imprint' })).toHaveAttribute('href', 'https://example.org/imprint');
  await expect(page.locator('link[rel="icon"]')).toHaveAttribute('href', 'favicon.png');
  await expect.poll(() => accentOf(page)).toBe('rgb(107, 47, 179)');
  await checkA11y();

  await page.getByLabel('Theme').selectOption('dark');
  await expect(page.locator('img.logo-dark')).toBeVisible();
  await expect(page.locator('img.logo-light')).toBeHidden();
  // #6b2fb3 is too dark on the dark background: the dark theme uses a lighter one.
  await expect.poll(() => accentOf(page)).not.toBe('rgb(107, 47, 179)');
  await checkA11y();

  // The admin's text in the person's language.
  await page.goto('/?lang=de');
  await expect(page.getByText('Willkommen in unserem Chat!')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Datenschutz' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Imprint' })).toHaveAttribute('href', 'https://example.org/impressum');

  // In Arabic, the admin's English text keeps its own direction: its full stop stays at its end (UX audit 17).
  await page.goto('/?lang=ar');
  const welcome = page.getByText('Welcome to our chat!');
  await expect(welcome).toBeVisible();
  expect(await welcome.evaluate((element) => getComputedStyle(element).direction)).toBe('ltr');
  expect(
    await page.getByRole('link', { name: 'Imprint' }).evaluate((element) => getComputedStyle(element).direction),
  ).toBe('ltr');
});

test('an accent colour too pale to read is corrected, with a console warning that says why', async ({ page }) => {
  const warnings: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'warning') warnings.push(message.text());
  });
  await openBranded(page, { accent_color: '#ffe066' });
  await page.goto('/');
  // The prerendered button is there before config.json is applied: wait for the page's verdict.
  await expect.poll(() => warnings.join('\n')).toContain('brand.accent_color #ffe066 has');
  expect(warnings.join('\n')).toContain("light theme's background");
  // The light theme's button carries the corrected colour the warning names, not the pale one.
  const corrected = checkAccent([255, 224, 102], SURFACES.light, false).accent;
  expect(toHex(corrected)).not.toBe('#ffe066');
  await expect
    .poll(() => accentOf(page))
    .toBe(`rgb(${corrected.map((channel) => String(Math.round(channel))).join(', ')})`);
});

test('a wrong value in config.json stops the page with what is wrong, for the admin', async ({ page }) => {
  await openBranded(page, { accent_color: 'purple' });
  await page.goto('/');
  await expect(page.getByText('This sign-up page is not set up correctly.', { exact: false })).toBeVisible();
  await page.getByText('Details', { exact: true }).click();
  await expect(
    page.getByText('config.json: brand.accent_color must be a colour like "#0b6e4f", not "purple"'),
  ).toBeVisible();
});

test('a misspelt top-level key is named in the console, with the key it is closest to (UX audit 13)', async ({
  page,
}) => {
  const warnings: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'warning') warnings.push(message.text());
  });
  await openBranded(page, {}, { defualt_theme: 'dark' });
  await page.goto('/');
  await expect
    .poll(() => warnings.join('\n'))
    .toContain(
      'config.json: "defualt_theme" is not a key this page knows, so it is ignored (did you mean "default_theme"?).',
    );
  // Ignored, not refused: the page works as if the key were not there.
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Create your account on Example Community');
});

test('a config.json that is not JSON says where it is broken, under Details (UX audit 13)', async ({ page }) => {
  await page.route('**/config.json', (route) =>
    route.fulfill({ body: '{\n  "default_server": "example.org",\n}\n', contentType: 'application/json' }),
  );
  await page.goto('/');
  await expect(page.getByText('This sign-up page is not set up correctly.', { exact: false })).toBeVisible();
  await page.getByText('Details', { exact: true }).click();
  await expect(page.getByText(/config\.json is not valid JSON: .*line 3,? column 1/)).toBeVisible();
});

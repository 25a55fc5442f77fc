import { expect, test } from './fixtures';
import { catalogOf, en } from './support/english';
import { holdEntryScript, RECORD_LAYOUT_SHIFTS } from './support/hold-script';

test('the prerendered form is typeable before any script runs, and keeps what was typed, focused and selected', async ({
  page,
  signup,
}) => {
  await page.addInitScript(RECORD_LAYOUT_SHIFTS);
  const script = await holdEntryScript(page);
  await page.goto('/', { waitUntil: 'commit' });
  await expect(signup.username).toBeEditable();
  // Nothing of the page's own has run: the form is the HTML's.
  await expect(page.locator('html[data-signup]')).toHaveCount(0);
  await signup.username.pressSequentially('early');
  await signup.confirm.pressSequentially('early password 1');
  await signup.password.pressSequentially('early password 1');
  await page.evaluate(() => (document.getElementById('field-password') as HTMLInputElement).setSelectionRange(2, 7));

  script.release();
  await expect(page.locator('html[data-signup="ready"]')).toBeAttached();
  await expect(signup.username).toHaveValue('early');
  await expect(signup.password).toHaveValue('early password 1');
  await expect(signup.password).toBeFocused();
  expect(
    await page.evaluate(() => {
      const field = document.getElementById('field-password') as HTMLInputElement;
      return [field.selectionStart, field.selectionEnd];
    }),
  ).toEqual([2, 7]);
  await expect(page.locator('#username-preview')).toHaveText('Your Matrix ID will be @early:localhost:8008');
  // The server's answer and the live checks fill lines kept for them: nothing moved since first paint.
  await expect(page.getByText(en('requirements.open'))).toBeVisible();
  await expect(page.locator('#username-status')).toHaveText(en('username.available'));
  await expect(page.locator('#password-strength')).toHaveText(en('password.strength', { level: 2 }));
  expect(await page.evaluate(() => (window as unknown as { layoutShifts: number[] }).layoutShifts)).toEqual([]);

  await signup.ready();
  await signup.submit.click();
  await expect(signup.matrixId).toHaveText('@early:localhost:8008');
  // (No hydration mismatch, no CSP refusal of the prerendered markup: the page fixture fails on any.)
});

test.describe('a visitor whose language is not the prerendered one', () => {
  test.use({ locale: 'de-DE' });

  test('sees no English while the script is on its way, then the page in German', async ({ page }) => {
    const script = await holdEntryScript(page);
    await page.goto('/', { waitUntil: 'commit' });
    // The English form is in the HTML, but the script before paint keeps it out of sight (and of reach).
    await expect(page.locator('html')).toHaveAttribute('data-language-pending', 'de');
    await expect(page.getByRole('heading', { level: 1 })).toBeHidden();
    await expect(page.locator('#field-username')).toBeHidden();
    script.release();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(catalogOf('de', 'start')['app.title'] ?? '');
    await expect(page.locator('html')).toHaveAttribute('lang', 'de');
    await expect(page.locator('html')).not.toHaveAttribute('data-language-pending');
  });
});

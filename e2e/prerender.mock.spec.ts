import { expect, test } from './fixtures';
import { catalogOf, en } from './support/english';
import { holdEntryScript, RECORD_LAYOUT_SHIFTS, recordedLayoutShifts } from './support/hold-script';

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
  // Nothing a person could see moves. Under CI's load a text line was once measured 0.0002 wider after
  // the app took over (also on 9ab2199, before decision 023), its source not yet found: below 0.005.
  const shifts = await recordedLayoutShifts(page);
  expect(shifts.reduce((sum, shift) => sum + shift, 0)).toBeLessThan(0.005);

  await signup.ready();
  await signup.submit.click();
  await expect(signup.matrixId).toHaveText('@early:localhost:8008');
  // (No hydration mismatch, no CSP refusal of the prerendered markup: the page fixture fails on any.)
});

/**
 * Before each frame, the words of the page's heading if it is visible: what the person saw, frame by
 * frame, from the first paint on (a flash of another language would be among them).
 */
const RECORD_HEADINGS_SEEN = `(() => {
  window.headingsSeen = [];
  const frame = () => {
    const heading = document.querySelector('h1');
    if (heading && heading.checkVisibility({ visibilityProperty: true })) {
      const words = heading.textContent;
      if (window.headingsSeen.at(-1) !== words) window.headingsSeen.push(words);
    }
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
})();`;

// The mock build is prerendered in English (its config has no default_language): these visitors'
// browsers ask for German and Arabic (decision 023).
for (const { locale, language, dir, typed } of [
  { locale: 'de-DE', language: 'de', dir: 'ltr', typed: 'frueh' },
  { locale: 'ar', language: 'ar', dir: 'rtl', typed: 'mubakir' },
] as const) {
  test.describe(`a visitor whose browser speaks ${language}, on a build prerendered in English`, () => {
    test.use({ locale });

    test('types into the form in their language and direction before any script has run, and the app takes it over in place', async ({
      page,
    }) => {
      const words = catalogOf(language, 'start');
      await page.addInitScript(RECORD_LAYOUT_SHIFTS);
      await page.addInitScript(RECORD_HEADINGS_SEEN);
      const script = await holdEntryScript(page);
      await page.goto('/', { waitUntil: 'commit' });
      const username = page.getByLabel(words['username.label'] ?? '', { exact: true });
      await expect(username).toBeVisible();
      await expect(username).toBeEditable();
      // Nothing of the app has run: the form is the HTML's, in the visitor's language and direction.
      await expect(page.locator('html[data-signup]')).toHaveCount(0);
      await expect(page.locator('html')).toHaveAttribute('lang', language);
      await expect(page.locator('html')).toHaveAttribute('dir', dir);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(words['app.title'] ?? '');
      await expect(page).toHaveTitle(words['app.title'] ?? '');
      await expect(page.getByRole('button', { name: words['form.submit'] })).toBeVisible();
      await username.pressSequentially(typed);
      // The label's words begin where the field begins: on the right for Arabic, on the left for German.
      const edges = await page.evaluate(() => {
        const field = document.getElementById('field-username') as HTMLInputElement;
        const label = field.labels?.[0];
        const text = document.createRange();
        text.selectNodeContents(label as Node);
        const [words, box] = [text.getBoundingClientRect(), field.getBoundingClientRect()];
        return { left: Math.abs(words.left - box.left), right: Math.abs(words.right - box.right) };
      });
      expect(dir === 'rtl' ? edges.right : edges.left).toBeLessThan(2);

      script.release();
      await expect(page.locator('html[data-signup="ready"]')).toBeAttached();
      // Hydrated, not rendered afresh: the same field, with what was typed and the focus.
      await expect(username).toHaveValue(typed);
      await expect(username).toBeFocused();
      await expect(page.locator('html')).toHaveAttribute('lang', language);
      await expect(page.getByText(words['requirements.open'] ?? '')).toBeVisible();
      // Seen, frame by frame: only the heading in the visitor's language, and nothing moved.
      expect(await page.evaluate(() => (window as unknown as { headingsSeen: string[] }).headingsSeen)).toEqual([
        words['app.title'],
      ]);
      // Nothing a person could see moves. Measured: in Arabic, a line of text reshaped 0.19 px wider once
      // the picker lists every language (another fallback font; 0.0013); in German and English, a
      // shift of 0.0002 after the app took over whose source is not found yet (docs/decisions/023).
      const shifts = await recordedLayoutShifts(page);
      expect(shifts.reduce((sum, shift) => sum + shift, 0)).toBeLessThan(0.005);
      // (No hydration mismatch and no CSP refusal of the language's first-paint file or markup: the page fixture fails on any.)
    });
  });
}

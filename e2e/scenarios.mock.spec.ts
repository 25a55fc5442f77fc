import { MOCK_APP_URL } from '../playwright.config';
import { expect, test } from './fixtures';
import { formatMessage } from '../src/i18n/format';
import { catalogOf } from './support/english';

test.describe('every scenario of the mock, through the UI', () => {
  test('token: the token field is required and a bad one is refused before sending', async ({
    signup,
    page,
    checkA11y,
  }) => {
    await signup.open('?scenario=token');
    await expect(page.getByText('A registration token from the server’s admins.')).toBeVisible();
    await signup.fill('tok', 'a password 1');
    await signup.token.fill('nope');
    await expect(page.getByText('This token is not valid: it may be mistyped, expired or used up.')).toBeVisible();
    await checkA11y();
    await signup.submit.click();
    await expect(signup.token).toHaveAttribute('aria-invalid', 'true');
    await signup.token.fill('letmein');
    await expect(page.getByText('This token is valid.')).toBeVisible();
    await signup.submit.click();
    await expect(signup.matrixId).toHaveText('@tok:localhost:8008');
  });

  test('token: a token the server refuses at the stage goes back to the token field', async ({ signup, page }) => {
    await signup.open('?scenario=token');
    await signup.fill('tok2', 'a password 1');
    await signup.token.fill('single-use');
    await expect(page.getByText('This token is valid.')).toBeVisible();
    // Someone else uses the single-use token first.
    await signup.mock('scenario', { name: 'token' });
    await page.evaluate(async () => {
      const post = (body: unknown) =>
        fetch('http://localhost:8008/_matrix/client/v3/register', { method: 'POST', body: JSON.stringify(body) }).then(
          (r) => r.json() as Promise<{ session: string }>,
        );
      const first = await post({ username: 'other', password: 'x' });
      await post({ auth: { type: 'm.login.registration_token', token: 'single-use', session: first.session } });
    });
    await signup.submit.click();
    await expect(signup.token).toBeFocused();
    await expect(
      page.getByText('This registration token was not accepted: it may be mistyped, expired or used up.').first(),
    ).toBeVisible();
  });

  test('terms: one checkbox and link per policy, all required, step 2 of 2', async ({ signup, page, checkA11y }) => {
    await signup.open('?scenario=terms');
    await expect(page.getByText('Step 1 of 2')).toBeVisible();
    await signup.register('terms', 'a password 1');
    await expect(page.getByText('Step 2 of 2')).toBeVisible();
    await expect(signup.stepHeading).toBeFocused();
    await expect(page.getByRole('link', { name: /Privacy Policy/ })).toHaveAttribute(
      'href',
      // In the demo the policy lives in the in-browser mock, so it opens through the mock's page shell.
      `${MOCK_APP_URL}/mock-oauth.html?page=${encodeURIComponent('/_matrix/consent?v=1.0')}`,
    );
    await checkA11y();
    await page.getByRole('button', { name: 'Accept and continue' }).click();
    await expect(page.getByText('Accept every policy to continue.')).toBeVisible();
    await page.getByLabel('I accept the Privacy Policy').check();
    await page.getByLabel('I accept the Terms of Service').check();
    await page.getByRole('button', { name: 'Accept and continue' }).click();
    await expect(signup.matrixId).toHaveText('@terms:localhost:8008');
  });

  test('terms: the policy comes in the page’s language when the server has it, else in English', async ({ page }) => {
    const [fr, frLater, de, deLater] = [
      catalogOf('fr', 'start'),
      catalogOf('fr', 'later'),
      catalogOf('de', 'start'),
      catalogOf('de', 'later'),
    ];
    const signUp = async (language: string, words: Record<string, string>, username: string) => {
      await page.goto(`/?scenario=terms&lang=${language}`);
      await page.getByLabel(words['username.label'] ?? '-', { exact: true }).fill(username);
      await page.getByLabel(words['password.label'] ?? '-', { exact: true }).fill('a password 1');
      await page.getByLabel(words['password.confirmLabel'] ?? '-', { exact: true }).fill('a password 1');
      await page.getByRole('button', { name: words['form.submit'] ?? '-' }).click();
    };
    await signUp('fr', fr, 'francais');
    const french = formatMessage('fr', frLater['terms.accept'] ?? '-', { name: 'Politique de confidentialité' });
    await expect(page.getByLabel(french)).toBeVisible();
    await expect(page.getByRole('link', { name: /Politique de confidentialité/ })).toHaveAttribute(
      'href',
      `${MOCK_APP_URL}/mock-oauth.html?page=${encodeURIComponent('/_matrix/consent?v=1.0&lang=fr')}`,
    );
    // The mock has no German text of its policies: the German sentence names the English one.
    await signUp('de', de, 'deutsch');
    await expect(
      page.getByLabel(formatMessage('de', deLater['terms.accept'] ?? '-', { name: 'Privacy Policy' })),
    ).toBeVisible();
  });

  test('captcha: the mock widget works with the keyboard', async ({ signup, page, checkA11y }) => {
    await signup.open('?scenario=captcha');
    await signup.register('robotnot', 'a password 1');
    await expect(signup.stepHeading).toHaveText('Show you are not a robot');
    await checkA11y();
    await page.getByLabel('I am not a robot').focus();
    await page.keyboard.press('Space');
    await expect(signup.matrixId).toHaveText('@robotnot:localhost:8008');
  });

  test('email: required, then "check your email", and the page goes on when the link is opened', async ({
    signup,
    page,
    checkA11y,
  }) => {
    await page.clock.install();
    await signup.open('?scenario=email');
    await signup.fill('mailer', 'a password 1');
    await signup.submit.click();
    await expect(page.locator('#field-email-error')).toHaveText('This server needs an email address.');
    await signup.email.fill('mailer@example.org');
    await signup.submit.click();
    await expect(signup.stepHeading).toHaveText('Check your email');
    await expect(page.getByText('We sent a link to mailer@example.org.', { exact: false })).toBeVisible();
    await expect(page.getByRole('button', { name: /Send again in \d+ seconds?/ })).toBeDisabled();
    await checkA11y();
    // Synapse's email has a link and nothing to type, so the page offers no code box.
    await expect(page.getByLabel('Or type the code from the email')).toHaveCount(0);
    await signup.followEmailLink();
    // The email step asks every 3 s whether the link was opened: the page's clock moves on to that.
    await page.clock.fastForward(3_000);
    await expect(signup.matrixId).toHaveText('@mailer:localhost:8008', { timeout: 10_000 });
  });

  test('email-code: the code from the mail can be typed instead', async ({ signup, page }) => {
    await signup.open('?scenario=email-code');
    await signup.fill('coder', 'a password 1', 'coder@example.org');
    await signup.submit.click();
    await expect(page.getByText('We sent a link to coder@example.org.', { exact: false })).toBeVisible();
    await page.getByLabel('Or type the code from the email').fill('000000');
    await page.getByRole('button', { name: 'Confirm code' }).click();
    await expect(page.getByText('This code is not right.', { exact: false })).toBeVisible();
    const inbox = (await signup.mock('inbox')) as { messages: { code: string }[] };
    await page.getByLabel('Or type the code from the email').fill(inbox.messages[0]?.code ?? '');
    await page.getByRole('button', { name: 'Confirm code' }).click();
    await expect(signup.matrixId).toHaveText('@coder:localhost:8008', { timeout: 10_000 });
  });

  test('email: an address the server refuses when sending brings the person back to the email field', async ({
    signup,
    page,
  }) => {
    await signup.open('?scenario=email');
    await signup.fill('blocked', 'a password 1', 'someone@blocked.example');
    await signup.submit.click();
    await expect(signup.email).toBeFocused();
    await expect(page.locator('#field-email-error')).toHaveText(
      'This server does not accept email addresses from this domain.',
    );
  });

  test('email: "use a different address" goes back to the email field', async ({ signup, page }) => {
    await signup.open('?scenario=email');
    await signup.fill('changer', 'a password 1', 'typo@example.org');
    await signup.submit.click();
    await page.getByRole('button', { name: 'Use a different email address' }).click();
    await expect(signup.email).toBeFocused();
    await expect(signup.email).toHaveValue('typo@example.org');
    await expect(signup.password).toHaveValue('a password 1');
  });

  test('everything: the password policy shows up front; captcha then terms, steps counted', async ({
    signup,
    page,
  }) => {
    await signup.open('?scenario=everything');
    await expect(page.getByText('This server requires passwords with:')).toBeVisible();
    await expect(page.getByText('Step 1 of 3')).toBeVisible();
    await signup.email.fill('all@example.org');
    await expect(page.getByText('Step 1 of 4')).toBeVisible();
    await signup.email.fill('');
    await signup.register('everyone', 'abcdefg1');
    await expect(page.getByText('Step 2 of 3')).toBeVisible();
    // click, not check(): the widget submits the stage at once and goes away, so check()'s re-read of
    // its state could wait for a checkbox that no longer exists.
    await page.getByLabel('I am not a robot').click();
    await expect(page.getByText('Step 3 of 3')).toBeVisible();
    await page.getByLabel('I accept the Privacy Policy').check();
    await page.getByLabel('I accept the Terms of Service').check();
    await page.getByRole('button', { name: 'Accept and continue' }).click();
    await expect(signup.matrixId).toHaveText('@everyone:localhost:8008');
  });

  test('everything: a password that breaks the policy is stopped before sending', async ({ signup, page }) => {
    await signup.open('?scenario=everything');
    await signup.register('weak', 'short');
    await expect(page.locator('#field-password-error')).toHaveText(
      'This password does not meet the server’s rules above.',
    );
  });

  test('disabled: says so, with no form', async ({ signup, page, checkA11y }) => {
    await signup.page.goto('/?scenario=disabled');
    await expect(page.getByText('This server is not accepting new accounts.')).toBeVisible();
    await expect(signup.submit).toHaveCount(0);
    await checkA11y();
  });

  test('rate-limited: a live countdown, with submit disabled until it ends', async ({ signup, page }) => {
    const countdown = page.getByText(/Too many attempts in a short time\. You can try again in \d+ seconds?\./).first();
    await signup.open('?scenario=rate-limited');
    // Two accounts per client, then one per 10 s: register until the server says to wait (how many
    // fit depends on how fast this machine is, so count rather than assume).
    for (let attempt = 0; attempt < 5 && !(await countdown.isVisible()); attempt++) {
      await signup.register(`limited${attempt}`, 'a password 1');
      await expect(signup.successHeading.or(countdown).first()).toBeVisible();
      if (await countdown.isVisible()) break;
      await signup.page.goto('/');
      // The prerendered button is there at once, disabled: wait until the page's first request has
      // settled, with the form ready or the server saying to wait.
      await expect(async () => {
        expect((await signup.submit.isEnabled()) || (await countdown.isVisible())).toBe(true);
      }).toPass();
    }
    await expect(countdown).toBeVisible();
    await expect(signup.submit).toBeDisabled();
  });

  test('guest: sign-up still works as usual', async ({ signup }) => {
    await signup.open('?scenario=guest');
    await signup.register('visitor', 'a password 1');
    await expect(signup.matrixId).toHaveText('@visitor:localhost:8008');
  });

  test('seed: an old v2_alpha server, found out on submit', async ({ signup, page }) => {
    await signup.open('?scenario=seed');
    await expect(page.getByText('This is an older server: it says what it needs when you submit.')).toBeVisible();
    await signup.register('cheeky_monkey', 'ilovebananas');
    await expect(signup.matrixId).toHaveText('@cheeky_monkey:localhost:8008');
  });

  test('oidc: the form gives way to one step at the OAuth server (e2e/oauth.mock.spec.ts goes through it)', async ({
    signup,
    page,
  }) => {
    await signup.page.goto('/?scenario=oidc');
    await expect(page.getByRole('button', { name: 'Continue to localhost:8008' })).toBeVisible();
    await expect(signup.submit).toHaveCount(0);
  });

  test('slow: the page says it is looking, then works', async ({ signup, page }) => {
    await page.goto('/?scenario=slow');
    await expect(page.getByText('Looking for localhost:8008…')).toBeVisible();
    await signup.fill('patient', 'a password 1');
    await expect(signup.submit).toBeEnabled({ timeout: 15_000 });
    await signup.submit.click();
    await expect(signup.matrixId).toHaveText('@patient:localhost:8008', { timeout: 15_000 });
  });

  test('broken: a 502 page gets its own message and a retry; availability says it could not check', async ({
    signup,
    page,
  }) => {
    await signup.open('?scenario=broken');
    await signup.fill('unlucky', 'a password 1');
    await expect(page.getByText('Could not check if this username is free. You can still try it.')).toBeVisible();
    await expect(page.getByText('The server had a problem. Try again in a moment.')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Try again' })).toBeVisible();
    await expect(signup.submit).toBeDisabled();
  });
});

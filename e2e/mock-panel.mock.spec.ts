import { expect, test } from './fixtures';
import { en } from './support/english';

test.describe('the mock panel', () => {
  test('opens from its corner button or Alt+Shift+M, and axe finds nothing with it open', async ({
    signup,
    page,
    checkA11y,
  }) => {
    await signup.open();
    const toggle = page.getByRole('button', { name: /Mock server/ });
    await expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await page.keyboard.press('Alt+Shift+M');
    await expect(toggle).toHaveAttribute('aria-expanded', 'true');
    await expect(page.getByRole('heading', { name: 'Mock homeserver' })).toBeVisible();
    await checkA11y();
    await page.getByRole('button', { name: 'Close' }).click();
    await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  });

  test('switches scenario, and the address follows so the state can be linked', async ({ signup, page }) => {
    await signup.open();
    await page.getByRole('button', { name: /Mock server/ }).click();
    await page.getByLabel('Scenario').selectOption('token');
    await expect(page).toHaveURL(/scenario=token/);
    await expect(signup.token).toBeVisible();
  });

  test('plays another homeserver family, offering only those that can play the scenario; the address follows', async ({
    signup,
    page,
  }) => {
    await signup.open('?scenario=token');
    await page.getByRole('button', { name: /Mock server/ }).click();
    const family = page.getByLabel(en('panel.homeserver'));
    await expect(family.locator('option', { hasText: 'Conduit 0.9 and older' })).toHaveCount(1);
    // Dendrite has no registration-token stage: not offered for this scenario.
    await expect(family.locator('option', { hasText: 'Dendrite' })).toHaveCount(0);
    await family.selectOption({ label: 'Conduit 0.9 and older' });
    await expect(page).toHaveURL(/scenario=token&homeserver=conduit-0\.9/);
    await expect(signup.token).toBeVisible();
    // Conduit's wrong token: 401 `M_FORBIDDEN`, worded at the token field.
    await signup.fill('panelconduit', 'a password 1');
    await signup.token.fill('nope');
    await signup.submit.click();
    await expect(page.locator('#field-token-error')).toHaveText(en('stageError.token'));
    await signup.token.fill('letmein');
    await signup.submit.click();
    // Conduit sends no home_server; the ID is the user_id it answers.
    await expect(signup.matrixId).toHaveText('@panelconduit:localhost:8008');
  });

  test('forces the next sign-up answer to any errcode', async ({ signup, page }) => {
    await signup.open();
    await signup.fill('forced', 'a password 1');
    await signup.ready();
    await page.getByRole('button', { name: /Mock server/ }).click();
    await page.getByLabel('Request').selectOption('register');
    await page.getByLabel('Error', { exact: true }).selectOption({ label: 'M_THREEPID_DENIED (403)' });
    await page.getByRole('button', { name: 'Fail the next answer' }).click();
    await expect(page.getByText('The next sign-up answer will be M_THREEPID_DENIED.')).toBeVisible();
    await page.getByRole('button', { name: 'Close' }).click();
    await signup.submit.click();
    await expect(
      page
        .locator('#field-email-error, .form-error')
        .filter({ hasText: en('error.M_THREEPID_DENIED') })
        .first(),
    ).toBeVisible();
  });

  test('shows the mock inbox; its link confirms the email and the page goes on; the account appears', async ({
    signup,
    page,
  }) => {
    await page.clock.install();
    await signup.open('?scenario=email-code');
    await signup.fill('panelmail', 'a password 1', 'panel@example.org');
    await signup.submit.click();
    await expect(signup.stepHeading).toHaveText('Check your email');
    await page.getByRole('button', { name: /Mock server/ }).click();
    await expect(page.getByRole('heading', { name: 'Inbox (1)' })).toBeVisible();
    await expect(page.locator('.mock-panel li').filter({ hasText: 'panel@example.org' }).locator('code')).toHaveText(
      /^\d{6}$/,
    );
    await page.getByRole('button', { name: 'Open the link' }).click();
    // The email step asks every 3 s whether the link was opened: the page's clock moves on to that.
    await page.clock.fastForward(3_000);
    await expect(signup.matrixId).toHaveText('@panelmail:localhost:8008');
    await expect(page.getByRole('heading', { name: 'Accounts (4)' })).toBeVisible();
    await expect(page.locator('.mock-panel').getByText('@panelmail:localhost:8008')).toBeVisible();
  });

  test('sets a network delay that survives a reload, and resets the mock', async ({ signup, page }) => {
    await signup.open();
    await page.getByRole('button', { name: /Mock server/ }).click();
    await page.getByLabel('Network delay (ms)').fill('1000');
    await page.reload();
    // While a delay is on, the panel's button says so, closed too (audit item 18).
    await expect(page.getByTestId('mock-panel-delay')).toHaveText(/network delay 1 s/);
    await page.getByRole('button', { name: /Mock server/ }).click();
    await expect(page.getByLabel('Network delay (ms)')).toHaveValue('1000');
    await page.getByLabel('Network delay (ms)').fill('0');
    await expect(page.getByTestId('mock-panel-delay')).toHaveCount(0);
    await page.getByRole('button', { name: 'Reset the mock' }).click();
    await page.getByRole('button', { name: /Mock server/ }).click();
    await expect(page.getByRole('heading', { name: 'Accounts (3)' })).toBeVisible();
  });

  test('forces an OAuth server’s error, with OAuth’s own error codes, where the scenario plays one', async ({
    signup,
    page,
  }) => {
    await signup.open('?scenario=open');
    await page.getByRole('button', { name: /Mock server/ }).click();
    await expect(page.getByLabel('Request').locator('option', { hasText: 'OAuth' })).toHaveCount(0);
    await page.goto('/?scenario=oidc');
    await page.getByRole('button', { name: /Mock server/ }).click();
    await page.getByLabel('Request').selectOption({ label: en('panel.endpoint.oauthToken') });
    await expect(page.getByLabel('Error', { exact: true }).locator('option').first()).toHaveText('invalid_grant (400)');
    await page.getByLabel('Request').selectOption({ label: en('panel.endpoint.oauthRegister') });
    await page.getByLabel('Error', { exact: true }).selectOption({ label: 'invalid_redirect_uri (400)' });
    await page.getByRole('button', { name: 'Fail the next answer' }).click();
    await page.getByRole('button', { name: 'Close' }).click();
    await page.getByRole('button', { name: 'Continue to localhost:8008' }).click();
    await expect(page.getByRole('alert')).toHaveText(/must allow http:\/\/127\.0\.0\.1:4174\/ as a redirect address/);
  });

  test('on a phone, its button covers no field of the page; its words break between words only', async ({
    signup,
    page,
  }) => {
    await page.setViewportSize({ width: 360, height: 740 });
    await signup.open('?scenario=everything');
    const toggle = page.getByRole('button', { name: /Mock server/ });
    await expect(toggle).toBeVisible();
    for (const position of ['top', 'bottom'] as const) {
      await page.evaluate((where) => window.scrollTo(0, where === 'top' ? 0 : document.body.scrollHeight), position);
      const button = await toggle.boundingBox();
      const covered = await page
        .locator('#root')
        .locator('input, select, label, button, a')
        .evaluateAll(
          (elements, box) =>
            elements
              .map((element) => ({ rect: element.getBoundingClientRect(), text: element.textContent }))
              .filter(
                ({ rect }) =>
                  rect.width > 0 &&
                  box !== null &&
                  rect.left < box.x + box.width &&
                  box.x < rect.right &&
                  rect.top < box.y + box.height &&
                  box.y < rect.bottom,
              )
              .map(({ text }) => text),
          button,
        );
      expect(covered).toEqual([]);
    }
    await toggle.click();
    // `break-all` split "the address is confirmed" as "th|e address…" (audit item 17).
    await expect(page.locator('.mock-panel-list').first()).toHaveCSS('word-break', 'normal');
    await expect(page.locator('.mock-panel-list').first()).toHaveCSS('overflow-wrap', 'anywhere');
  });

  test('in Arabic, the accounts’ Matrix IDs keep their order (isolated left-to-right)', async ({ page }) => {
    await page.goto('/?scenario=open&lang=ar');
    await expect(page.locator('html[data-signup="ready"]')).toBeAttached();
    await page.locator('.mock-panel-toggle').click();
    const id = page.locator('.mock-panel li bdi[dir="ltr"]').filter({ hasText: '@alice:localhost:8008' });
    await expect(id).toHaveText('@alice:localhost:8008');
    // Rendered order: the `@` is at the left end of the ID, as in any left-to-right text.
    const { at, colon } = await id.evaluate((element) => {
      const text = element.firstChild;
      const range = document.createRange();
      const x = (index: number) => {
        range.setStart(text as Node, index);
        range.setEnd(text as Node, index + 1);
        return range.getBoundingClientRect().left;
      };
      return { at: x(0), colon: x(element.textContent.indexOf(':')) };
    });
    expect(at).toBeLessThan(colon);
  });

  test('lists the registration tokens and how far each is used', async ({ signup, page }) => {
    await signup.open('?scenario=token');
    await page.getByRole('button', { name: /Mock server/ }).click();
    const tokens = page.locator('.mock-panel li').filter({ has: page.locator('code') });
    await expect(page.getByRole('heading', { name: 'Registration tokens (4)' })).toBeVisible();
    await expect(tokens.filter({ hasText: 'letmein' })).toHaveText('letmein: used 0 of unlimited');
    await expect(tokens.filter({ hasText: 'expired' })).toContainText('no longer accepted');
    await page.getByRole('button', { name: 'Close' }).click();
    await signup.fill('tokenpanel', 'a password 1');
    await signup.token.fill('letmein');
    await signup.submit.click();
    await expect(signup.matrixId).toHaveText('@tokenpanel:localhost:8008');
    await page.getByRole('button', { name: /Mock server/ }).click();
    await expect(tokens.filter({ hasText: 'letmein' })).toHaveText('letmein: used 1 of unlimited');
  });
});

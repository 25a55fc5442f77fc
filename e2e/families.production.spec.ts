import { OAuthServerPage } from './pages/oauth-server-page';
import { en } from './support/english';
import { expect, test, type FamilyServer } from './support/family-server';

// The production build signing people up on the HTTP mock playing each homeserver family of
// ../shared/spec/homeservers.md (`--homeserver`, mocks/model/families.ts): a sign-up that works,
// and the family's own traps. The README's table of servers cites these tests.

const PASSWORD = 'a long password 1';
const userId = (server: FamilyServer, name: string) => `@${name}:localhost:${String(server.port)}`;
const tokenUses = (server: FamilyServer, token: string) =>
  server.controller.registrationTokens().find((entry) => entry.token === token);

test.describe('Synapse', () => {
  test('going back to the form keeps the UIA session: a single-use token is not left pending', async ({
    familyServer,
    signup,
    page,
  }) => {
    // `inhibit_user_in_use_error`: the name is found taken only when the account would be made,
    // after the token stage; a new session then would find the single-use token "pending" (48 h).
    const server = await familyServer('synapse', { scenario: 'token', overrides: { inhibitUserInUseError: true } });
    await signup.open(server.query);
    await signup.fill('alice', PASSWORD);
    await signup.token.fill('single-use');
    await signup.submit.click();
    await expect(page.locator('#field-username-error')).toHaveText(en('error.M_USER_IN_USE'));
    await expect(signup.username).toBeFocused();
    expect(tokenUses(server, 'single-use')).toMatchObject({ pending: 1, completed: 0 });

    await signup.username.fill('ana');
    await signup.submit.click();
    await expect(signup.matrixId).toHaveText(userId(server, 'ana'));
    expect(tokenUses(server, 'single-use')).toMatchObject({ pending: 0, completed: 1 });
  });
});

test.describe('Synapse with OAuth delegation', () => {
  test('Synapse 1.86–1.125 with MSC3861: /register 400, no auth_metadata; OAuth sign-up through auth_issuer and the issuer’s OpenID document', async ({
    familyServer,
    signup,
    page,
  }) => {
    const server = await familyServer('synapse-msc3861', { scenario: 'oidc' });
    await signup.open(server.query);
    await page.getByRole('button', { name: `Continue to ${new URL(server.url).host}` }).click();
    await expect(page).toHaveURL(new RegExp(`^${server.url}/oauth2/authorize\\?`));
    await new OAuthServerPage(page).signUp('msc', 'An OAuth password 7');
    await expect(signup.matrixId).toHaveText(userId(server, 'msc'));
  });
});

test.describe('Conduit', () => {
  test('≤0.9: "params": null, the token checked only on submit, a wrong one worded at the token field', async ({
    familyServer,
    signup,
    page,
  }) => {
    const server = await familyServer('conduit-0.9', { scenario: 'token' });
    await signup.open(server.query);
    await expect(page.getByText(en('requirements.token'))).toBeVisible();
    await signup.fill('ana', PASSWORD);
    await signup.token.fill('nope');
    await expect(page.locator('#token-status')).toHaveText(en('token.checkedOnSubmit'));
    await signup.submit.click();
    // 401 `M_FORBIDDEN` "Invalid registration token.": a token problem, not "sign-up closed".
    await expect(page.locator('#field-token-error')).toHaveText(en('stageError.token'));
    await signup.token.fill(' letmein ');
    await signup.submit.click();
    await expect(signup.matrixId).toHaveText(userId(server, 'ana'));
  });

  test('0.10+: no params at all, an open server signs up at once', async ({ familyServer, signup }) => {
    const server = await familyServer('conduit-0.10');
    await signup.open(server.query);
    await signup.register('bea', PASSWORD);
    await expect(signup.matrixId).toHaveText(userId(server, 'bea'));
  });
});

test.describe('Dendrite', () => {
  // Dendrite serves its captcha page without CORS headers (MakeHTTPAPI sets them only on OPTIONS,
  // internal/httputil/httpapi.go), so the page's check that the page exists is refused, as in any
  // browser against Dendrite; the page then offers it all the same.
  test.use({
    expectedConsoleErrors: [/\/auth\/m\.login\.recaptcha\/fallback\/web\?session=.* blocked by CORS policy/],
  });

  test('a short password and an all-digit name at their fields; a refused captcha (401 M_BAD_JSON, no flows) on the captcha step; then the account', async ({
    familyServer,
    signup,
    page,
  }) => {
    const server = await familyServer('dendrite', { scenario: 'captcha' });
    await signup.open(server.query);
    await signup.fill('1234', 'short');
    await signup.submit.click();
    // /register/available passed "1234"; /register refuses numeric names, first of all (register.go).
    await expect(page.locator('#field-username-error')).toHaveText(en('error.M_INVALID_USERNAME@numeric'));
    await signup.username.fill('dee');
    await signup.submit.click();
    // `M_WEAK_PASSWORD` comes before any stage, on every request (internal/validate.go).
    await expect(page.locator('#field-password-error')).toHaveText(en('error.M_WEAK_PASSWORD'));
    await signup.password.fill(PASSWORD);
    await signup.confirm.fill(PASSWORD);
    await signup.submit.click();
    await expect(signup.stepHeading).toHaveText(en('captcha.heading'));
    // The server's own captcha page is always offered beside the widget.
    await expect(page.getByRole('button', { name: en('fallback.open') })).toBeVisible();

    server.controller.forceNextError('register', 'M_BAD_JSON', 401);
    await page.getByLabel(en('captcha.mockLabel')).check();
    await expect(page.getByRole('alert')).toHaveText(en('stageError.captcha'));
    // Clicked, not checked: the step gives way to the success screen at once.
    await page.getByLabel(en('captcha.mockLabel')).click();
    await expect(signup.matrixId).toHaveText(userId(server, 'dee'));
  });
});

test.describe('continuwuity', () => {
  test('≤0.5.6: "params": null, and without a token the captcha flow of its two alternatives', async ({
    familyServer,
    signup,
    page,
  }) => {
    const server = await familyServer('continuwuity-0.5.6', {
      overrides: { requireToken: true, requireCaptcha: true },
    });
    await signup.open(server.query);
    await signup.register('cai', PASSWORD);
    await expect(signup.stepHeading).toHaveText(en('captcha.heading'));
    await page.getByLabel(en('captcha.mockLabel')).check();
    await expect(signup.matrixId).toHaveText(userId(server, 'cai'));
  });

  test('26.6: a token or an email; the name checked before the single-use token is spent; terms whose "version" is no policy', async ({
    familyServer,
    signup,
    page,
  }) => {
    const server = await familyServer('continuwuity-26.6', {
      overrides: { requireToken: true, requireCaptcha: true, email: 'required', requireTerms: true },
    });
    await signup.open(server.query);
    await expect(page.getByText(en('requirements.tokenOrEmail'))).toBeVisible();
    // Its OAuth server is on beside the form (hybrid, the default).
    await expect(page.getByRole('button', { name: new RegExp(new URL(server.url).host) })).toBeVisible();
    await signup.fill('alice', PASSWORD);
    await signup.token.fill('single-use');
    await signup.submit.click();
    // continuwuity judges the name only after UIA, once the token is spent: the page asks first.
    await expect(page.locator('#field-username-error')).toHaveText(en('error.M_USER_IN_USE'));
    expect(tokenUses(server, 'single-use')?.completed).toBe(0);

    await signup.username.fill('cora');
    await signup.submit.click();
    await expect(signup.stepHeading).toHaveText(en('terms.heading'));
    // Two policies, and no third one called "version".
    await expect(page.getByRole('checkbox')).toHaveCount(2);
    for (const checkbox of await page.getByRole('checkbox').all()) await checkbox.check();
    await page.getByRole('button', { name: en('terms.continue') }).click();
    await expect(signup.matrixId).toHaveText(userId(server, 'cora'));
    expect(tokenUses(server, 'single-use')?.completed).toBe(1);
  });

  test('0.5.7–0.5.11: a forbidden name, found only after UIA, is a name problem; the next try starts again', async ({
    familyServer,
    signup,
    page,
  }) => {
    const server = await familyServer('continuwuity-0.5.7', {
      overrides: { requireToken: true, forbiddenUsernames: ['^admin'] },
    });
    await signup.open(server.query);
    await signup.fill('administrator', PASSWORD);
    await signup.token.fill('letmein');
    await signup.submit.click();
    await expect(page.locator('#field-username-error')).toHaveText(en('error.M_FORBIDDEN@username'));
    await signup.username.fill('quinn');
    await signup.submit.click();
    await expect(signup.matrixId).toHaveText(userId(server, 'quinn'));
  });
});

test.describe('Tuwunel', () => {
  test('1.0–1.3: "params": null; the validity check’s 403 means "checked on submit"', async ({
    familyServer,
    signup,
    page,
  }) => {
    const server = await familyServer('tuwunel-1.3', { scenario: 'token' });
    await signup.open(server.query);
    await signup.fill('tia', PASSWORD);
    await signup.token.fill('letmein');
    await expect(page.locator('#token-status')).toHaveText(en('token.valid'));
    await signup.submit.click();
    await expect(signup.matrixId).toHaveText(userId(server, 'tia'));
  });

  test('1.4+: one flow of token, email and terms; the token sent last; "not validated yet" keeps waiting; a forbidden name said before sending', async ({
    familyServer,
    signup,
    page,
  }) => {
    const server = await familyServer('tuwunel-1.4', {
      overrides: { requireToken: true, email: 'required', requireTerms: true, forbiddenUsernames: ['^admin'] },
    });
    // The email step asks every 3 s whether the link was opened: the page's clock moves on to each ask.
    await page.clock.install();
    const nextAsk = async () => {
      const answered = page.waitForResponse(
        (response) => response.url().endsWith('/_matrix/client/v3/register') && response.request().method() === 'POST',
      );
      await page.clock.fastForward(3_000);
      await answered;
    };
    await signup.open(server.query);
    await signup.fill('admin2', PASSWORD, 'tess@example.org');
    await signup.token.fill('single-use');
    // 403 `M_FORBIDDEN` from /register/available: this name is not allowed.
    await expect(page.locator('#username-status')).toHaveText(en('error.M_FORBIDDEN@username'));
    await signup.username.fill('tess');
    await signup.submit.click();
    await expect(signup.stepHeading).toHaveText(en('emailStage.heading'));
    // The email step polls: 401 `M_FORBIDDEN` "Email address has not been validated." is "not yet".
    // A second ask is made only once the first answer was taken as "not yet" on the same step.
    await nextAsk();
    await nextAsk();
    await expect(signup.stepHeading).toHaveText(en('emailStage.heading'));
    await expect(page.getByRole('alert')).toHaveCount(0);
    expect(tokenUses(server, 'single-use')?.completed).toBe(0);

    const link = new URL(server.controller.inbox()[0]?.link ?? '');
    expect((await page.request.get(`${server.url}${link.pathname}${link.search}`)).status()).toBe(200);
    await page.clock.fastForward(3_000);
    await expect(signup.stepHeading).toHaveText(en('terms.heading'), { timeout: 10_000 });
    for (const checkbox of await page.getByRole('checkbox').all()) await checkbox.check();
    await page.getByRole('button', { name: en('terms.continue') }).click();
    await expect(signup.matrixId).toHaveText(userId(server, 'tess'));
    expect(tokenUses(server, 'single-use')?.completed).toBe(1);
  });
});

import { expect, test } from './fixtures';
import { en } from './support/english';

test('a person registers on the open server and sees their full Matrix ID', async ({ signup, checkA11y }) => {
  await signup.open();
  await expect(signup.page.getByTestId('server-name')).toHaveText('localhost:8008');
  await signup.ready();
  await expect(signup.page.getByText('Just a username and a password.')).toBeVisible();
  await checkA11y();

  await signup.username.fill('Ana');
  await expect(signup.username).toHaveValue('ana');
  await expect(
    signup.page.getByText('Matrix usernames are lower case, so we changed the capital letters to lower case.'),
  ).toBeVisible();
  await expect(signup.page.getByText('@ana:localhost:8008')).toBeVisible();
  await expect(signup.page.getByText('This username is free.')).toBeVisible();
  await signup.password.fill('correct horse battery staple');
  await signup.confirm.fill('correct horse battery staple');
  await signup.submit.click();

  await expect(signup.successHeading).toBeFocused();
  await expect(signup.matrixId).toHaveText('@ana:localhost:8008');
  await expect(signup.page.getByRole('link', { name: 'Open Element' })).toHaveAttribute(
    'href',
    'https://app.element.io/',
  );
  await checkA11y();
  await signup.page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await signup.page.getByRole('button', { name: 'Copy' }).click();
  await expect(signup.page.getByText('Copied')).toBeVisible();
  expect(await signup.page.evaluate(() => navigator.clipboard.readText())).toBe('@ana:localhost:8008');
});

test('a taken username is flagged while typing, and again on submit, once, with the password kept', async ({
  signup,
}) => {
  const taken = signup.page.getByText('Someone already has this username. Try another one.');
  await signup.open();
  await signup.fill('alice', 'second password');
  await expect(taken).toHaveCount(1);
  await signup.ready();
  await signup.submit.click();
  const summary = signup.page.getByRole('alert').filter({ hasText: 'There is a problem' });
  await expect(summary).toBeFocused();
  // One problem, one message: the summary names the field, the field says the problem.
  await expect(summary.getByRole('link', { name: 'Username' })).toBeVisible();
  await expect(signup.page.locator('#field-username-error')).toHaveText(
    'Someone already has this username. Try another one.',
  );
  await expect(taken).toHaveCount(1);
  await expect(signup.username).toHaveAttribute('aria-invalid', 'true');
  await expect(signup.password).toHaveValue('second password');
});

test('characters a username may not hold are flagged as they are typed, before any request, and no ID is promised', async ({
  signup,
}) => {
  const checks: string[] = [];
  signup.page.on('request', (request) => {
    if (request.url().includes('/register/available')) checks.push(request.url());
  });
  await signup.open();
  await signup.username.pressSequentially('bad name!');
  await expect(signup.page.locator('#username-status')).toHaveText(
    'A username can only have lower-case letters a–z, digits and . _ = - / + (not spaces or “!”).',
  );
  await expect(signup.page.locator('#username-preview')).toHaveText('Your Matrix ID will be @…:localhost:8008');
  await signup.username.fill('good-name');
  await expect(signup.page.locator('#username-preview')).toHaveText('Your Matrix ID will be @good-name:localhost:8008');
  await expect(signup.page.locator('#username-status')).toHaveText('This username is free.');
  expect(checks.some((url) => url.includes('bad'))).toBe(false);
});

test('a username too long for the server is said as it is typed, and no ID is promised', async ({ signup }) => {
  const checks: string[] = [];
  signup.page.on('request', (request) => {
    if (request.url().includes('/register/available')) checks.push(request.url());
  });
  await signup.open();
  await signup.ready();
  // `@` + 240 + `:localhost:8008` is 256 bytes, one over the limit of 255.
  await signup.username.fill('a'.repeat(240));
  await expect(signup.page.locator('#username-status')).toHaveText(en('username.tooLong'));
  await expect(signup.page.locator('#username-preview')).toHaveText('Your Matrix ID will be @…:localhost:8008');
  await signup.username.fill('a'.repeat(239));
  await expect(signup.page.locator('#username-preview')).toHaveText(
    `Your Matrix ID will be @${'a'.repeat(239)}:localhost:8008`,
  );
  await expect(signup.page.locator('#username-status')).toHaveText('This username is free.');
  expect(checks.some((url) => url.includes('a'.repeat(240)))).toBe(false);
});

test('client-side problems are listed in an error summary that links to each field', async ({ signup, checkA11y }) => {
  await signup.open();
  await signup.ready();
  await signup.password.fill('one');
  await signup.confirm.fill('two');
  await signup.submit.click();
  const summary = signup.page.getByRole('alert').filter({ hasText: 'There is a problem' });
  await expect(summary).toBeFocused();
  await expect(summary.getByRole('link', { name: 'Username' })).toBeVisible();
  await expect(summary.getByRole('link', { name: 'Confirm password' })).toBeVisible();
  await expect(signup.page.locator('#field-username-error')).toHaveText('Choose a username.');
  await expect(signup.page.locator('#field-confirm-error')).toHaveText('The two passwords are different.');
  await checkA11y();
  await summary.getByRole('link', { name: 'Username' }).click();
  await expect(signup.username).toBeFocused();
});

test('the form is keyboard-only usable, through the terms step', async ({ signup, page }) => {
  await signup.open('?scenario=terms');
  await signup.ready();
  await signup.username.focus();
  await page.keyboard.type('keys');
  await page.keyboard.press('Tab');
  await page.keyboard.type('a long password 1');
  await page.keyboard.press('Tab');
  await page.keyboard.type('a long password 1');
  await page.keyboard.press('Enter');
  await expect(signup.stepHeading).toHaveText('Accept the server’s policies');
  await expect(signup.stepHeading).toBeFocused();
  for (let i = 0; i < 2; i++) {
    await page.keyboard.press('Tab');
    await page.keyboard.press('Space');
    await page.keyboard.press('Tab'); // the policy's link
  }
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await expect(signup.successHeading).toBeFocused();
});

test('keyboard: “Change server” moves focus into its field and back, Escape cancels, and a blocked “Create account” says why beside it', async ({
  signup,
  page,
  checkA11y,
}) => {
  await signup.open();
  await signup.ready();
  const change = page.getByRole('button', { name: 'Change server' });
  const field = page.getByLabel('Homeserver');
  await change.press('Enter');
  await expect(field).toBeFocused();
  await field.fill('other.example');
  await field.press('Escape');
  await expect(change).toBeFocused();
  await expect(page.getByTestId('server-name')).toHaveText('localhost:8008');
  await signup.ready();

  // A server chosen with Enter: focus back on “Change server”, never on <body> (audit item 3).
  await change.press('Enter');
  await expect(field).toBeFocused();
  await field.fill('not a server');
  await field.press('Enter');
  await expect(change).toBeFocused();
  // No impossible ID previewed (audit item 15).
  await signup.username.fill('keepme');
  await expect(page.locator('#username-preview')).not.toContainText('not a server');
  // The reason beside the button, which stays focusable; pressing it goes to the problem (item 6).
  await expect(signup.submit).toHaveAttribute('aria-disabled', 'true');
  await expect(signup.submit).toHaveAccessibleDescription(en('form.blocked.problem'));
  await signup.submit.press('Enter');
  await expect(page.locator('.form-error').first()).toBeFocused();
  await checkA11y();
});

test('inside the steps the browser’s Back returns to the form; at 360 px the new ID wraps only before its server name, under a heading that says the account exists', async ({
  signup,
  page,
  checkA11y,
}) => {
  await page.setViewportSize({ width: 360, height: 800 });
  await signup.open('?scenario=terms');
  const name = 'a-rather-long-username-1';
  await signup.register(name, 'a long password 1');
  await expect(signup.stepHeading).toHaveText('Accept the server’s policies');
  await page.goBack();
  await expect(signup.stepHeading).toHaveText(en('form.heading'));
  await expect(signup.stepHeading).toBeFocused();
  await expect(signup.username).toHaveValue(name);
  await expect(signup.password).toHaveValue('a long password 1');
  await signup.submit.click();
  await expect(signup.stepHeading).toHaveText('Accept the server’s policies');
  // Each policy's link inside its label, and "Back to the form": axe finds nothing.
  await checkA11y();
  for (const box of await page.getByRole('checkbox').all()) await box.check();
  await page.getByRole('button', { name: 'Accept and continue' }).click();
  await expect(signup.successHeading).toBeFocused();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(en('app.titleDone'));
  await expect(page.getByText(en('success.whichServer', { server: 'localhost:8008' }))).toBeVisible();
  // Each half of the ID on one line, the server name on the next (audit item 17: `localhost:8` / `008`).
  const halves = await signup.matrixId.evaluate((id) =>
    Array.from(id.querySelectorAll('.id-part'), (part) => {
      const range = document.createRange();
      range.selectNodeContents(part);
      return {
        lines: new Set(Array.from(range.getClientRects(), (rect) => Math.round(rect.top))).size,
        top: Math.round(part.getBoundingClientRect().top),
      };
    }),
  );
  expect(halves.map((half) => half.lines)).toEqual([1, 1]);
  expect(halves[1]?.top ?? 0).toBeGreaterThan(halves[0]?.top ?? 0);
  await checkA11y();
});

test('the page works at 320 px wide in dark mode, and axe finds nothing', async ({ signup, page, checkA11y }) => {
  await page.setViewportSize({ width: 320, height: 800 });
  await page.emulateMedia({ colorScheme: 'dark' });
  await signup.open('?scenario=everything');
  await signup.ready();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
  expect(overflow).toBe(false);
  await checkA11y();
});

test('invite links prefill the username, email and token, and the token is checked at once', async ({
  signup,
  page,
}) => {
  await signup.open('?scenario=token&token=letmein&username=Bea&email=bea%40example.org');
  await expect(signup.username).toHaveValue('bea');
  await expect(signup.token).toHaveValue('letmein');
  await expect(page.getByText('This token is valid.')).toBeVisible();
  // Read into the form, the token and the email leave the address (security review 2026-12, P4).
  expect(page.url()).not.toMatch(/token=|email=|letmein/);
});

test('non-secret fields survive a reload; passwords never reach storage or the URL', async ({ signup, page }) => {
  await signup.open();
  await signup.fill('reloaded', 'secret password 9');
  await page.reload();
  await expect(signup.username).toHaveValue('reloaded');
  await expect(signup.password).toHaveValue('');
  const stored = await page.evaluate(() =>
    [sessionStorage, localStorage]
      .flatMap((storage) => Object.keys(storage).map((key) => storage.getItem(key) ?? ''))
      .join('\n'),
  );
  expect(stored).not.toContain('secret password 9');
  expect(page.url()).not.toContain('secret');
});

test('on a server whose admins approve new accounts, the end is a screen of its own, not an error over the form', async ({
  signup,
  page,
  checkA11y,
}) => {
  await signup.open('?scenario=approval');
  await signup.register('abby', 'a password 1');
  await expect(signup.stepHeading).toHaveText(en('approval.heading'));
  await expect(signup.stepHeading).toBeFocused();
  await expect(signup.matrixId).toHaveText('@abby:localhost:8008');
  await expect(page.getByText(en('approval.noticeNone'))).toBeVisible();
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect(signup.submit).toHaveCount(0);
  const { accounts } = (await signup.mock('accounts')) as { accounts: { user_id: string; approved: boolean }[] };
  expect(accounts.find((account) => account.user_id === '@abby:localhost:8008')).toMatchObject({ approved: false });
  await checkA11y();
});

test('the policies’ links open the mock’s own policy pages, on this origin (not dead offline; audit item 8)', async ({
  signup,
  page,
  context,
}) => {
  await signup.open('?scenario=terms');
  await signup.fill('policies', 'a long password 1');
  await signup.submit.click();
  await expect(signup.stepHeading).toHaveText('Accept the server’s policies');
  const link = page.getByRole('link', { name: 'Privacy Policy' });
  await expect(link).toHaveAttribute(
    'href',
    /^http:\/\/127\.0\.0\.1:4174\/mock-oauth\.html\?page=%2F_matrix%2Fconsent%3Fv%3D1\.0/,
  );
  const [policy] = await Promise.all([context.waitForEvent('page'), link.click()]);
  await expect(policy.getByRole('heading', { name: 'Privacy Policy' })).toBeVisible();
});

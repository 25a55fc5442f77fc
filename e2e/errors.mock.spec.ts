import { errorMessages } from '../src/messages/errors';
import { expect, test } from './fixtures';

/**
 * Every errcode of register-semantics.md §3 that `POST /register` can answer, forced on the mock,
 * and the plain message the page shows for it, next to the field it concerns.
 */
const CASES: {
  errcode: string;
  status: number;
  field?: 'Username' | 'Password' | 'Email';
  extra?: Record<string, unknown>;
  text?: string;
}[] = [
  { errcode: 'M_USER_IN_USE', status: 400, field: 'Username' },
  { errcode: 'M_INVALID_USERNAME', status: 400, field: 'Username' },
  { errcode: 'M_EXCLUSIVE', status: 400, field: 'Username' },
  { errcode: 'M_WEAK_PASSWORD', status: 400, field: 'Password' },
  { errcode: 'M_PASSWORD_TOO_SHORT', status: 400, field: 'Password' },
  { errcode: 'M_PASSWORD_NO_DIGIT', status: 400, field: 'Password' },
  { errcode: 'M_PASSWORD_NO_SYMBOL', status: 400, field: 'Password' },
  { errcode: 'M_PASSWORD_NO_UPPERCASE', status: 400, field: 'Password' },
  { errcode: 'M_PASSWORD_NO_LOWERCASE', status: 400, field: 'Password' },
  { errcode: 'M_THREEPID_IN_USE', status: 400, field: 'Email' },
  { errcode: 'M_THREEPID_DENIED', status: 403, field: 'Email' },
  { errcode: 'M_SERVER_NOT_TRUSTED', status: 400, field: 'Email' },
  { errcode: 'M_FORBIDDEN', status: 403 },
  { errcode: 'M_MISSING_PARAM', status: 400 },
  { errcode: 'M_INVALID_PARAM', status: 400 },
  { errcode: 'M_BAD_JSON', status: 400 },
  { errcode: 'M_NOT_JSON', status: 400 },
  { errcode: 'M_UNRECOGNIZED', status: 404 },
  { errcode: 'M_UNKNOWN_TOKEN', status: 401 },
  { errcode: 'M_MISSING_TOKEN', status: 401 },
  { errcode: 'M_GUEST_ACCESS_FORBIDDEN', status: 403 },
  { errcode: 'M_APPSERVICE_LOGIN_UNSUPPORTED', status: 400 },
  { errcode: 'M_TOO_LARGE', status: 413 },
  { errcode: 'M_UNKNOWN', status: 403, text: errorMessages.errors['M_UNKNOWN@403'] },
  { errcode: 'M_UNKNOWN', status: 400, text: errorMessages.errors['M_UNKNOWN@400'] },
  {
    errcode: 'ORG.MATRIX.MSC3866_USER_AWAITING_APPROVAL',
    status: 403,
    text: errorMessages.errors.ORG_MATRIX_MSC3866_USER_AWAITING_APPROVAL,
  },
  {
    errcode: 'M_RESOURCE_LIMIT_EXCEEDED',
    status: 403,
    extra: { admin_contact: 'mailto:admin@example.org', limit_type: 'monthly_active_user' },
    text: `${errorMessages.errors.M_RESOURCE_LIMIT_EXCEEDED ?? ''} ${errorMessages.resourceLimit.monthly_active_user ?? ''}`,
  },
  { errcode: 'M_LIMIT_EXCEEDED', status: 429, extra: { retry_after_ms: 4000 } },
];

for (const { errcode, status, field, extra, text } of CASES) {
  test(`${errcode} (${status}) is explained in plain words${field ? ` at the ${field} field` : ''}`, async ({
    signup,
    page,
  }) => {
    await signup.open('?scenario=email');
    await signup.fill('errors', 'a password 1', 'errors@example.org');
    await signup.ready();
    await signup.forceNextError(errcode, status, extra);
    await signup.submit.click();
    const expected = text ?? errorMessages.errors[errcode] ?? '';
    expect(expected).not.toBe('');
    if (field) {
      const input = field === 'Password' ? signup.password : field === 'Email' ? signup.email : signup.username;
      await expect(input).toBeFocused();
      await expect(input).toHaveAttribute('aria-invalid', 'true');
      await expect(page.locator(`#${(await input.getAttribute('id')) ?? ''}-error`)).toHaveText(expected);
    } else {
      const alert = page.getByRole('alert').filter({ hasText: expected });
      await expect(alert).toBeVisible();
      await alert.getByText('Details', { exact: true }).click();
      await expect(
        alert.getByText(`${errcode} · HTTP ${status}`, {
          exact: false,
        }),
      ).toBeVisible();
    }
    if (errcode === 'M_LIMIT_EXCEEDED') {
      await expect(page.getByText(/You can try again in [1-4] s\./).first()).toBeVisible();
      await expect(signup.submit).toBeDisabled();
      await expect(page.getByText('You can try again now.').first()).toBeVisible({ timeout: 8_000 });
      await expect(signup.submit).toBeEnabled();
    }
    if (errcode === 'M_RESOURCE_LIMIT_EXCEEDED') {
      await expect(page.getByRole('link', { name: 'Contact the server’s admins' })).toHaveAttribute(
        'href',
        'mailto:admin@example.org',
      );
    }
  });
}

test('server text is shown as text, never as markup, and only http(s) or mailto contact links', async ({
  signup,
  page,
}) => {
  await signup.open();
  await signup.fill('xss', 'a password 1');
  await signup.ready();
  await signup.forceNextError('M_RESOURCE_LIMIT_EXCEEDED', 403, {
    error: '<img src=x onerror="window.pwned=1">',
    admin_contact: 'javascript:alert(1)',
  });
  await signup.submit.click();
  await page.getByText('Details', { exact: true }).click();
  await expect(page.getByText('<img src=x onerror="window.pwned=1">', { exact: false })).toBeVisible();
  expect(await page.evaluate(() => 'pwned' in window)).toBe(false);
  await expect(page.getByRole('link', { name: 'Contact the server’s admins' })).toHaveCount(0);
});

test('discovery: a broken well-known is explained (FAIL_PROMPT), and another server can be typed', async ({
  signup,
  page,
}) => {
  await signup.open();
  await signup.ready();
  await signup.forceNextError('M_UNKNOWN', 500, {}, 'wellKnown');
  await page.getByRole('button', { name: 'Change server' }).click();
  await page.getByLabel('Homeserver').fill('broken.example');
  await expect(page.getByText(errorMessages.discovery.wellKnownStatus('broken.example'))).toBeVisible();
  await page.getByLabel('Homeserver').fill('not a server!');
  await expect(page.getByText(errorMessages.discovery.invalidInput)).toBeVisible();
  await page.getByLabel('Homeserver').fill('example.org');
  await expect(page.getByTestId('server-name')).toHaveText('example.org');
  await signup.ready();
});

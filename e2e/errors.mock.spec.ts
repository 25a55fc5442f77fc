import { KNOWN_ERRORS } from 'matrix-mock-homeserver';
import { expect, test } from './fixtures';
import type { MessageId } from '../src/i18n/catalogs';
import { en } from './support/english';

/**
 * What the page must show for each errcode the mock can force (`KNOWN_ERRORS`, the same list the
 * mock panel and the screens use): the field it concerns, and the text when it is not the errcode's
 * own message. A code added to that list is tested here without being listed twice.
 */
const EXPECTED: Record<
  string,
  {
    field?: 'Username' | 'Password' | 'Email';
    text?: string;
    extra?: Record<string, unknown>;
    /** The heading of the end screen the answer leads to instead of an error. */
    end?: string;
  }
> = {
  'M_USER_IN_USE@400': { field: 'Username' },
  'M_INVALID_USERNAME@400': { field: 'Username' },
  'M_EXCLUSIVE@400': { field: 'Username' },
  'M_WEAK_PASSWORD@400': { field: 'Password' },
  'M_PASSWORD_TOO_SHORT@400': { field: 'Password' },
  'M_PASSWORD_NO_DIGIT@400': { field: 'Password' },
  'M_PASSWORD_NO_SYMBOL@400': { field: 'Password' },
  'M_PASSWORD_NO_UPPERCASE@400': { field: 'Password' },
  'M_PASSWORD_NO_LOWERCASE@400': { field: 'Password' },
  'M_THREEPID_IN_USE@400': { field: 'Email' },
  'M_THREEPID_DENIED@403': { field: 'Email' },
  'M_SERVER_NOT_TRUSTED@400': { field: 'Email' },
  'M_UNKNOWN@403': { text: en('error.M_UNKNOWN@403') },
  'M_UNKNOWN@400': { text: en('error.M_UNKNOWN@400') },
  'M_UNKNOWN@500': { text: en('error.transport:server') },
  // Not an error: the account exists and waits for the admins (MSC3866), an end screen of its own.
  'ORG.MATRIX.MSC3866_USER_AWAITING_APPROVAL@403': { end: en('approval.heading') },
  'M_RESOURCE_LIMIT_EXCEEDED@403': {
    text: `${en('error.M_RESOURCE_LIMIT_EXCEEDED')} ${en('resourceLimit.monthly_active_user')}`,
  },
  // A short wait, so the test sees the countdown end. Its one sentence is the countdown itself.
  'M_LIMIT_EXCEEDED@429': { extra: { retry_after_ms: 4000 }, text: 'Too many attempts in a short time.' },
};

const CASES = KNOWN_ERRORS.map((known) => {
  const expected = EXPECTED[`${known.errcode}@${String(known.status)}`] ?? {};
  return { ...known, ...expected, extra: expected.extra ?? known.extra };
});

test('every expectation names an errcode the mock can force', () => {
  const known = new Set(KNOWN_ERRORS.map(({ errcode, status }) => `${errcode}@${String(status)}`));
  expect(Object.keys(EXPECTED).filter((key) => !known.has(key))).toEqual([]);
});

for (const { errcode, status, field, extra, text, end } of CASES) {
  test(`${errcode} (${status}) is explained in plain words${field ? ` at the ${field} field` : ''}`, async ({
    signup,
    page,
  }) => {
    await signup.open('?scenario=email');
    await signup.fill('errors', 'a password 1', 'errors@example.org');
    await signup.ready();
    await signup.forceNextError(errcode, status, extra);
    await signup.submit.click();
    if (end) {
      await expect(signup.stepHeading).toHaveText(end);
      await expect(signup.stepHeading).toBeFocused();
      await expect(page.getByRole('alert')).toHaveCount(0);
      await expect(signup.submit).toHaveCount(0);
      return;
    }
    const expected = text ?? en(`error.${errcode.replace(/\./g, '_')}` as MessageId);
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
      // Said once, not twice (the errcode's sentence and the countdown were two lines before).
      await expect(page.locator('p', { hasText: /Too many attempts/ })).toHaveCount(1);
      await expect(page.getByText(/You can try again in [1-4] seconds?\./).first()).toBeVisible();
      await expect(signup.submit).toBeDisabled();
      await expect(page.getByText(en('error.rateLimit.ready'), { exact: true }).first()).toBeVisible({
        timeout: 8_000,
      });
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
  await signup.forceNextError('M_FORBIDDEN', 403, {}, 'wellKnown');
  await page.getByRole('button', { name: 'Change server' }).click();
  await page.getByLabel('Homeserver').fill('broken.example');
  await expect(page.getByText(en('discovery.well-known-status', { server: 'broken.example' }))).toBeVisible();
  await page.getByLabel('Homeserver').fill('not a server!');
  await expect(page.getByText(en('discovery.invalid-input'))).toBeVisible();
  await page.getByLabel('Homeserver').fill('example.org');
  await expect(page.getByTestId('server-name')).toHaveText('example.org');
  await signup.ready();
});

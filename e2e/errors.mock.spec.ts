import { KNOWN_ERRORS } from 'matrix-mock-homeserver';
import type { Locator } from '@playwright/test';
import { expect, test } from './fixtures';
import type { MessageId } from '../src/i18n/catalogs';
import { ADDRESS_WORDS } from '../src/features/registration/address-words';
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
  // Long enough for a busy machine to see the countdown start; the test then moves the page's clock
  // on to see it end. Its one sentence is the countdown itself.
  'M_LIMIT_EXCEEDED@429': { extra: { retry_after_ms: 8000 }, text: 'Too many attempts in a short time.' },
};

const CASES = KNOWN_ERRORS.map((known) => {
  const expected = EXPECTED[`${known.errcode}@${String(known.status)}`] ?? {};
  return { ...known, ...expected, extra: expected.extra ?? known.extra };
});

test('every expectation names an errcode the mock can force', () => {
  const known = new Set(KNOWN_ERRORS.map(({ errcode, status }) => `${errcode}@${String(status)}`));
  expect(Object.keys(EXPECTED).filter((key) => !known.has(key))).toEqual([]);
});

type Case = (typeof CASES)[number];

/**
 * Several errcodes per page load: opening the page and filling the form cost far more than one
 * forced answer, and the page is meant to take one failed submit after another. Each errcode is
 * its own step (a failure names it), and checks that the one before left nothing behind. Errors at
 * a field and errors for the whole form go in separate groups, at most `GROUP_SIZE` to a page.
 */
const GROUP_SIZE = 6;
const chunks = (cases: Case[]) =>
  Array.from({ length: Math.ceil(cases.length / GROUP_SIZE) }, (_, index) =>
    cases.slice(index * GROUP_SIZE, (index + 1) * GROUP_SIZE),
  );
// An answer that ends the journey (approval) leaves no form to submit again: it has a test of its own.
const ERRORS = CASES.filter((known) => !known.end);
const GROUPS = [...chunks(ERRORS.filter((known) => known.field)), ...chunks(ERRORS.filter((known) => !known.field))];

for (const { errcode, status, extra, end } of CASES.filter((known) => known.end)) {
  test(`${errcode} (${String(status)}) ends on its own screen, not an error over the form`, async ({
    signup,
    page,
  }) => {
    await signup.open('?scenario=email');
    await signup.fill('errors', 'a password 1', 'errors@example.org');
    await signup.ready();
    await signup.forceNextError(errcode, status, extra);
    await signup.submit.click();
    await expect(signup.stepHeading).toHaveText(end ?? '');
    await expect(signup.stepHeading).toBeFocused();
    await expect(page.getByRole('alert')).toHaveCount(0);
    await expect(signup.submit).toHaveCount(0);
  });
}

const named = ({ errcode, status }: Case) => `${errcode} (${String(status)})`;
const expectedText = ({ errcode, text }: Case) => text ?? en(`error.${errcode.replace(/\./g, '_')}` as MessageId);

for (const group of GROUPS) {
  test(`${group.map(named).join(', ')}: each is explained in plain words${group[0]?.field ? ', at its field' : ''}`, async ({
    signup,
    page,
  }) => {
    const input = (field: Case['field']) =>
      field === 'Password' ? signup.password : field === 'Email' ? signup.email : signup.username;
    // The page's own clock (it runs as usual), so that a countdown's end need not be waited out.
    await page.clock.install();
    await signup.open('?scenario=email');
    await signup.fill('errors', 'a password 1', 'errors@example.org');
    /** What only the errcode before showed: its sentence at its field, or its line under Details. */
    let previous: { name: string; evidence: Locator } | undefined;
    for (const known of group) {
      const { errcode, status, field, extra } = known;
      const said = (what: string) => `${named(known)}: ${what}`;
      await test.step(`${named(known)} is explained in plain words${field ? ` at the ${field} field` : ''}`, async () => {
        await signup.ready();
        await signup.forceNextError(errcode, status, extra);
        await signup.submit.click();
        // The answer before this one is gone: what follows is this errcode's doing.
        if (previous) await expect(previous.evidence, said(`${previous.name} is no longer shown`)).toHaveCount(0);
        const expected = expectedText(known);
        expect(expected, said('has words')).not.toBe('');
        let shown: Locator;
        if (field) {
          await expect(input(field), said('focus at the field')).toBeFocused();
          await expect(input(field), said('the field is marked')).toHaveAttribute('aria-invalid', 'true');
          const fieldError = page.locator(`#${(await input(field).getAttribute('id')) ?? ''}-error`);
          await expect(fieldError, said('the field says why')).toHaveText(expected);
          shown = fieldError.filter({ hasText: expected });
          // Only this field is marked, and nothing is said for the whole form.
          await expect(page.locator('[aria-invalid="true"]'), said('one field marked')).toHaveCount(1);
          await expect(page.locator('.form-error'), said('no form-level error')).toHaveCount(0);
        } else {
          const alert = page.getByRole('alert').filter({ hasText: expected });
          shown = alert.filter({ hasText: `${errcode} · HTTP ${status}` });
          await expect(alert, said('the alert says why')).toBeVisible();
          // Focus goes to the answer, never to <body> (audit 2026-12 item 3).
          await expect(alert, said('focus on the alert')).toBeFocused();
          await alert.getByText('Details', { exact: true }).click();
          await expect(
            alert.getByText(`${errcode} · HTTP ${status}`, {
              exact: false,
            }),
            said('Details name the errcode and status'),
          ).toBeVisible();
          await expect(page.locator('[aria-invalid="true"]'), said('no field marked')).toHaveCount(0);
          await expect(page.locator('.form-error'), said('one form-level error')).toHaveCount(1);
        }
        if (errcode === 'M_LIMIT_EXCEEDED') {
          // Said once in the box, not twice (the errcode's sentence and the countdown were two lines before).
          await expect(page.locator('.form-error p', { hasText: /Too many attempts/ }), said('said once')).toHaveCount(
            1,
          );
          await expect(
            page
              .locator('.form-error')
              .getByText(/You can try again in [1-8] seconds?\./)
              .first(),
            said('countdown'),
          ).toBeVisible();
          await expect(signup.submit, said('submit waits')).toBeDisabled();
          // The wait is said beside the button too: the box may be scrolled away (audit item 6).
          await expect(signup.submit, said('the wait beside the button')).toHaveAccessibleDescription(
            /You can try again in [1-8] seconds?\./,
          );
          await page.clock.fastForward(Number(extra?.retry_after_ms));
          await expect(
            page.getByText(en('error.rateLimit.ready'), { exact: true }).first(),
            said('wait over'),
          ).toBeVisible();
          await expect(signup.submit, said('submit again')).toBeEnabled();
        }
        if (errcode === 'M_RESOURCE_LIMIT_EXCEEDED') {
          await expect(
            page.getByRole('link', { name: 'Contact the server’s admins' }),
            said('admin contact link'),
          ).toHaveAttribute('href', 'mailto:admin@example.org');
        }
        previous = { name: named(known), evidence: shown };
      });
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
  await expect(
    page.getByText(en('discovery.well-known-status', { server: 'broken.example', ...ADDRESS_WORDS })),
  ).toBeVisible();
  await page.getByLabel('Homeserver').fill('not a server!');
  await expect(page.getByText(en('discovery.invalid-input', ADDRESS_WORDS))).toBeVisible();
  await page.getByLabel('Homeserver').fill('example.org');
  await expect(page.getByTestId('server-name')).toHaveText('example.org');
  await signup.ready();
});

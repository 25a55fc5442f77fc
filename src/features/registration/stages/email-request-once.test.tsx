// @vitest-environment jsdom
import '@testing-library/jest-dom/vitest';
import { cleanup, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, expect, it } from 'vitest';
import { startMockHomeserver } from '../../../test/mock-homeserver';
import { renderSignup } from '../../../test/render-signup';

const mock = await startMockHomeserver();
afterEach(() => {
  cleanup();
  sessionStorage.clear();
});

/**
 * `npm run dev` renders in StrictMode, which runs every effect twice (audit item 11): the email
 * must still be asked for once per step, or a second mail goes out, and the mock's forced error is
 * spent on the first, dropped, request.
 */
it('asks for the email once per step under StrictMode, so a forced error on it is shown', async () => {
  await mock.reset('email');
  const requests: string[] = [];
  mock.server.events.on('request:start', ({ request }) => {
    if (request.url.endsWith('/register/email/requestToken')) requests.push(request.url);
  });
  mock.controller.forceNextError('requestToken', 'M_THREEPID_IN_USE', 400);
  await renderSignup({}, {}, { strict: true });
  const user = userEvent.setup();
  const slow = { timeout: 10_000 };
  const email = await screen.findByLabelText(/^Email/, undefined, slow);
  await user.type(screen.getByLabelText('Username'), 'strictana');
  await user.type(screen.getByLabelText('Password', { exact: true }), 'a password 1');
  await user.type(screen.getByLabelText('Confirm password'), 'a password 1');
  await user.type(email, 'strictana@example.org');
  await user.click(screen.getByRole('button', { name: 'Create account' }));
  expect(
    await screen.findByText(/This email address already belongs to an account on this server/, undefined, slow),
  ).toBeVisible();
  expect(requests).toHaveLength(1);
  mock.server.events.removeAllListeners();
  // A whole sign-up through the form: longer than the default 5 s on a busy machine.
}, 30_000);

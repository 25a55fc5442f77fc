// @vitest-environment jsdom
import '@testing-library/jest-dom/vitest';
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { StrictMode } from 'react';
import { afterEach, expect, it } from 'vitest';
import SignupPageWithServerState from '../signup-page';
import { loadCatalog } from '../../../i18n/catalogs';
import { I18nProvider } from '../../../i18n/i18n';
import { startMockHomeserver } from '../../../test/mock-homeserver';

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
  const [start, later] = await Promise.all([loadCatalog('en', 'start'), loadCatalog('en', 'later')]);
  render(
    <StrictMode>
      <I18nProvider initial={{ language: 'en', catalogs: { start, later } }}>
        <SignupPageWithServerState
          config={{
            defaultServer: 'localhost:8008',
            allowCustomServers: true,
            suggestedServers: [],
            clients: [],
            inhibitLogin: true,
          }}
          link={{}}
        />
      </I18nProvider>
    </StrictMode>,
  );
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

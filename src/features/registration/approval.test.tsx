// @vitest-environment jsdom
import { cleanup, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { afterEach, describe, expect, it } from 'vitest';
import { startMockHomeserver } from '../../test/mock-homeserver';
import { renderSignup } from '../../test/render-signup';

const mock = await startMockHomeserver();
afterEach(() => {
  cleanup();
  sessionStorage.clear(); // the form this tab kept
});

/** Synapse with MSC3866 approval (recordings `ap.register_no_auth`, `ap.register_dummy`). */
function approvalServer(medium = 'org.matrix.msc3866.none', { failFirst = false } = {}) {
  const forms: unknown[] = [];
  let failed = false;
  mock.server.use(
    http.post('*/_matrix/client/v3/register', async ({ request }) => {
      const body = (await request.json()) as { username?: string; auth?: unknown };
      if (body.username !== undefined) forms.push(body);
      if (body.auth === undefined)
        return HttpResponse.json(
          { session: 'ap', flows: [{ stages: ['m.login.dummy'] }], params: {} },
          { status: 401 },
        );
      if (failFirst && !failed) {
        failed = true;
        return HttpResponse.json({ errcode: 'M_UNKNOWN', error: 'Internal server error' }, { status: 500 });
      }
      return HttpResponse.json(
        {
          approval_notice_medium: medium,
          errcode: 'ORG.MATRIX.MSC3866_USER_AWAITING_APPROVAL',
          error: 'This account needs to be approved by an administrator before it can be used.',
        },
        { status: 403 },
      );
    }),
  );
  return { forms };
}

async function signUp(username: string) {
  const user = userEvent.setup();
  await renderSignup();
  const submit = await screen.findByRole('button', { name: 'Create account' });
  await user.type(screen.getByLabelText('Username'), username);
  await user.type(screen.getByLabelText('Password', { exact: true }), 'a password 1');
  await user.type(screen.getByLabelText('Confirm password'), 'a password 1');
  await screen.findByText('This username is free.');
  await user.click(submit);
  return user;
}

describe('an account that waits for the admins (MSC3866)', () => {
  it('ends on its own screen, heading focused, with the account ID, and no form to send again', async () => {
    const server = approvalServer();
    await signUp('abby');
    const heading = await screen.findByRole('heading', { name: 'Your account is waiting for approval' });
    // Focus moves once the screen is in place (an effect after its render): on a busy machine, a moment later.
    await waitFor(() => expect(heading).toHaveFocus());
    expect(screen.getByTestId('matrix-id')).toHaveTextContent('@abby:localhost:8008');
    expect(screen.getByText('There is nothing more to do on this page.')).toBeVisible();
    expect(screen.getByText(/The server will not let you know when that happens/)).toBeVisible();
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Create account' })).toBeNull();
    expect(screen.queryByLabelText('Username')).toBeNull();
    expect(server.forms).toHaveLength(2); // the form, then the dummy stage that created it
  });

  it('says an email will come when the server says so', async () => {
    approvalServer('org.matrix.msc3866.email');
    await signUp('ben');
    await screen.findByRole('heading', { name: 'Your account is waiting for approval' });
    expect(screen.getByText(/The server will let you know by email/)).toBeVisible();
  });

  it('ends there too when the answer comes to a request sent again', async () => {
    approvalServer('org.matrix.msc3866.none', { failFirst: true });
    const user = await signUp('cora');
    await user.click(await screen.findByRole('button', { name: 'Try again' }));
    const heading = await screen.findByRole('heading', { name: 'Your account is waiting for approval' });
    await waitFor(() => expect(heading).toHaveFocus());
    expect(screen.getByTestId('matrix-id')).toHaveTextContent('@cora:localhost:8008');
  });
});

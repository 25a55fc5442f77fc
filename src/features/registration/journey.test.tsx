// @vitest-environment jsdom
import { act, cleanup, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { afterEach, describe, expect, it } from 'vitest';
import { startMockHomeserver } from '../../test/mock-homeserver';
import { renderSignup } from '../../test/render-signup';

/** The sign-up journey as a person lives it (audit 2026-12 items 1, 3, 6, 10, 14-17). */
const mock = await startMockHomeserver();
afterEach(() => {
  cleanup();
  sessionStorage.clear(); // the form this tab kept
});

const OPEN_REQUIREMENTS = 'Just a username and a password.';

async function fillPasswords(user: ReturnType<typeof userEvent.setup>, password = 'a password 1') {
  await user.type(screen.getByLabelText('Password', { exact: true }), password);
  await user.type(screen.getByLabelText('Confirm password'), password);
}

describe('an invite link with an email, on a server that takes no email (item 1)', () => {
  it('signs up without it, never sends it, and does not keep it for a reload', async () => {
    const forms: Record<string, unknown>[] = [];
    mock.server.events.on('request:start', ({ request }) => {
      if (request.method === 'POST' && request.url.endsWith('/register'))
        void request
          .clone()
          .json()
          .then((body: Record<string, unknown>) => forms.push(body));
    });
    const user = userEvent.setup();
    await renderSignup({}, { username: 'inv1', email: 'ana@example.org' });
    await screen.findByText(OPEN_REQUIREMENTS);
    expect(screen.queryByLabelText(/^Email/)).toBeNull();
    // Kept for a reload: the name, not the email the form does not show.
    await waitFor(() => expect(sessionStorage.getItem('matrix-signup.form')).toContain('inv1'));
    expect(sessionStorage.getItem('matrix-signup.form')).not.toContain('ana@example.org');
    await fillPasswords(user);
    await screen.findByText('This username is free.');
    await user.click(screen.getByRole('button', { name: 'Create account' }));
    await screen.findByRole('heading', { name: 'Your account is ready' });
    mock.server.events.removeAllListeners();
    expect(JSON.stringify(forms)).not.toContain('ana@example.org');
    expect(screen.queryByRole('link', { name: 'Email' })).toBeNull();
  });
});

describe('a server answer about a field the form does not show (item 17, M_THREEPID_*)', () => {
  it('is said for the whole form, focused, with no summary link to a missing Email field', async () => {
    mock.server.use(
      http.post('*/_matrix/client/v3/register', async ({ request }) => {
        const body = (await request.clone().json()) as { username?: string };
        if (body.username === undefined)
          return HttpResponse.json(
            { session: 's', flows: [{ stages: ['m.login.dummy'] }], params: {} },
            { status: 401 },
          );
        return HttpResponse.json({ errcode: 'M_THREEPID_IN_USE', error: 'Email is already in use' }, { status: 400 });
      }),
    );
    const user = userEvent.setup();
    await renderSignup();
    await screen.findByText(OPEN_REQUIREMENTS);
    await user.type(screen.getByLabelText('Username'), 'dora');
    await fillPasswords(user);
    await screen.findByText('This username is free.');
    await user.click(screen.getByRole('button', { name: 'Create account' }));
    const alert = await screen.findByText('This email address already belongs to an account on this server.');
    const box = alert.closest('.form-error');
    await waitFor(() => expect(document.activeElement).toBe(box));
    expect(screen.queryByRole('link', { name: 'Email' })).toBeNull();
    expect(screen.queryByText('There is a problem')).toBeNull();
  });
});

describe('“Create account” while it cannot act (item 6)', () => {
  it('says why beside it, stays focusable, and a press goes to the problem', async () => {
    const user = userEvent.setup();
    // `not a server` is no server name: nothing to ask, and no ID to preview (item 15).
    await renderSignup({ defaultServer: 'not a server' });
    const submit = screen.getByRole('button', { name: 'Create account' });
    await waitFor(() =>
      expect(submit).toHaveAccessibleDescription('You can create the account once the problem shown above is solved.'),
    );
    expect(submit).toHaveAttribute('aria-disabled', 'true');
    expect(submit).not.toBeDisabled();
    await user.type(screen.getByLabelText('Username'), 'keepme');
    expect(screen.getByText(/Your Matrix ID will be/).textContent).not.toContain('not a server');
    await user.click(submit);
    const problem = document.querySelector('.form-error');
    expect(problem).not.toBeNull();
    expect(document.activeElement).toBe(problem);
  });
});

describe('the username help (item 10)', () => {
  it('says why a name of digits or one beginning with _ is refused, not the characters it already uses', async () => {
    const user = userEvent.setup();
    await renderSignup();
    await screen.findByText(OPEN_REQUIREMENTS);
    const username = screen.getByLabelText('Username');
    await user.type(username, '_abc');
    await screen.findByText(
      'This server does not accept a username that begins with _. Start it with a letter or a digit.',
    );
    await user.clear(username);
    await user.type(username, '12345');
    await screen.findByText('This server does not accept a username made only of digits. Add at least one letter.');
    expect(screen.queryByText(/Use lower-case letters, digits/)).toBeNull();
  });

  it('takes the part before the colon of a pasted ID, says so, and offers another server it names', async () => {
    const user = userEvent.setup();
    await renderSignup();
    await screen.findByText(OPEN_REQUIREMENTS);
    const username = screen.getByLabelText('Username');
    await user.click(username);
    await user.paste('@Ana:localhost:8008');
    expect(username).toHaveValue('ana');
    expect(screen.getByText('Only the part before the colon is the username, so we kept “ana”.')).toBeVisible();
    // Its own server: nothing to offer.
    expect(screen.queryByRole('button', { name: /^Sign up on/ })).toBeNull();
    await user.clear(username);
    await user.paste('@bob:example.org');
    expect(username).toHaveValue('bob');
    expect(screen.getByRole('button', { name: 'Sign up on example.org instead' })).toBeVisible();
    // The note goes once another name is typed.
    await user.clear(username);
    await user.type(username, 'carl');
    expect(screen.queryByText(/Only the part before the colon/)).toBeNull();
    expect(screen.queryByText(/so we changed the capital letters/)).toBeNull();
  });

  it('offers to sign in beside a taken name', async () => {
    const user = userEvent.setup();
    await renderSignup({ clients: [{ name: 'Element', url: 'https://app.element.io/' }] });
    await screen.findByText(OPEN_REQUIREMENTS);
    await user.type(screen.getByLabelText('Username'), 'alice');
    await screen.findByText('Someone already has this username. Try another one.');
    expect(
      await screen.findByRole('link', { name: 'If this is your account, sign in with Element instead' }),
    ).toHaveAttribute('href', 'https://app.element.io/');
  });
});

describe('a way back inside the steps (item 14)', () => {
  it('“Back to the form” and the browser’s Back both return to the form with what was typed', async () => {
    await mock.reset('terms');
    const user = userEvent.setup();
    await renderSignup();
    await user.type(screen.getByLabelText('Username'), 'erin');
    await fillPasswords(user);
    await screen.findByText('This username is free.');
    const entries = window.history.length;
    await user.click(screen.getByRole('button', { name: 'Create account' }));
    await screen.findByRole('heading', { name: 'Accept the server’s policies' });
    // One history entry for the steps: the browser's Back stays on this page.
    expect(window.history.length).toBe(entries + 1);

    await user.click(screen.getByRole('button', { name: 'Back to the form' }));
    await screen.findByRole('button', { name: 'Create account' });
    expect(screen.getByLabelText('Username')).toHaveValue('erin');
    expect(screen.getByLabelText('Password', { exact: true })).toHaveValue('a password 1');

    await user.click(screen.getByRole('button', { name: 'Create account' }));
    await screen.findByRole('heading', { name: 'Accept the server’s policies' });
    await act(async () => {
      window.history.back();
      await new Promise((resolve) => window.addEventListener('popstate', resolve, { once: true }));
    });
    await screen.findByRole('button', { name: 'Create account' });
    expect(screen.getByLabelText('Username')).toHaveValue('erin');
  });
});

// @vitest-environment jsdom
import '@testing-library/jest-dom/vitest';
import { cleanup, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AdminProblem } from '../../matrix/admin/desk-api';
import { DiscoveryError } from '../../matrix/discovery';
import type { DeskPorts } from './desk-ports';
import { FakeTokenDesk, fakePorts, MAS_API, SYNAPSE_API } from './fake-token-desk';
import { focused, renderDesk } from './render-desk';

afterEach(cleanup);

const signInHeading = () => screen.findByRole('heading', { name: 'Sign in as an admin of example.org' });

describe('finding the admin API', () => {
  it('says what it is doing, then asks to sign in, with focus on the new screen', async () => {
    await renderDesk(fakePorts(SYNAPSE_API, new FakeTokenDesk('synapse')));
    expect(screen.getByRole('status')).toHaveTextContent('Finding the admin API of example.org…');
    await focused(await signInHeading());
  });

  it('says so when the homeserver cannot be reached at all, and tries again on the button', async () => {
    const discover = vi
      .fn<DeskPorts['discover']>()
      .mockRejectedValueOnce(new DiscoveryError({ state: 'FAIL_ERROR', reason: 'unreachable' }))
      .mockResolvedValue({
        baseUrl: 'https://matrix.example.org',
        prefix: '/_matrix/client/v3',
        serverName: 'example.org',
      });
    await renderDesk(fakePorts(SYNAPSE_API, new FakeTokenDesk('synapse'), { discover }));
    await focused(await screen.findByRole('heading', { name: 'The admin API cannot be reached' }));
    expect(screen.getByRole('alert')).toHaveTextContent(/could not reach the homeserver example\.org/);
    await userEvent.setup().click(screen.getByRole('button', { name: 'Try again' }));
    expect(await signInHeading()).toBeVisible();
    expect(discover).toHaveBeenCalledTimes(2);
  });

  it('unreadable issuer metadata: the words are MAS’s, at the homeserver’s address when well-known names no issuer', async () => {
    const ports = fakePorts(MAS_API, new FakeTokenDesk('mas'), {
      findAdminApi: () => Promise.reject(new AdminProblem('unreachable')),
    });
    await renderDesk(ports);
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'This browser may not read the answers of MAS’s admin API at https://matrix.example.org:',
    );
  });

  it('on a server whose well-known names MAS: the adminapi resource, and CORS for this page’s origin', async () => {
    const server = {
      baseUrl: 'https://matrix.example.org',
      prefix: '/_matrix/client/v3' as const,
      serverName: 'example.org',
      oauthIssuer: 'https://auth.example.org/',
    };
    const notExposed = fakePorts(MAS_API, new FakeTokenDesk('mas'), {
      discover: () => Promise.resolve(server),
      findAdminApi: () => Promise.reject(new AdminProblem('not-exposed')),
    });
    await renderDesk(notExposed);
    expect(await screen.findByRole('alert')).toHaveTextContent(
      /Add the adminapi resource to a listener in MAS’s configuration/,
    );
    cleanup();
    await renderDesk({ ...notExposed, findAdminApi: () => Promise.reject(new AdminProblem('unreachable')) });
    expect(await screen.findByRole('alert')).toHaveTextContent(
      `with CORS headers that allow this page (${window.location.origin})`,
    );
  });
});

describe('signing in to Synapse', () => {
  it('with a username and password: the desk opens on its heading, naming who is signed in', async () => {
    const desk = new FakeTokenDesk('synapse');
    const signInToSynapse = vi.fn<DeskPorts['signInToSynapse']>(() => Promise.resolve(desk));
    await renderDesk(fakePorts(SYNAPSE_API, desk, { signInToSynapse }));
    await signInHeading();
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Username'), 'admin');
    await user.type(screen.getByLabelText('Password'), 'secret');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    await focused(await screen.findByRole('heading', { name: 'Registration tokens' }));
    expect(screen.getByText('Signed in as @admin:example.org')).toBeVisible();
    expect(signInToSynapse).toHaveBeenCalledWith(SYNAPSE_API, { username: 'admin', password: 'secret' });
  });

  it('a wrong password is said at the password field, which gets focus', async () => {
    const ports = fakePorts(SYNAPSE_API, new FakeTokenDesk('synapse'), {
      signInToSynapse: () => Promise.reject(new AdminProblem('wrong-credentials', { field: 'password' })),
    });
    await renderDesk(ports);
    await signInHeading();
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Username'), 'admin');
    await user.type(screen.getByLabelText('Password'), 'wrong');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    const password = screen.getByLabelText('Password');
    await waitFor(() => expect(password).toHaveAttribute('aria-invalid', 'true'));
    expect(password).toHaveAccessibleDescription('The username or password is wrong.');
    await focused(password);
  });

  it('an account that is not an admin is said at the form, focused and announced', async () => {
    const ports = fakePorts(SYNAPSE_API, new FakeTokenDesk('synapse'), {
      signInToSynapse: () =>
        Promise.reject(new AdminProblem('not-admin', { serverMessage: 'You are not a server admin' })),
    });
    await renderDesk(ports);
    await signInHeading();
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Username'), 'ana');
    await user.type(screen.getByLabelText('Password'), 'pw');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent(
      'This account is not an admin of the server, so it cannot manage registration tokens.',
    );
    expect(alert).toHaveTextContent('The server said: You are not a server admin');
    await focused(alert);
  });

  it('with a pasted access token instead; a refused one is said at its field', async () => {
    const signInToSynapse = vi.fn<DeskPorts['signInToSynapse']>(() =>
      Promise.reject(new AdminProblem('wrong-credentials', { field: 'accessToken' })),
    );
    await renderDesk(fakePorts(SYNAPSE_API, new FakeTokenDesk('synapse'), { signInToSynapse }));
    await signInHeading();
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Use an access token instead' }));
    expect(screen.queryByLabelText('Password')).toBeNull();
    const field = screen.getByLabelText('Access token');
    expect(field).toHaveAttribute('type', 'password');
    await user.type(field, ' syt_abc ');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    await waitFor(() => expect(field).toHaveAttribute('aria-invalid', 'true'));
    expect(field).toHaveAccessibleDescription(
      expect.stringContaining('The homeserver does not accept this access token.') as string,
    );
    expect(signInToSynapse).toHaveBeenCalledWith(SYNAPSE_API, { accessToken: 'syt_abc' });
  });

  it.each([
    [new AdminProblem('rate-limited', { retryAfterMs: 2500 }), 'Too many requests. Wait 3 seconds and try again.'],
    [new AdminProblem('rate-limited'), 'Too many requests. Wait a moment and try again.'],
    [new AdminProblem('server', { status: 502 }), 'The server could not do this just now. Try again in a while.'],
    [new AdminProblem('signed-out'), 'Your session has ended'],
    [new Error('a bug'), 'The server could not do this just now.'],
    [
      new AdminProblem('not-exposed', { status: 404 }),
      'Synapse’s admin API does not answer at https://matrix.example.org/_synapse/admin. Let the reverse proxy in front of Synapse pass /_synapse/admin on to it at that address (see docs/deploying.md, “Invite links”).',
    ],
    [
      new AdminProblem('unreachable'),
      'This browser may not read the answers from https://matrix.example.org/_synapse/admin: the network, the certificate or missing CORS headers stopped them. The reverse proxy must pass /_synapse/admin on to Synapse unchanged, with Synapse’s CORS headers',
    ],
  ])('%s is worded at the form', async (problem, words) => {
    await renderDesk(
      fakePorts(SYNAPSE_API, new FakeTokenDesk('synapse'), { signInToSynapse: () => Promise.reject(problem) }),
    );
    await signInHeading();
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Username'), 'admin');
    await user.type(screen.getByLabelText('Password'), 'pw');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(words);
  });

  it('shows a server’s message as text, never as markup', async () => {
    const ports = fakePorts(SYNAPSE_API, new FakeTokenDesk('synapse'), {
      signInToSynapse: () =>
        Promise.reject(new AdminProblem('server', { serverMessage: '<img src=x onerror=alert(1)>' })),
    });
    const { container } = await renderDesk(ports);
    await signInHeading();
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Username'), 'admin');
    await user.type(screen.getByLabelText('Password'), 'pw');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('The server said: <img src=x onerror=alert(1)>');
    expect(container.querySelector('img[src="x"]')).toBeNull();
  });
});

describe('signing in at MAS', () => {
  it('is one button that leaves for MAS, registering the desk under the community’s name', async () => {
    const startMasAdminSignIn = vi.fn<DeskPorts['startMasAdminSignIn']>(() =>
      Promise.resolve('https://auth.example.org/authorize?x=1'),
    );
    const ports = fakePorts(MAS_API, new FakeTokenDesk('mas'), { startMasAdminSignIn });
    await renderDesk(ports);
    await signInHeading();
    expect(screen.queryByLabelText('Password')).toBeNull();
    await userEvent.setup().click(screen.getByRole('button', { name: 'Sign in with example.org' }));
    await waitFor(() => expect(ports.left).toEqual(['https://auth.example.org/authorize?x=1']));
    expect(startMasAdminSignIn).toHaveBeenCalledWith(MAS_API, expect.any(URL), 'Invites of example.org');
  });

  it('says why when MAS cannot be started', async () => {
    const ports = fakePorts(MAS_API, new FakeTokenDesk('mas'), {
      startMasAdminSignIn: () => Promise.reject(new AdminProblem('unreachable')),
    });
    await renderDesk(ports);
    await signInHeading();
    await userEvent.setup().click(screen.getByRole('button', { name: 'Sign in with example.org' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'This browser may not read the answers of MAS’s admin API at https://auth.example.org/api/admin/v1/',
    );
    expect(ports.left).toEqual([]);
  });

  it('takes the return from MAS on load, once, and opens the desk', async () => {
    const desk = new FakeTokenDesk('mas');
    const completeMasAdminSignIn = vi.fn<DeskPorts['completeMasAdminSignIn']>(() => Promise.resolve(desk));
    const page = 'https://join.example.org/invite.html#code=abc&state=xyz';
    // In StrictMode, as main.tsx renders it: React runs the finding effect twice; MAS's code is exchanged once.
    await renderDesk(fakePorts(MAS_API, desk, { completeMasAdminSignIn }), { page, strict: true });
    await focused(await screen.findByRole('heading', { name: 'Registration tokens' }));
    expect(completeMasAdminSignIn).toHaveBeenCalledTimes(1);
    expect(completeMasAdminSignIn.mock.calls[0]?.[0]).toBe(MAS_API);
    expect(completeMasAdminSignIn.mock.calls[0]?.[1].href).toBe(page);
  });

  it('names no one where MAS did not say who signed in', async () => {
    const desk = new FakeTokenDesk('mas', [], '');
    const page = 'https://join.example.org/invite.html#code=abc&state=xyz';
    await renderDesk(fakePorts(MAS_API, desk, { completeMasAdminSignIn: () => Promise.resolve(desk) }), { page });
    await screen.findByRole('heading', { name: 'Registration tokens' });
    expect(screen.queryByText(/Signed in as/)).toBeNull();
    expect(screen.getByRole('button', { name: 'Sign out' })).toBeVisible();
  });

  it('asks nothing of MAS on a load that is no return from it', async () => {
    const completeMasAdminSignIn = vi.fn<DeskPorts['completeMasAdminSignIn']>(() => Promise.resolve(undefined));
    await renderDesk(fakePorts(MAS_API, new FakeTokenDesk('mas'), { completeMasAdminSignIn }));
    await signInHeading();
    expect(completeMasAdminSignIn).not.toHaveBeenCalled();
  });

  it('a return without admin rights says what MAS must allow', async () => {
    const ports = fakePorts(MAS_API, new FakeTokenDesk('mas'), {
      completeMasAdminSignIn: () => Promise.reject(new AdminProblem('not-admin')),
    });
    await renderDesk(ports, { page: 'https://join.example.org/invite.html?code=abc&state=xyz' });
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'MAS did not give this session admin rights (urn:mas:admin). An admin of MAS must allow your account to request them (can_request_admin).',
    );
  });
});

describe('a token made elsewhere (a server whose admin API this page cannot use)', () => {
  it('gets its link, QR code and message without signing in', async () => {
    await renderDesk(fakePorts(SYNAPSE_API, new FakeTokenDesk('synapse')));
    await signInHeading();
    const user = userEvent.setup();
    await user.click(screen.getByText('A token you already have'));
    await user.type(screen.getByLabelText('Registration token'), 'letmein');
    await user.type(screen.getByLabelText(/^Username.*optional/), 'ana');
    expect(screen.getByTestId('invite-link')).toHaveTextContent(/\/\?hs=example\.org&token=letmein&username=ana$/);
    expect(await screen.findByRole('img', { name: 'QR code of the invite link' })).toBeVisible();
    expect(screen.getByTestId('invite-message')).toHaveTextContent('Make your account with this link:');
  });

  it('a token a link cannot carry: said, and no link', async () => {
    await renderDesk(fakePorts(SYNAPSE_API, new FakeTokenDesk('synapse')));
    await signInHeading();
    const user = userEvent.setup();
    await user.click(screen.getByText('A token you already have'));
    await user.type(screen.getByLabelText('Registration token'), 'not/a+token');
    expect(screen.getByText(/This token has characters a link cannot carry/)).toBeVisible();
    expect(screen.queryByTestId('invite-link')).toBeNull();
  });

  it('is offered where the admin API could not be found too', async () => {
    const ports = fakePorts(MAS_API, new FakeTokenDesk('mas'), {
      findAdminApi: () => Promise.reject(new AdminProblem('unreachable')),
    });
    await renderDesk(ports);
    await screen.findByRole('alert');
    expect(screen.getByText('A token you already have')).toBeVisible();
  });
});

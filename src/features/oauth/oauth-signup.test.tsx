// @vitest-environment jsdom
import { cleanup, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startMockHomeserver } from '../../test/mock-homeserver';
import { renderSignup } from '../../test/render-signup';

/**
 * An invite link on a server whose accounts are made at its OAuth server (MAS): OAuth has no
 * parameter for a registration token, and MAS asks for it on its own step
 * (`templates/pages/register/steps/registration_token.html`), so the page shows it to copy first.
 */
const mock = await startMockHomeserver();
afterEach(() => {
  cleanup();
  sessionStorage.clear(); // the OAuth round trip and the form this tab kept
  localStorage.clear();
  vi.unstubAllGlobals();
});

const TOKEN = 'inviteToken-7Qz';
const HOST = 'localhost:8008';
const NOTICE = `${HOST} will ask you for this registration token from your invite. Copy it before you continue:`;
// The OAuth step is a lazy chunk with its own catalog, found after two server answers: on two busy
// cores that can take longer than testing-library's default second. A hang detector, not a target.
const FIRST_ANSWER = { timeout: 5000 };

/** Everything this tab keeps, as one string to search. */
function storedText(): string {
  const all: string[] = [];
  for (const storage of [sessionStorage, localStorage])
    for (let index = 0; index < storage.length; index++) {
      const key = storage.key(index) ?? '';
      all.push(key, storage.getItem(key) ?? '');
    }
  return all.join('\n');
}

/** `window.location` with `assign` recorded: jsdom cannot go to another origin. */
function recordLeaving(): ReturnType<typeof vi.fn<(url: string) => void>> {
  const assign = vi.fn<(url: string) => void>();
  const here = new URL(window.location.href);
  vi.stubGlobal('location', {
    href: here.href,
    origin: here.origin,
    protocol: here.protocol,
    host: here.host,
    hostname: here.hostname,
    port: here.port,
    pathname: here.pathname,
    search: here.search,
    hash: here.hash,
    assign,
  });
  return assign;
}

describe('an invite link on a server whose accounts are made at its OAuth server', () => {
  it('shows the token to copy, read before the button that leaves, and never sends, keeps or logs it', async () => {
    const logged = (['log', 'info', 'debug'] as const).map((method) => vi.spyOn(console, method));
    const sent: string[] = [];
    mock.server.events.on('request:start', ({ request }) => {
      void request
        .clone()
        .text()
        .then((body) => sent.push(`${request.url}\n${body}`));
    });
    await mock.reset('oidc');
    const user = userEvent.setup();
    await renderSignup({}, { token: TOKEN, username: 'ana' });

    const heading = await screen.findByRole('heading', { name: `Create your account at ${HOST}` }, FIRST_ANSWER);
    const notice = screen.getByText(NOTICE);
    const token = screen.getByText(TOKEN);
    const copy = screen.getByRole('button', { name: 'Copy the token' });
    const leave = screen.getByRole('button', { name: `Continue to ${HOST}` });
    // In reading (and tab) order: what happens there, the token, its copy button, then the way out.
    const follows = (first: Element, second: Element) =>
      (first.compareDocumentPosition(second) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0;
    expect(follows(heading, notice)).toBe(true);
    expect(follows(notice, token)).toBe(true);
    expect(follows(token, copy)).toBe(true);
    expect(follows(copy, leave)).toBe(true);
    // The token is text, left to right even in a right-to-left language.
    expect(token).toHaveAttribute('dir', 'ltr');

    await user.click(copy);
    await screen.findByText('Copied');
    expect(await navigator.clipboard.readText()).toBe(TOKEN);

    const assign = recordLeaving();
    await user.click(leave);
    await waitFor(() => expect(assign).toHaveBeenCalledTimes(1));
    const authorization = new URL(assign.mock.calls[0]?.[0] ?? '');
    // The username still goes as login_hint, as without a token.
    expect(authorization.searchParams.get('login_hint')).toBe(`mxid:@ana:${HOST}`);
    expect(authorization.searchParams.get('prompt')).toBe('create');
    // The token goes nowhere: not in the authorization URL, not to the server before leaving, not into
    // storage (the round trip is there, without it), not into the console.
    expect(authorization.href).not.toContain(TOKEN);
    await waitFor(() => expect(sent.some((request) => request.includes('/oauth2/register'))).toBe(true));
    mock.server.events.removeAllListeners();
    expect(sent.join('\n')).not.toContain(TOKEN);
    expect(sessionStorage.getItem('matrix-signup.oauth-round-trip')).not.toBeNull();
    expect(storedText()).not.toContain(TOKEN);
    for (const spy of logged) expect(JSON.stringify(spy.mock.calls)).not.toContain(TOKEN);
  });

  it('shows nothing about a token when the link has none', async () => {
    await mock.reset('oidc');
    await renderSignup({}, { username: 'ana' });
    await screen.findByRole('button', { name: `Continue to ${HOST}` }, FIRST_ANSWER);
    expect(screen.queryByText(/registration token/)).toBeNull();
    expect(screen.queryByRole('button', { name: 'Copy the token' })).toBeNull();
  });

  it('shows the token too where the server only says where accounts are made (no prompt=create)', async () => {
    await mock.reset('oidc-no-create');
    await renderSignup({}, { token: TOKEN });
    await screen.findByText(/which does not let other pages start a sign-up/, undefined, FIRST_ANSWER);
    const token = screen.getByText(TOKEN);
    expect(screen.getByText(NOTICE)).toBeInTheDocument();
    const go = screen.getByRole('link', { name: /^Go to / });
    expect(token.compareDocumentPosition(go) & Node.DOCUMENT_POSITION_FOLLOWING).not.toBe(0);
    expect(go.getAttribute('href')).not.toContain(TOKEN);
    expect(screen.getByRole('button', { name: 'Copy the token' })).toBeInTheDocument();
  });
});

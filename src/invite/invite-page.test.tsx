// @vitest-environment jsdom
import '@testing-library/jest-dom/vitest';
import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeTokenDesk, fakePorts, inviteToken, SYNAPSE_API } from './desk/fake-token-desk';
import { openDesk } from './desk/open-desk';
import { renderDesk } from './desk/render-desk';
import { formatTime } from './desk/token-time';

afterEach(cleanup);

const EXPIRY = new Date(2031, 0, 2, 12, 0).getTime();

/** Opens the invite link of the one token on the desk. */
async function shareOne(desk: FakeTokenDesk, options: Parameters<typeof openDesk>[1] = {}) {
  await openDesk(desk, options);
  const user = userEvent.setup();
  const item = screen.getAllByRole('listitem')[0] as HTMLElement;
  await user.click(within(item).getAllByRole('button')[0] as HTMLElement);
  return user;
}

describe('a token’s invite', () => {
  it('is a link to the sign-up page with the server and the token, and its QR code', async () => {
    await shareOne(new FakeTokenDesk('synapse', [inviteToken({ token: 'letmein' })]));
    expect(screen.getByTestId('invite-link')).toHaveTextContent(/\/\?hs=example\.org&token=letmein$/);
    expect(await screen.findByRole('img', { name: 'QR code of the invite link' })).toBeVisible();
  });

  it('names the server the desk manages: the one ?hs= named, where links may name one', async () => {
    await shareOne(new FakeTokenDesk('synapse', [inviteToken({ token: 'letmein' })]), {
      page: 'https://join.example.org/invite.html?hs=other.example',
    });
    expect(screen.getByTestId('invite-link')).toHaveTextContent(/\/\?hs=other\.example&token=letmein$/);
  });

  it('and a message to send in the page’s language, with copy buttons for both', async () => {
    const user = await shareOne(new FakeTokenDesk('synapse', [inviteToken({ token: 'letmein', expiresAt: EXPIRY })]), {
      branding: { name: 'Example Community', footerLinks: [], defaultTheme: 'system', warnings: [] },
    });
    const link = screen.getByTestId('invite-link').textContent;
    expect(screen.getByTestId('invite-message')).toHaveTextContent(
      `You are invited to join Example Community on Matrix. Make your account with this link: ${link} The link works until ${formatTime('en', EXPIRY)}.`,
    );
    await user.click(screen.getByRole('button', { name: 'Copy message' }));
    expect(await navigator.clipboard.readText()).toContain(link);
    await user.click(screen.getByRole('button', { name: 'Copy link' }));
    expect(await navigator.clipboard.readText()).toBe(link);
  });

  it('carries the username and email typed for it', async () => {
    const user = await shareOne(new FakeTokenDesk('synapse', [inviteToken({ token: 'letmein' })]));
    await user.type(screen.getByLabelText(/^Username/), '@Ana');
    await user.type(screen.getByLabelText(/^Email/), 'ana@example.org');
    expect(screen.getByTestId('invite-link')).toHaveTextContent('token=letmein&username=ana&email=ana%40example.org');
  });

  it('on MAS asks for no email: the sign-up page passes only the username on to MAS', async () => {
    const user = await shareOne(new FakeTokenDesk('mas', [inviteToken({ id: '01J', token: 'masToken' })]));
    expect(screen.queryByLabelText(/^Email/)).toBeNull();
    await user.type(screen.getByLabelText(/^Username/), 'ana');
    expect(screen.getByTestId('invite-link')).toHaveTextContent(/\?hs=example\.org&token=masToken&username=ana$/);
  });

  it('says a link too long for any QR code is too long, and still shows the link', async () => {
    const user = await shareOne(new FakeTokenDesk('synapse', [inviteToken({ token: 'letmein' })]));
    // 5,000 characters: more than the largest QR version holds (security review 2026-12, P6).
    const email = `${'x'.repeat(5000)}@example.org`;
    await user.click(screen.getByLabelText(/^Email/));
    await user.paste(email);
    expect(
      await screen.findByText('This link is too long for a QR code. Send the link itself instead.'),
    ).toHaveAttribute('role', 'status');
    expect(screen.queryByText('Drawing the QR code…')).toBeNull();
    expect(screen.getByTestId('invite-link')).toHaveTextContent(encodeURIComponent(email));
  });

  it('a username with a space or a colon: said at the field in the sign-up form’s words, and no link', async () => {
    const user = await shareOne(new FakeTokenDesk('synapse', [inviteToken({ token: 'letmein' })]));
    const field = screen.getByLabelText(/^Username/);
    await user.type(field, 'ana maria:x');
    expect(field).toHaveAttribute('aria-invalid', 'true');
    expect(field).toHaveAccessibleDescription(
      'A username can only have lower-case letters a–z, digits and . _ = - / + (not spaces or “:”).',
    );
    expect(screen.queryByTestId('invite-link')).toBeNull();
    expect(screen.getByText('Correct what is marked above to get a link.')).toBeVisible();
    await user.clear(field);
    await user.type(field, 'ana');
    expect(field).not.toHaveAttribute('aria-invalid');
    expect(screen.getByTestId('invite-link')).toHaveTextContent('username=ana');
  });

  it('a token no link can carry (MAS may hold any text): says to send the token itself', async () => {
    await shareOne(new FakeTokenDesk('mas', [inviteToken({ id: '01J', token: 'a b/c' })]));
    expect(screen.queryByTestId('invite-link')).toBeNull();
    expect(screen.getByText(/This token has characters a link cannot carry/)).toBeVisible();
  });

  it('of a token not usable now: warns that the link would not work', async () => {
    await shareOne(new FakeTokenDesk('synapse', [inviteToken({ token: 'used', valid: false })]));
    expect(screen.getByText('This token is not usable now: a link with it would not work.')).toBeVisible();
  });

  it('where custom servers are off, puts no hs= in the link', async () => {
    await shareOne(new FakeTokenDesk('synapse', [inviteToken({ token: 'letmein' })]), { allowCustomServers: false });
    expect(screen.getByTestId('invite-link')).toHaveTextContent(/\/\?token=letmein$/);
  });

  it('speaks the page’s language', async () => {
    await shareOne(new FakeTokenDesk('synapse', [inviteToken({ token: 'letmein' })]), { language: 'de' });
    expect(screen.getByRole('heading', { name: 'Registrierungstoken' })).toBeVisible();
    expect(screen.getByTestId('invite-message')).toHaveTextContent(
      /^Du bist eingeladen, example\.org auf Matrix beizutreten\./,
    );
    expect(screen.getByRole('button', { name: 'Link kopieren' })).toBeVisible();
  });
});

describe('the community’s frame on the admins’ page', () => {
  it('keeps the logo and the footer links but not the newcomers’ welcome text (UX audit 19)', async () => {
    await renderDesk(fakePorts(SYNAPSE_API, new FakeTokenDesk('synapse')), {
      branding: {
        name: 'Example Community',
        logo: { light: 'logo.svg', dark: 'logo.svg' },
        welcomeText: 'Welcome! Join our chat.',
        footerLinks: [{ label: 'Privacy', url: 'https://example.org/privacy' }],
        defaultTheme: 'system',
        warnings: [],
      },
    });
    expect(screen.getAllByRole('img', { name: 'Example Community logo' })).toHaveLength(2);
    expect(screen.getByRole('link', { name: 'Privacy' })).toBeVisible();
    expect(screen.queryByText('Welcome! Join our chat.')).toBeNull();
    expect(await screen.findByRole('heading', { name: 'Sign in as an admin of example.org' })).toBeVisible();
  });
});

// @vitest-environment jsdom
import '@testing-library/jest-dom/vitest';
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { loadCatalog } from '../i18n/catalogs';
import type { AppConfig } from '../config/app-config';
import type { Branding } from '../config/community';
import { I18nProvider } from '../i18n/i18n';
import { InviteFrame } from './invite-frame';

afterEach(cleanup);

async function renderInvitePage(
  options: { allowCustomServers?: boolean; branding?: Branding; language?: 'en' | 'de' } = {},
) {
  const language = options.language ?? 'en';
  const [start, invite] = await Promise.all([loadCatalog(language, 'start'), loadCatalog(language, 'invite')]);
  const config: AppConfig = {
    defaultServer: 'example.org',
    allowCustomServers: options.allowCustomServers ?? true,
    suggestedServers: [],
    clients: [],
    inhibitLogin: true,
  };
  render(
    <I18nProvider initial={{ language, catalogs: { start, invite } }}>
      <InviteFrame config={config} branding={options.branding} />
    </I18nProvider>,
  );
}

describe('the invite page’s QR code', () => {
  it('is drawn for an ordinary token', async () => {
    await renderInvitePage();
    await userEvent.setup().type(screen.getByLabelText('Registration token'), 'letmein');
    expect(await screen.findByRole('img', { name: 'QR code of the invite link' })).toBeVisible();
  });

  it('says a link too long for any QR code is too long, and still shows the link', async () => {
    await renderInvitePage();
    await userEvent.setup().type(screen.getByLabelText('Registration token'), 'letmein');
    // 5,000 characters: more than the largest QR version holds (security review 2026-12, P6). A
    // token cannot be that long any more (64 at most), an email address still can.
    const email = `${'x'.repeat(5000)}@example.org`;
    const field = screen.getByLabelText(/^Email/);
    await userEvent.setup().click(field);
    await userEvent.setup().paste(email);
    expect(
      await screen.findByText('This link is too long for a QR code. Send the link itself instead.'),
    ).toHaveAttribute('role', 'status');
    expect(screen.queryByText('Drawing the QR code…')).toBeNull();
    expect(screen.getByTestId('invite-link')).toHaveTextContent(encodeURIComponent(email));
  });
});

describe('what cannot work is refused at its field (UX audit 19)', () => {
  it('a token Synapse never makes: said at the field, and no link', async () => {
    await renderInvitePage();
    const field = screen.getByLabelText('Registration token');
    await userEvent.setup().type(field, 'abc/def+g');
    expect(field).toHaveAttribute('aria-invalid', 'true');
    expect(field).toHaveAccessibleDescription(
      expect.stringContaining(
        'A registration token has only the letters A–Z and a–z, the digits 0–9 and . _ ~ - (at most 64 characters).',
      ) as string,
    );
    expect(screen.queryByTestId('invite-link')).toBeNull();
    expect(screen.getByText('Correct what is marked above to get a link.')).toBeVisible();
  });

  it('a username with a space or a colon: said at the field in the sign-up form’s words, and no link', async () => {
    await renderInvitePage();
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Registration token'), 'letmein');
    const field = screen.getByLabelText(/^Username/);
    await user.type(field, 'ana maria:x');
    expect(field).toHaveAttribute('aria-invalid', 'true');
    expect(field).toHaveAccessibleDescription(
      'A username can only have lower-case letters a–z, digits and . _ = - / + (not spaces or “:”).',
    );
    expect(screen.queryByTestId('invite-link')).toBeNull();
    await user.clear(field);
    await user.type(field, 'ana');
    expect(field).not.toHaveAttribute('aria-invalid');
    expect(screen.getByTestId('invite-link')).toHaveTextContent('username=ana');
  });

  it('where custom servers are off, asks for no server and puts no hs= in the link', async () => {
    await renderInvitePage({ allowCustomServers: false });
    expect(screen.queryByLabelText('Homeserver')).toBeNull();
    expect(screen.getByText('The link is for example.org: this sign-up page uses no other homeserver.')).toBeVisible();
    expect(screen.getByText('Fill in the token to get a link.')).toBeVisible();
    await userEvent.setup().type(screen.getByLabelText('Registration token'), 'letmein');
    expect(screen.getByTestId('invite-link')).toHaveTextContent(/\?token=letmein$/);
  });

  it('speaks the page’s language', async () => {
    await renderInvitePage({ language: 'de' });
    await userEvent.setup().type(screen.getByLabelText('Registrierungstoken'), 'a b');
    expect(screen.getByText(/^Ein Registrierungstoken besteht nur aus/)).toBeVisible();
  });
});

describe('the community’s frame on the admins’ page', () => {
  it('keeps the logo and the footer links but not the newcomers’ welcome text (UX audit 19)', async () => {
    await renderInvitePage({
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
  });
});

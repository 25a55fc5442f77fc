// @vitest-environment jsdom
import '@testing-library/jest-dom/vitest';
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { loadCatalog } from '../i18n/catalogs';
import { I18nProvider } from '../i18n/i18n';
import { InvitePage } from './invite-page';

afterEach(cleanup);

async function renderInvitePage() {
  const [start, invite] = await Promise.all([loadCatalog('en', 'start'), loadCatalog('en', 'invite')]);
  render(
    <I18nProvider initial={{ language: 'en', catalogs: { start, invite } }}>
      <InvitePage
        config={{
          defaultServer: 'example.org',
          allowCustomServers: true,
          suggestedServers: [],
          clients: [],
          inhibitLogin: true,
        }}
      />
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
    // 5,000 characters: more than the largest QR version holds (security review 2026-12, P6).
    const token = 'x'.repeat(5000);
    const field = screen.getByLabelText('Registration token');
    await userEvent.setup().click(field);
    await userEvent.setup().paste(token);
    expect(
      await screen.findByText('This link is too long for a QR code. Send the link itself instead.'),
    ).toHaveAttribute('role', 'status');
    expect(screen.queryByText('Drawing the QR code…')).toBeNull();
    expect(screen.getByTestId('invite-link')).toHaveTextContent(token);
  });
});

import { fireEvent, screen, waitFor } from '@testing-library/react';
import type { Branding } from '../../config/community';
import type { Language } from '../../i18n/languages';
import { fakePorts, MAS_API, SYNAPSE_API, type FakeTokenDesk } from './fake-token-desk';
import { renderDesk } from './render-desk';

/**
 * For tests: the desk open on `desk`'s tokens, signed in as its world does it (Synapse by
 * password; MAS by coming back from its sign-in).
 */
export async function openDesk(
  desk: FakeTokenDesk,
  options: { language?: Language; allowCustomServers?: boolean; branding?: Branding; page?: string } = {},
) {
  if (desk.world === 'mas') {
    const page = 'https://join.example.org/invite.html#code=c&state=s';
    await renderDesk(fakePorts(MAS_API, desk, { completeMasAdminSignIn: () => Promise.resolve(desk) }), {
      ...options,
      page,
    });
  } else {
    await renderDesk(fakePorts(SYNAPSE_API, desk), options);
    const password = await screen.findByLabelText(/^(Password|Passwort)$/);
    fireEvent.change(screen.getByLabelText(/^(Username|Benutzername)$/), { target: { value: 'admin' } });
    fireEvent.change(password, { target: { value: 'pw' } });
    fireEvent.submit(password);
  }
  // Every language names the admin's Matrix ID as it is; then the list (or its problem) is there.
  await screen.findByText(/@admin:example\.org/);
  await waitFor(() => {
    if (screen.queryByTestId('tokens-loading')) throw new Error('still loading');
  });
}

// @vitest-environment jsdom
import { cleanup, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { playFamily, startMockHomeserver } from '../../../test/mock-homeserver';
import { renderSignup } from '../../../test/render-signup';

const mock = await startMockHomeserver();
afterEach(() => {
  cleanup();
  sessionStorage.clear(); // the form this tab kept
});

// Google's published test key (e2e/support/real-captcha.json): not the mock's, so the page loads
// Google's widget, as it does for a Synapse with reCAPTCHA.
const GOOGLE_KEY = '6LeIxAcTAAAAAJcZVRqyHh71UMIEGNQ_MXjiZKhI';

/** Google's script refused, as on a network that blocks it (jsdom loads no scripts: it is told so). */
async function googleBlocked() {
  const script = await waitFor(() => {
    const found = document.head.querySelector('script[src*="recaptcha.net"]');
    if (!found) throw new Error('no reCAPTCHA script yet');
    return found;
  });
  script.dispatchEvent(new Event('error'));
}

describe('the captcha step when Google cannot be reached', () => {
  it('offers the server’s page, says plainly what failing there too would mean, and answers “I have finished that step”', async () => {
    await playFamily(mock, 'synapse', { requireCaptcha: true, captchaPublicKey: GOOGLE_KEY });
    const user = userEvent.setup();
    await renderSignup();
    const submit = await screen.findByRole('button', { name: 'Create account' });
    await user.type(screen.getByLabelText('Username'), 'dora');
    await user.type(screen.getByLabelText('Password', { exact: true }), 'a password 1');
    await user.type(screen.getByLabelText('Confirm password'), 'a password 1');
    await screen.findByText('This username is free.');
    await user.click(submit);
    await screen.findByRole('heading', { name: 'Show you are not a robot' });
    await googleBlocked();

    expect(await screen.findByText(/The check could not load on this page/)).toHaveAttribute('role', 'alert');
    await screen.findByRole('button', { name: 'Open the server’s page' });
    expect(
      screen.getByText(
        'If the server’s page shows no puzzle either, the captcha service cannot be reached from this network. Try another network, or contact the admins of localhost:8008.',
      ),
    ).toBeVisible();

    // Nothing was solved: each press gets the server's answer at the step, with focus on it.
    for (let press = 0; press < 2; press += 1) {
      await user.click(screen.getByRole('button', { name: 'I have finished that step' }));
      const said = await screen.findByText(/^The server has not received a solved captcha yet\./);
      expect(said).toHaveAttribute('role', 'alert');
      await waitFor(() => expect(said).toHaveFocus());
    }
    expect(screen.getByRole('heading', { name: 'Show you are not a robot' })).toBeVisible();
  });
});

// @vitest-environment jsdom
import '@testing-library/jest-dom/vitest';
import { act, cleanup, fireEvent, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AdminProblem } from '../../matrix/admin/desk-api';
import { FakeTokenDesk, fakePorts, inviteToken, SYNAPSE_API } from './fake-token-desk';
import { focused, renderDesk } from './render-desk';
import { IDLE_MS, IDLE_WARNING_MS } from './use-idle';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
  localStorage.clear();
  sessionStorage.clear();
});

/** Signs in with a password; returns the desk's fake. */
async function signedIn(desk = new FakeTokenDesk('synapse', [inviteToken({ token: 'letmein' })])) {
  await renderDesk(fakePorts(SYNAPSE_API, desk));
  await screen.findByLabelText('Username');
  fireEvent.change(screen.getByLabelText('Username'), { target: { value: 'admin' } });
  fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'secret-password' } });
  fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
  await screen.findByRole('heading', { name: 'Registration tokens' });
  // The desk's effects (the pagehide listener among them) run after it shows: let them, as a browser
  // would before anyone could leave (on a busy machine the test was faster than they were).
  await act(() => new Promise((resolve) => setTimeout(resolve, 0)));
  return desk;
}

const everythingKept = () =>
  [
    window.location.href,
    ...Object.keys(localStorage).map((key) => `${key}=${localStorage.getItem(key) ?? ''}`),
    ...Object.keys(sessionStorage).map((key) => `${key}=${sessionStorage.getItem(key) ?? ''}`),
  ].join('\n');

describe('the session', () => {
  it('“Sign out” revokes it and forgets the desk; nothing of it is kept in storage or the address', async () => {
    const desk = await signedIn();
    await userEvent.setup().click(screen.getByRole('button', { name: 'Sign out' }));
    expect(desk.signedOut).toBe(1);
    await focused(await screen.findByRole('heading', { name: 'Sign in as an admin of example.org' }));
    expect(screen.getByRole('status')).toHaveTextContent('You are signed out.');
    expect(screen.queryByText('letmein')).toBeNull();
    expect(everythingKept()).not.toMatch(/secret-password|@admin|letmein/);
    // The password typed before is not kept for the next sign-in either.
    expect(screen.getByLabelText('Password')).toHaveValue('');
  });

  it('is signed out when the page is left (pagehide), with a request that may outlive the tab', async () => {
    const desk = await signedIn();
    act(() => {
      window.dispatchEvent(new Event('pagehide'));
    });
    expect(desk.signedOutOnUnload).toBe(1);
    expect(await screen.findByRole('heading', { name: 'Sign in as an admin of example.org' })).toBeVisible();
  });

  it('warns a minute before a quiet while ends, and any input starts the while again', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'], shouldAdvanceTime: true });
    const desk = await signedIn();
    // React starts the idle timers in an effect, a moment after the desk shows.
    await vi.waitFor(() => expect(vi.getTimerCount()).toBeGreaterThanOrEqual(2));
    act(() => {
      vi.advanceTimersByTime(IDLE_MS - IDLE_WARNING_MS - 1000);
    });
    expect(screen.queryByText('Without activity you will be signed out in a minute.')).toBeNull();
    act(() => {
      vi.advanceTimersByTime(2000);
    });
    expect(screen.getByText('Without activity you will be signed out in a minute.')).toBeVisible();
    fireEvent.keyDown(document.body, { key: 'Shift' });
    expect(screen.queryByText('Without activity you will be signed out in a minute.')).toBeNull();
    act(() => {
      vi.advanceTimersByTime(IDLE_MS - 1000);
    });
    expect(desk.signedOut).toBe(0);
    act(() => {
      vi.advanceTimersByTime(1000);
    });
    expect(desk.signedOut).toBe(1);
    expect(screen.getByRole('status')).toHaveTextContent('You were signed out after 15 minutes without activity.');
    expect(screen.queryByText('letmein')).toBeNull();
  });

  it('a session the server ended asks to sign in again', async () => {
    const desk = new FakeTokenDesk('synapse');
    desk.failNext('list', new AdminProblem('signed-out'));
    await renderDesk(fakePorts(SYNAPSE_API, desk));
    await screen.findByLabelText('Username');
    fireEvent.change(screen.getByLabelText('Username'), { target: { value: 'admin' } });
    fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'pw' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(
      await screen.findByText('Your session has ended (it expired or was signed out elsewhere). Sign in again.'),
    ).toBeVisible();
    await focused(screen.getByRole('heading', { name: 'Sign in as an admin of example.org' }));
  });
});

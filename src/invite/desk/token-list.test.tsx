// @vitest-environment jsdom
import '@testing-library/jest-dom/vitest';
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { AdminProblem } from '../../matrix/admin/desk-api';
import { FakeTokenDesk, inviteToken } from './fake-token-desk';
import { openDesk } from './open-desk';
import { focused } from './render-desk';
import { formatTime } from './token-time';

afterEach(cleanup);

const EXPIRY = new Date(2031, 0, 2, 12, 0).getTime();

/** The list item of the token with this text. */
const item = (token: string) => screen.getByRole('listitem', { name: new RegExp(`^${token} `) });

/** A fact of a token's list item, by its label. */
function fact(token: string, label: string) {
  const term = within(item(token)).getByText(label, { selector: 'dt' });
  return term.nextElementSibling?.textContent;
}

describe('the list of tokens', () => {
  it('on Synapse: uses allowed, completed, pending and expiry, and whether a sign-up may use it', async () => {
    await openDesk(
      new FakeTokenDesk('synapse', [
        inviteToken({ token: 'abc', usesAllowed: 3, timesUsed: 1, pending: 1, expiresAt: EXPIRY }),
        inviteToken({ token: 'open', usesAllowed: null, pending: 0 }),
        inviteToken({ token: 'spent', usesAllowed: 1, timesUsed: 1, pending: 0, valid: false }),
      ]),
    );
    expect(fact('abc', 'Uses allowed')).toBe('3');
    expect(fact('abc', 'Sign-ups completed')).toBe('1');
    expect(fact('abc', 'Sign-ups in progress')).toBe('1');
    expect(fact('abc', 'Expires')).toBe(formatTime('en', EXPIRY));
    expect(fact('open', 'Uses allowed')).toBe('No limit');
    expect(fact('open', 'Expires')).toBe('Never');
    expect(within(item('abc')).getByText('Usable')).toBeVisible();
    expect(within(item('spent')).getByText('Not usable')).toBeVisible();
    expect(within(item('abc')).queryByText('Times used')).toBeNull();
  });

  it('on MAS: times used, expiry and when it was revoked', async () => {
    const revokedAt = new Date(2030, 5, 1, 9, 30).getTime();
    await openDesk(
      new FakeTokenDesk('mas', [
        inviteToken({ id: '01J', token: 'masToken', timesUsed: 2, usesAllowed: 5 }),
        inviteToken({ id: '01K', token: 'gone', revokedAt, valid: false }),
      ]),
    );
    expect(fact('masToken', 'Times used')).toBe('2');
    expect(fact('gone', 'Revoked')).toBe(formatTime('en', revokedAt));
    expect(within(item('masToken')).queryByText('Sign-ups in progress')).toBeNull();
    expect(within(item('masToken')).queryByRole('button', { name: 'Delete' })).toBeNull();
  });

  it('filters usable and not usable ones by asking the server', async () => {
    const desk = new FakeTokenDesk('synapse', [
      inviteToken({ token: 'good' }),
      inviteToken({ token: 'used', valid: false }),
    ]);
    await openDesk(desk);
    const user = userEvent.setup();
    await user.click(screen.getByRole('radio', { name: 'Not usable' }));
    await waitFor(() => expect(screen.queryByText('good')).toBeNull());
    expect(screen.getByText('used')).toBeVisible();
    await user.click(screen.getByRole('radio', { name: 'Usable' }));
    await waitFor(() => expect(screen.queryByText('used')).toBeNull());
    expect(desk.calls.filter((call) => call.startsWith('list'))).toEqual(['list all', 'list spent', 'list valid']);
  });

  it('shows uses made meanwhile: asked again on Refresh, and when the tab is shown again', async () => {
    const desk = new FakeTokenDesk('synapse', [inviteToken({ token: 'abc', usesAllowed: 2, timesUsed: 0 })]);
    await openDesk(desk);
    expect(fact('abc', 'Sign-ups completed')).toBe('0');
    desk.tokens = [inviteToken({ token: 'abc', usesAllowed: 2, timesUsed: 1 })];
    await userEvent.setup().click(screen.getByRole('button', { name: 'Refresh' }));
    await waitFor(() => expect(fact('abc', 'Sign-ups completed')).toBe('1'));
    desk.tokens = [inviteToken({ token: 'abc', usesAllowed: 2, timesUsed: 2, valid: false })];
    document.dispatchEvent(new Event('visibilitychange'));
    await waitFor(() => expect(fact('abc', 'Sign-ups completed')).toBe('2'));
    expect(desk.calls.filter((call) => call.startsWith('list'))).toEqual(['list all', 'list all', 'list all']);
  });

  it('a list the server could not give: said, and tried again on the button', async () => {
    const desk = new FakeTokenDesk('synapse', [inviteToken({ token: 'abc' })]);
    desk.failNext('list', new AdminProblem('server', { status: 500 }));
    await openDesk(desk);
    expect(await screen.findByRole('alert')).toHaveTextContent('The server could not do this just now.');
    await userEvent.setup().click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByText('abc')).toBeVisible();
  });
});

describe('making a token', () => {
  it('random, single-use by default: made, announced, and focus on it with its link open', async () => {
    const desk = new FakeTokenDesk('synapse');
    await openDesk(desk);
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'New token' }));
    expect(screen.getByLabelText('Uses allowed')).toHaveValue('1');
    await user.click(screen.getByRole('button', { name: 'Make the token' }));
    const heading = await screen.findByRole('heading', { name: /^random1 / });
    await focused(heading);
    expect(desk.calls).toContain('create {"usesAllowed":1,"expiresAt":null}');
    expect(screen.getByText('Token random1 made.')).toBeVisible();
    expect(screen.getByTestId('invite-link')).toHaveTextContent('token=random1');
  });

  it('with chosen text, no limit and an expiry day: the end of that day, in the admin’s time zone', async () => {
    const desk = new FakeTokenDesk('synapse');
    await openDesk(desk);
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'New token' }));
    await user.click(screen.getByRole('radio', { name: 'Text of my choice' }));
    await user.type(screen.getByLabelText('Text'), 'welcome-2031');
    await user.clear(screen.getByLabelText('Uses allowed'));
    await user.type(screen.getByLabelText('Expires on'), '2031-01-02');
    await user.click(screen.getByRole('button', { name: 'Make the token' }));
    await screen.findByRole('heading', { name: /^welcome-2031 / });
    const expiresAt = new Date(2031, 0, 2, 23, 59, 59, 999).getTime();
    expect(desk.calls).toContain(`create {"token":"welcome-2031","usesAllowed":null,"expiresAt":${String(expiresAt)}}`);
  });

  it.each([
    ['', 'Write the token’s text, or choose random text.'],
    ['abc/def', 'A registration token has only the letters A–Z and a–z'],
  ])('refuses the chosen text %j at its field before sending', async (text, words) => {
    const desk = new FakeTokenDesk('synapse');
    await openDesk(desk);
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'New token' }));
    await user.click(screen.getByRole('radio', { name: 'Text of my choice' }));
    if (text) await user.type(screen.getByLabelText('Text'), text);
    await user.click(screen.getByRole('button', { name: 'Make the token' }));
    const field = screen.getByLabelText('Text');
    expect(field).toHaveAttribute('aria-invalid', 'true');
    expect(field).toHaveAccessibleDescription(expect.stringContaining(words) as string);
    await focused(field);
    expect(desk.calls.some((call) => call.startsWith('create'))).toBe(false);
  });

  it.each([['0'], ['two'], ['1.5']])('refuses %j uses at the field', async (uses) => {
    await openDesk(new FakeTokenDesk('synapse'));
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'New token' }));
    const field = screen.getByLabelText('Uses allowed');
    await user.clear(field);
    await user.type(field, uses);
    await user.click(screen.getByRole('button', { name: 'Make the token' }));
    expect(field).toHaveAccessibleDescription(
      expect.stringContaining('Write a whole number of 1 or more, or leave it empty for no limit.') as string,
    );
    await focused(field);
  });

  it('a text that exists already is said at the text field', async () => {
    const desk = new FakeTokenDesk('synapse');
    desk.failNext('create', new AdminProblem('token-taken', { field: 'token' }));
    await openDesk(desk);
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'New token' }));
    await user.click(screen.getByRole('radio', { name: 'Text of my choice' }));
    await user.type(screen.getByLabelText('Text'), 'taken');
    await user.click(screen.getByRole('button', { name: 'Make the token' }));
    const field = screen.getByLabelText('Text');
    await waitFor(() => expect(field).toHaveFocus());
    expect(field).toHaveAccessibleDescription(
      expect.stringContaining('A token with this text already exists.') as string,
    );
  });

  it.each([
    ['usesAllowed', 'Uses allowed', 'The server does not accept this number of uses.'],
    ['expiresAt', 'Expires on', 'The server does not accept this expiry date.'],
  ] as const)(
    'a value the server refuses (%s) is said at its field, with the server’s words',
    async (field, label, words) => {
      const desk = new FakeTokenDesk('mas');
      desk.failNext('create', new AdminProblem('invalid', { field, serverMessage: 'nope: out of range' }));
      await openDesk(desk);
      const user = userEvent.setup();
      await user.click(screen.getByRole('button', { name: 'New token' }));
      await user.click(screen.getByRole('button', { name: 'Make the token' }));
      const input = screen.getByLabelText(label);
      await waitFor(() => expect(input).toHaveFocus());
      expect(input).toHaveAttribute('aria-invalid', 'true');
      expect(input).toHaveAccessibleDescription(
        expect.stringContaining(`${words} The server said: nope: out of range`) as string,
      );
    },
  );

  it('a refusal about no field is said at the form', async () => {
    const desk = new FakeTokenDesk('synapse');
    desk.failNext('create', new AdminProblem('invalid'));
    await openDesk(desk);
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'New token' }));
    await user.click(screen.getByRole('button', { name: 'Make the token' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('The server does not accept one of these values.');
  });
});

describe('changing a token', () => {
  it('sends only what changed, and says it was saved', async () => {
    const desk = new FakeTokenDesk('synapse', [
      inviteToken({ token: 'abc', usesAllowed: 1, expiresAt: EXPIRY, pending: 0 }),
    ]);
    await openDesk(desk);
    const user = userEvent.setup();
    await user.click(within(item('abc')).getByRole('button', { name: 'Change' }));
    const uses = screen.getByLabelText('Uses allowed');
    expect(screen.getByLabelText('Expires on')).toHaveValue('2031-01-02');
    await user.clear(uses);
    await user.type(uses, '5');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Token abc saved.')).toBeVisible();
    expect(desk.calls).toContain('update abc {"usesAllowed":5}');
    expect(fact('abc', 'Uses allowed')).toBe('5');
    await focused(screen.getByRole('heading', { name: /^abc / }));
  });

  it('a token deleted elsewhere meanwhile: said, and off the list', async () => {
    const desk = new FakeTokenDesk('synapse', [inviteToken({ token: 'abc', pending: 0 })]);
    desk.failNext('update', new AdminProblem('no-such-token'));
    await openDesk(desk);
    const user = userEvent.setup();
    await user.click(within(item('abc')).getByRole('button', { name: 'Change' }));
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'This token no longer exists: it was deleted elsewhere.',
    );
    expect(screen.queryByRole('listitem')).toBeNull();
  });
});

describe('removing a token', () => {
  it('Synapse: deletes only after asking, then says so and puts focus on the list', async () => {
    const desk = new FakeTokenDesk('synapse', [
      inviteToken({ token: 'abc', pending: 0 }),
      inviteToken({ token: 'keep' }),
    ]);
    await openDesk(desk);
    const user = userEvent.setup();
    await user.click(within(item('abc')).getByRole('button', { name: 'Delete' }));
    const question = screen.getByText('Delete abc? Links with it stop working. Accounts already made with it stay.');
    await focused(question);
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(desk.calls.some((call) => call.startsWith('remove'))).toBe(false);
    await user.click(within(item('abc')).getByRole('button', { name: 'Delete' }));
    await user.click(within(item('abc')).getAllByRole('button', { name: 'Delete' })[1] as HTMLElement);
    expect(await screen.findByText('Token abc deleted.')).toBeVisible();
    expect(screen.queryByText('abc')).toBeNull();
    await focused(screen.getByRole('heading', { name: 'Registration tokens' }));
    expect(desk.calls).toContain('remove abc');
  });

  it('Synapse: a refused delete is said in the question', async () => {
    const desk = new FakeTokenDesk('synapse', [inviteToken({ token: 'abc', pending: 0 })]);
    desk.failNext('remove', new AdminProblem('rate-limited', { retryAfterMs: 1000 }));
    await openDesk(desk);
    const user = userEvent.setup();
    await user.click(within(item('abc')).getByRole('button', { name: 'Delete' }));
    await user.click(within(item('abc')).getAllByRole('button', { name: 'Delete' })[1] as HTMLElement);
    expect(await screen.findByRole('alert')).toHaveTextContent('Too many requests. Wait 1 second and try again.');
    expect(screen.getByText('abc')).toBeVisible();
  });

  it('MAS: revokes and restores', async () => {
    const desk = new FakeTokenDesk('mas', [inviteToken({ id: '01J', token: 'abc' })]);
    await openDesk(desk);
    const user = userEvent.setup();
    await user.click(within(item('abc')).getByRole('button', { name: 'Revoke' }));
    expect(await screen.findByText('Token abc revoked: its links no longer work.')).toBeVisible();
    expect(within(item('abc')).getByText('Not usable')).toBeVisible();
    await user.click(within(item('abc')).getByRole('button', { name: 'Restore' }));
    expect(await screen.findByText('Token abc restored.')).toBeVisible();
    expect(desk.calls).toEqual(['list all', 'revoke 01J', 'restore 01J']);
  });
});

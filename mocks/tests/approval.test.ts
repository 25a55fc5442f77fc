import { describe, expect, it } from 'vitest';
import { MOCK_ADMIN } from '../model/config';
import { startMock, type Mock } from './harness';

/**
 * MSC3866 as Synapse 1.94 plays it with `require_approval_for_new_accounts` (recorded: the `ap`
 * and `ap0` cases of synapse-1.94-email; register.py:748-752, 800 and login.py:255-261 at v1.94.0).
 */
const login = (mock: Mock, user: string, password: string) =>
  mock.call('POST', '/_matrix/client/v3/login', {
    json: { type: 'm.login.password', identifier: { type: 'm.id.user', user }, password },
  });

async function admin(mock: Mock) {
  const token = (await login(mock, MOCK_ADMIN.username, MOCK_ADMIN.password)).body.access_token;
  return (method: string, path: string, json?: unknown) =>
    mock.call(method, path, { json, headers: { authorization: `Bearer ${token}` } });
}

describe('requireApproval (MSC3866)', () => {
  it('makes the account and answers 403 AWAITING_APPROVAL; the same session again is 200 without a token', async () => {
    const mock = await startMock({ scenario: 'approval' });
    const first = await mock.register({ username: 'abby', password: 'Abby-pw-1234' });
    const auth = { type: 'm.login.dummy', session: first.body.session };
    const made = await mock.register({ auth });
    expect(made.status).toBe(403);
    expect(made.body).toMatchObject({
      errcode: 'ORG.MATRIX.MSC3866_USER_AWAITING_APPROVAL',
      approval_notice_medium: 'org.matrix.msc3866.none',
    });
    expect(mock.homeserver.findAccount('abby')?.approved).toBe(false);
    const again = await mock.register({ auth });
    expect([again.status, again.body]).toEqual([
      200,
      { user_id: '@abby:localhost:8008', home_server: 'localhost:8008' },
    ]);
    const taken = await mock.register({ username: 'abby', password: 'other' });
    expect(taken.body.errcode).toBe('M_USER_IN_USE');
  });

  it('refuses login until an admin approves through the admin API; a wrong password is still M_FORBIDDEN', async () => {
    const mock = await startMock({ scenario: 'approval' });
    await mock.registerWithDummy('abby', 'Abby-pw-1234');
    const waiting = await login(mock, 'abby', 'Abby-pw-1234');
    expect([waiting.status, waiting.body.errcode]).toEqual([403, 'ORG.MATRIX.MSC3866_USER_AWAITING_APPROVAL']);
    expect((await login(mock, 'abby', 'wrong')).body.errcode).toBe('M_FORBIDDEN');
    const api = await admin(mock);
    const before = await api('GET', '/_synapse/admin/v2/users/@abby:localhost:8008');
    expect(before.body).toMatchObject({ name: '@abby:localhost:8008', approved: false, is_guest: false });
    const refused = await api('PUT', '/_synapse/admin/v2/users/@abby:localhost:8008', { approved: 'yes' });
    expect([refused.status, refused.body.errcode]).toEqual([400, 'M_INVALID_PARAM']);
    const approved = await api('PUT', '/_synapse/admin/v2/users/@abby:localhost:8008', { approved: true });
    expect(approved.body.approved).toBe(true);
    // With approval on, Synapse issues no token at all (register.py:800); login after approval does.
    const signedIn = await login(mock, 'abby', 'Abby-pw-1234');
    expect(signedIn.status).toBe(200);
    expect(typeof signedIn.body.access_token).toBe('string');
  });

  it('the admin API: 404 for no such account, 400 for another server; only admins', async () => {
    const mock = await startMock({ scenario: 'approval' });
    const api = await admin(mock);
    expect((await api('GET', '/_synapse/admin/v2/users/@nobody:localhost:8008')).status).toBe(404);
    expect((await api('GET', '/_synapse/admin/v2/users/@abby:elsewhere.example')).status).toBe(400);
    const alice = (await login(mock, 'alice', 'alice-password')).body.access_token;
    const notAdmin = await mock.call('GET', '/_synapse/admin/v2/users/@alice:localhost:8008', {
      headers: { authorization: `Bearer ${alice}` },
    });
    expect(notAdmin.status).toBe(403);
    // Without MSC3866 the view has no `approved` (admin/users.py:163-166).
    const plain = await startMock();
    const plainApi = await admin(plain);
    expect((await plainApi('GET', '/_synapse/admin/v2/users/@alice:localhost:8008')).body).not.toHaveProperty(
      'approved',
    );
  });

  it('the controller (the panel, the Playwright fixture) approves a waiting account once', async () => {
    const mock = await startMock({ scenario: 'approval' });
    await mock.registerWithDummy('abby', 'Abby-pw-1234');
    expect(mock.controller.accounts().find((account) => account.user_id === '@abby:localhost:8008')?.approved).toBe(
      false,
    );
    expect(mock.controller.approve('@abby:localhost:8008')).toBe(true);
    expect(mock.controller.approve('@abby:localhost:8008')).toBe(false);
    expect((await login(mock, 'abby', 'Abby-pw-1234')).status).toBe(200);
  });

  it('without requireApproval, accounts are approved and logged in at once', async () => {
    const mock = await startMock();
    const made = await mock.registerWithDummy('abby', 'Abby-pw-1234');
    expect(made.status).toBe(200);
    expect(typeof made.body.access_token).toBe('string');
  });
});

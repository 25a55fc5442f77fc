import { afterEach, describe, expect, it } from 'vitest';
import { BOUNDS, keyed, keyedFrom, remember } from '../model/records';
import { startMock } from './harness';

/** State that requests without an account create is bounded, oldest first (security review M7). */
const saved = { ...BOUNDS };
afterEach(() => Object.assign(BOUNDS, saved));

describe('bounded state', () => {
  it('remember keeps at most max entries, dropping the oldest first; a key stored again is no new entry', () => {
    const record = keyed<number>();
    for (const key of ['a', 'b', 'c', '__proto__']) remember(record, key, 1, 3);
    expect(Object.keys(record)).toEqual(['b', 'c', '__proto__']);
    remember(record, 'c', 2, 3);
    expect(Object.keys(record)).toEqual(['b', 'c', '__proto__']);
  });

  it('remember counts right when entries are deleted elsewhere (a session completed)', () => {
    const record = keyed<number>();
    for (const key of ['a', 'b', 'c']) remember(record, key, 1, 3);
    Reflect.deleteProperty(record, 'a');
    remember(record, 'd', 1, 3);
    expect(Object.keys(record)).toEqual(['b', 'c', 'd']);
    remember(record, 'e', 1, 3);
    expect(Object.keys(record)).toEqual(['c', 'd', 'e']);
    // A record read back from saved state is counted before its first new key.
    const loaded = keyedFrom<number>({ x: 1, y: 1, z: 1 });
    remember(loaded, 'w', 1, 3);
    expect(Object.keys(loaded)).toEqual(['y', 'z', 'w']);
  });

  it('a full record drops its oldest tenth at once', () => {
    const record = keyed<number>();
    for (let index = 0; index < 30; index++) remember(record, `k${String(index)}`, index, 30);
    remember(record, 'new', 1, 30);
    expect(Object.keys(record)).toHaveLength(28);
    expect(Object.keys(record).slice(0, 2)).toEqual(['k3', 'k4']);
  });

  it('UIA sessions: the oldest is forgotten once the bound is reached', async () => {
    BOUNDS.sessions = 2;
    const mock = await startMock();
    const first = await mock.register({ username: 'ana' });
    await mock.register({ username: 'bea' });
    await mock.register({ username: 'cai' });
    expect(Object.keys(mock.state.sessions)).toHaveLength(2);
    const stale = await mock.register({ auth: { type: 'm.login.dummy', session: first.body.session } });
    expect([stale.status, stale.body.errcode]).toEqual([400, 'M_UNKNOWN']);
  });

  it('the inbox and the email validations', async () => {
    BOUNDS.inbox = 2;
    BOUNDS.emailValidations = 2;
    const mock = await startMock({ scenario: 'email' });
    for (const name of ['a', 'b', 'c']) {
      await mock.call('POST', '/_matrix/client/v3/register/email/requestToken', {
        json: { client_secret: `secret-${name}`, email: `${name}@example.org`, send_attempt: 1 },
      });
    }
    expect(mock.state.inbox.map((message) => message.to)).toEqual(['b@example.org', 'c@example.org']);
    expect(Object.keys(mock.state.emailValidations)).toHaveLength(2);
  });

  it('OAuth clients registered by anyone', async () => {
    BOUNDS.oauthClients = 2;
    const mock = await startMock({ scenario: 'oidc' });
    const ids: string[] = [];
    for (let index = 0; index < 3; index++) {
      const reply = await mock.call('POST', '/oauth2/register', {
        json: {
          client_name: `client ${String(index)}`,
          client_uri: 'http://localhost:5173/',
          redirect_uris: ['http://localhost:5173/'],
          token_endpoint_auth_method: 'none',
          grant_types: ['authorization_code', 'refresh_token'],
          response_types: ['code'],
          application_type: 'web',
        },
      });
      ids.push(String(reply.body.client_id));
    }
    expect(Object.keys(mock.state.oauth.clients)).toEqual(ids.slice(1));
  });

  it('shared-secret nonces', async () => {
    BOUNDS.nonces = 2;
    const mock = await startMock();
    for (let index = 0; index < 3; index++) await mock.call('GET', '/_synapse/admin/v1/register');
    expect(Object.keys(mock.state.nonces)).toHaveLength(2);
  });
});

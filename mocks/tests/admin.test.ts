import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { MOCK_ADMIN, MOCK_SHARED_SECRET } from '../model/config';
import { startMock, type Mock } from './harness';

const TOKENS = '/_synapse/admin/v1/registration_tokens';

async function loginAs(mock: Mock, user: string, password: string): Promise<string> {
  const reply = await mock.call('POST', '/_matrix/client/v3/login', {
    json: { type: 'm.login.password', user, password },
  });
  return reply.body.access_token;
}

async function asAdmin(mock: Mock) {
  const token = await loginAs(mock, MOCK_ADMIN.username, MOCK_ADMIN.password);
  return (method: string, path: string, json?: unknown) =>
    mock.call(method, path, { json, headers: { authorization: `Bearer ${token}` } });
}

describe('the admin API for registration tokens: who may use it', () => {
  it('wants an access token (401 M_MISSING_TOKEN), a known one (401 M_UNKNOWN_TOKEN) and an admin (403 M_FORBIDDEN)', async () => {
    const mock = await startMock();
    const missing = await mock.call('GET', TOKENS);
    expect([missing.status, missing.body.errcode]).toEqual([401, 'M_MISSING_TOKEN']);
    const unknown = await mock.call('GET', TOKENS, { headers: { authorization: 'Bearer nope' } });
    expect([unknown.status, unknown.body.errcode]).toEqual([401, 'M_UNKNOWN_TOKEN']);
    const alice = await loginAs(mock, 'alice', 'alice-password');
    const notAdmin = await mock.call('POST', `${TOKENS}/new`, {
      json: {},
      headers: { authorization: `Bearer ${alice}` },
    });
    expect([notAdmin.status, notAdmin.body.errcode]).toEqual([403, 'M_FORBIDDEN']);
    expect(mock.state.registrationTokens.map((token) => token.token)).not.toContain(undefined);
  });

  it.each([
    ['GET', `${TOKENS}/letmein`],
    ['PUT', `${TOKENS}/letmein`],
    ['DELETE', `${TOKENS}/letmein`],
  ])('asks the same of %s %s, and a refused request changes nothing', async (method, path) => {
    const mock = await startMock({ scenario: 'token' });
    const json = method === 'PUT' ? { uses_allowed: 0 } : undefined;
    const missing = await mock.call(method, path, { json });
    expect([missing.status, missing.body.errcode]).toEqual([401, 'M_MISSING_TOKEN']);
    const unknown = await mock.call(method, path, { json, headers: { authorization: 'Bearer nope' } });
    expect([unknown.status, unknown.body.errcode]).toEqual([401, 'M_UNKNOWN_TOKEN']);
    const alice = await loginAs(mock, 'alice', 'alice-password');
    const notAdmin = await mock.call(method, path, { json, headers: { authorization: `Bearer ${alice}` } });
    expect([notAdmin.status, notAdmin.body.errcode]).toEqual([403, 'M_FORBIDDEN']);
    expect(mock.homeserver.registrationToken('letmein')).toMatchObject({ usesAllowed: null });
  });

  it('checks who asks before reading the body', async () => {
    const reply = await (await startMock()).call('POST', `${TOKENS}/new`, { raw: 'not json' });
    expect([reply.status, reply.body.errcode]).toEqual([401, 'M_MISSING_TOKEN']);
  });
});

describe('the admin API for registration tokens: what it does', () => {
  it('lists the scenario tokens with their use, and filters by valid=true|false', async () => {
    const mock = await startMock({ scenario: 'token' });
    const admin = await asAdmin(mock);
    const all = await admin('GET', TOKENS);
    expect(all.body.registration_tokens).toEqual([
      { token: 'letmein', uses_allowed: null, pending: 0, completed: 0, expiry_time: null },
      { token: 'single-use', uses_allowed: 1, pending: 0, completed: 0, expiry_time: null },
      { token: 'expired', uses_allowed: null, pending: 0, completed: 0, expiry_time: Date.UTC(2020, 0, 1) },
      { token: 'used-up', uses_allowed: 0, pending: 0, completed: 0, expiry_time: null },
    ]);
    const names = async (valid: string) =>
      (await admin('GET', `${TOKENS}?valid=${valid}`)).body.registration_tokens.map((token) => token.token);
    expect(await names('true')).toEqual(['letmein', 'single-use']);
    expect(await names('false')).toEqual(['expired', 'used-up']);
    expect((await admin('GET', `${TOKENS}?valid=maybe`)).body.errcode).toBe('M_INVALID_PARAM');
  });

  it('makes a 16-character token by default, or one of a chosen length, that the sign-up then accepts', async () => {
    const mock = await startMock({ scenario: 'token' });
    const admin = await asAdmin(mock);
    const made = await admin('POST', `${TOKENS}/new`, { uses_allowed: 1 });
    expect(made.body).toMatchObject({ uses_allowed: 1, pending: 0, completed: 0, expiry_time: null });
    expect(made.body.token).toMatch(/^[A-Za-z0-9._~-]{16}$/);
    expect((await admin('POST', `${TOKENS}/new`, { length: 40 })).body.token).toHaveLength(40);
    const first = await mock.register({ username: 'ana', password: 'pw' });
    const staged = await mock.register({
      auth: { type: 'm.login.registration_token', token: made.body.token, session: first.body.session },
    });
    expect(staged.body.completed).toEqual(['m.login.registration_token']);
    expect((await admin('GET', `${TOKENS}/${made.body.token}`)).body).toMatchObject({ pending: 1, completed: 0 });
    await mock.register({ auth: { type: 'm.login.dummy', session: first.body.session } });
    expect((await admin('GET', `${TOKENS}/${made.body.token}`)).body).toMatchObject({ pending: 0, completed: 1 });
  });

  it.each([
    [{ token: 5 }, 'token must be a string'],
    [{ token: '' }, 'token must not be empty'],
    [{ token: 'x'.repeat(65) }, 'not be longer than 64'],
    [{ token: 'bad token!' }, 'token must consist only'],
    [{ length: 0 }, 'length must be greater than zero'],
    [{ length: 65 }, 'length must be greater than zero'],
    [{ length: '8' }, 'length must be an integer'],
    [{ length: null }, 'length must be an integer'],
    [{ uses_allowed: -1 }, 'uses_allowed must be a non-negative integer or null'],
    [{ uses_allowed: true }, 'uses_allowed must be a non-negative integer or null'],
    [{ expiry_time: 'soon' }, 'expiry_time must be an integer or null'],
    [{ expiry_time: Date.UTC(2025, 0, 1) }, 'expiry_time must not be in the past'],
    [{ token: 'letmein' }, 'Token already exists: letmein'],
  ])('refuses %j with 400 M_INVALID_PARAM (%s)', async (body, error) => {
    const mock = await startMock();
    const before = mock.state.registrationTokens.length;
    const reply = await (await asAdmin(mock))('POST', `${TOKENS}/new`, body);
    expect([reply.status, reply.body.errcode]).toEqual([400, 'M_INVALID_PARAM']);
    expect(reply.body.error).toContain(error);
    expect(mock.state.registrationTokens).toHaveLength(before);
  });

  it('updates uses_allowed and expiry_time, refuses a past expiry, and says which token is unknown (404 M_NOT_FOUND)', async () => {
    const mock = await startMock({ scenario: 'token' });
    const admin = await asAdmin(mock);
    const updated = await admin('PUT', `${TOKENS}/used-up`, { uses_allowed: 3 });
    expect(updated.body).toMatchObject({ token: 'used-up', uses_allowed: 3 });
    expect(
      (await mock.call('GET', '/_matrix/client/v1/register/m.login.registration_token/validity?token=used-up')).body,
    ).toEqual({ valid: true });
    const later = mock.env.now() + 60_000;
    expect((await admin('PUT', `${TOKENS}/used-up`, { expiry_time: later })).body.expiry_time).toBe(later);
    expect((await admin('PUT', `${TOKENS}/used-up`, { expiry_time: 1 })).body.errcode).toBe('M_INVALID_PARAM');
    expect((await admin('PUT', `${TOKENS}/used-up`, {})).body).toMatchObject({ uses_allowed: 3, expiry_time: later });
    const unknown = await admin('PUT', `${TOKENS}/nope`, { uses_allowed: 1 });
    expect([unknown.status, unknown.body.errcode]).toEqual([404, 'M_NOT_FOUND']);
  });

  it('deletes a token, after which the sign-up refuses it', async () => {
    const mock = await startMock({ scenario: 'token' });
    const admin = await asAdmin(mock);
    expect((await admin('DELETE', `${TOKENS}/letmein`)).body).toEqual({});
    expect((await admin('GET', `${TOKENS}/letmein`)).status).toBe(404);
    expect((await admin('DELETE', `${TOKENS}/letmein`)).status).toBe(404);
    const first = await mock.register({ username: 'ana', password: 'pw' });
    const refused = await mock.register({
      auth: { type: 'm.login.registration_token', token: 'letmein', session: first.body.session },
    });
    expect(refused.body.errcode).toBe('M_UNAUTHORIZED');
  });

  it('is a known path with another method: 405', async () => {
    const reply = await (await startMock()).call('PATCH', `${TOKENS}/letmein`);
    expect([reply.status, reply.body.errcode]).toEqual([405, 'M_UNRECOGNIZED']);
  });
});

const mac = (
  fields: { nonce: string; username: string; password: string; admin: boolean; userType?: string },
  secret = MOCK_SHARED_SECRET,
) =>
  createHmac('sha1', secret)
    .update(
      [
        fields.nonce,
        fields.username,
        fields.password,
        fields.admin ? 'admin' : 'notadmin',
        ...(fields.userType ? [fields.userType] : []),
      ].join('\0'),
    )
    .digest('hex');

describe('shared-secret registration (GET/POST /_synapse/admin/v1/register)', () => {
  const path = '/_synapse/admin/v1/register';

  it('registers an admin with a nonce and the HMAC-SHA1 mac, even where sign-up is closed', async () => {
    const mock = await startMock({ scenario: 'disabled' });
    const { nonce } = (await mock.call('GET', path)).body;
    expect(nonce).toMatch(/^[0-9a-f]{128}$/);
    const fields = { nonce, username: 'Root', password: 'root-pw', admin: true };
    const reply = await mock.call('POST', path, { json: { ...fields, mac: mac(fields) } });
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ user_id: '@root:localhost:8008', home_server: 'localhost:8008' });
    expect(mock.homeserver.findAccount('root')?.admin).toBe(true);
    const tokens = await mock.call('GET', TOKENS, { headers: { authorization: `Bearer ${reply.body.access_token}` } });
    expect(tokens.status).toBe(200);
  });

  it('makes an ordinary user without admin, and logs in unless inhibit_login', async () => {
    const mock = await startMock();
    const { nonce } = (await mock.call('GET', path)).body;
    const fields = { nonce, username: 'bot', password: 'pw', admin: false };
    const reply = await mock.call('POST', path, { json: { ...fields, mac: mac(fields), inhibit_login: true } });
    expect(reply.body).toEqual({ user_id: '@bot:localhost:8008', home_server: 'localhost:8008' });
    expect(mock.homeserver.findAccount('bot')?.admin).toBeUndefined();
  });

  it('refuses a wrong mac with 403 "HMAC incorrect", and the nonce is then used up', async () => {
    const mock = await startMock();
    const { nonce } = (await mock.call('GET', path)).body;
    const fields = { nonce, username: 'eve', password: 'pw', admin: true };
    const wrong = await mock.call('POST', path, { json: { ...fields, mac: mac(fields, 'another secret') } });
    expect([wrong.status, wrong.body.errcode, wrong.body.error]).toEqual([403, 'M_UNKNOWN', 'HMAC incorrect']);
    const again = await mock.call('POST', path, { json: { ...fields, mac: mac(fields) } });
    expect([again.status, again.body.error]).toEqual([400, 'unrecognised nonce']);
    expect(mock.homeserver.findAccount('eve')).toBeUndefined();
  });

  it('forgets a nonce after 60 s', async () => {
    const mock = await startMock();
    const { nonce } = (await mock.call('GET', path)).body;
    mock.env.advance(60_001);
    const fields = { nonce, username: 'late', password: 'pw', admin: false };
    expect((await mock.call('POST', path, { json: { ...fields, mac: mac(fields) } })).body.error).toBe(
      'unrecognised nonce',
    );
  });

  it.each([
    [{}, 400, 'M_BAD_JSON', 'nonce must be specified'],
    [{ username: 'x', password: 'pw', mac: '0' }, 400, 'M_BAD_JSON', 'nonce must be specified'],
  ])('checks the body in Synapse order: %j', async (body, status, errcode, error) => {
    const reply = await (await startMock()).call('POST', path, { json: body });
    expect([reply.status, reply.body.errcode, reply.body.error]).toEqual([status, errcode, error]);
  });

  it.each([
    [{}, 'M_BAD_JSON', 'username must be specified'],
    [{ username: 7 }, 'M_UNKNOWN', 'Invalid username'],
    [{ username: 'x'.repeat(513) }, 'M_UNKNOWN', 'Invalid username'],
    [{ username: 'nul\0name' }, 'M_UNKNOWN', 'Invalid username'],
    [{ username: 'x' }, 'M_BAD_JSON', 'password must be specified'],
    [{ username: 'x', password: 'p'.repeat(513) }, 'M_UNKNOWN', 'Invalid password'],
    [{ username: 'x', password: 'nul\0pw' }, 'M_UNKNOWN', 'Invalid password'],
    [{ username: 'x', password: 'pw', user_type: 'robot', mac: '0' }, 'M_UNKNOWN', 'Invalid user type'],
    [{ username: 'x', password: 'pw', user_type: '', mac: '0' }, 'M_UNKNOWN', 'Invalid user type'],
    [{ username: 'x', password: 'pw' }, 'M_BAD_JSON', 'mac must be specified'],
  ])('with a good nonce, checks the rest in Synapse order: %j', async (fields, errcode, error) => {
    const mock = await startMock();
    const { nonce } = (await mock.call('GET', path)).body;
    const reply = await mock.call('POST', path, { json: { nonce, ...fields } });
    expect([reply.status, reply.body.errcode, reply.body.error]).toEqual([400, errcode, error]);
    expect(mock.homeserver.findAccount('x')).toBeUndefined();
  });

  it('refuses a refresh_token that is not a boolean, once the mac is right', async () => {
    const mock = await startMock();
    const { nonce } = (await mock.call('GET', path)).body;
    const fields = { nonce, username: 'fresh', password: 'pw', admin: false };
    const reply = await mock.call('POST', path, { json: { ...fields, mac: mac(fields), refresh_token: 'yes' } });
    expect([reply.status, reply.body.error]).toEqual([400, 'refresh_token must be a boolean']);
    expect(mock.homeserver.findAccount('fresh')).toBeUndefined();
  });

  it('signs user_type into the mac: a mac without it is refused, one with it makes the account', async () => {
    const mock = await startMock();
    const fields = { username: 'helper', password: 'pw', admin: false };
    const first = (await mock.call('GET', path)).body.nonce;
    const unsigned = await mock.call('POST', path, {
      json: { ...fields, nonce: first, user_type: 'bot', mac: mac({ ...fields, nonce: first }) },
    });
    expect([unsigned.status, unsigned.body.error]).toEqual([403, 'HMAC incorrect']);
    const second = (await mock.call('GET', path)).body.nonce;
    const signed = await mock.call('POST', path, {
      json: { ...fields, nonce: second, user_type: 'bot', mac: mac({ ...fields, nonce: second, userType: 'bot' }) },
    });
    expect(signed.status).toBe(200);
    expect(mock.homeserver.findAccount('helper')).toBeDefined();
  });

  it.each([
    [[], false],
    [{}, false],
    [0, false],
    ['', false],
    [[1], true],
    ['no', true],
  ])('reads admin: %j as Python does (%s)', async (admin, isAdmin) => {
    const mock = await startMock();
    const { nonce } = (await mock.call('GET', path)).body;
    const fields = { nonce, username: 'flag', password: 'pw', admin: isAdmin };
    const reply = await mock.call('POST', path, { json: { ...fields, admin, mac: mac(fields) } });
    expect(reply.status).toBe(200);
    expect(Boolean(mock.homeserver.findAccount('flag')?.admin)).toBe(isAdmin);
  });

  it('still checks the name: a taken one is 400 M_USER_IN_USE', async () => {
    const mock = await startMock();
    const { nonce } = (await mock.call('GET', path)).body;
    const fields = { nonce, username: 'alice', password: 'pw', admin: false };
    expect((await mock.call('POST', path, { json: { ...fields, mac: mac(fields) } })).body.errcode).toBe(
      'M_USER_IN_USE',
    );
  });

  it('is off without a shared secret', async () => {
    const mock = await startMock({ overrides: { registrationSharedSecret: null } });
    const reply = await mock.call('POST', path, { json: {} });
    expect([reply.status, reply.body.error]).toEqual([400, 'Shared secret registration is not enabled']);
  });
});

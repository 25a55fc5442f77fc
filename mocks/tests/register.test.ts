import { describe, expect, it } from 'vitest';
import { MOCK_APPSERVICE_TOKEN } from '../model/config';
import { startMock } from './harness';

const dummy = (session: string) => ({ type: 'm.login.dummy', session });

describe('§2 POST /register body and answer', () => {
  it('lower-cases the username (Synapse maps capitals rather than rejecting them)', async () => {
    const mock = await startMock();
    expect((await mock.registerWithDummy('User-UPPER')).body.user_id).toBe('@user-upper:localhost:8008');
  });

  it('generates a numeric localpart when the username is omitted', async () => {
    const mock = await startMock();
    const first = await mock.register({ password: 'pw' });
    const done = await mock.register({ auth: dummy(first.body.session) });
    expect(done.body.user_id).toBe('@1:localhost:8008');
  });

  it('logs in by default: device_id (10 upper-case letters), a syt_ access token and home_server', async () => {
    const mock = await startMock();
    const reply = await mock.registerWithDummy('ana');
    expect(reply.status).toBe(200);
    expect(reply.body.device_id).toMatch(/^[A-Z]{10}$/);
    expect(reply.body.access_token).toMatch(/^syt_YW5h_[A-Za-z0-9]{20}_[A-Za-z0-9]{6}$/);
    expect(reply.body.home_server).toBe('localhost:8008');
    expect(reply.body).not.toHaveProperty('refresh_token');
  });

  it('keeps the device_id and the display name the client asked for', async () => {
    const mock = await startMock();
    const reply = await mock.registerWithDummy('ana', 'pw', {
      device_id: 'MYPHONE',
      initial_device_display_name: 'Ana phone',
    });
    expect(reply.body.device_id).toBe('MYPHONE');
    expect(mock.state.devices).toContainEqual({
      userId: '@ana:localhost:8008',
      deviceId: 'MYPHONE',
      displayName: 'Ana phone',
    });
  });

  it('§5.8 inhibit_login: the account only, with no device, token or refresh keys at all', async () => {
    const mock = await startMock();
    const reply = await mock.registerWithDummy('ana', 'pw', { inhibit_login: true, refresh_token: true });
    expect(reply.body).toEqual({ user_id: '@ana:localhost:8008', home_server: 'localhost:8008' });
    expect(mock.state.devices).toHaveLength(0);
    expect(mock.state.accessTokens).toEqual({});
  });

  it('issues a refresh token and expires_in_ms when asked, only if the server has them on', async () => {
    const mock = await startMock();
    const reply = await mock.registerWithDummy('ana', 'pw', { refresh_token: true });
    expect(reply.body.refresh_token).toMatch(/^syr_/);
    expect(reply.body.expires_in_ms).toBe(300_000);
    const off = await startMock({ overrides: { refreshTokens: false } });
    const plain = await off.registerWithDummy('ana', 'pw', { refresh_token: true });
    expect(plain.body).not.toHaveProperty('refresh_token');
    expect(plain.body).not.toHaveProperty('expires_in_ms');
  });

  it('ignores bind_email on v3 (removed from the spec in r0.6.0)', async () => {
    const mock = await startMock();
    expect((await mock.registerWithDummy('ana', 'pw', { bind_email: true })).status).toBe(200);
    expect(mock.homeserver.findAccount('ana')?.bindEmail).toBeUndefined();
  });

  it('rejects a kind it does not know with 400 M_UNRECOGNIZED', async () => {
    const mock = await startMock();
    const reply = await mock.register({}, '?kind=admin');
    expect([reply.status, reply.body.errcode]).toEqual([400, 'M_UNRECOGNIZED']);
  });

  it.each([
    ['refresh_token', 'yes', 'M_UNKNOWN'],
    ['username', 42, 'M_UNKNOWN'],
    ['username', 'a'.repeat(513), 'M_UNKNOWN'],
    ['password', 42, 'M_UNKNOWN'],
    ['password', 'p'.repeat(513), 'M_UNKNOWN'],
    // Values Synapse's `"session" in auth` would crash on (a 500 there).
    ['auth', 5, 'M_BAD_JSON'],
    ['auth', null, 'M_BAD_JSON'],
    ['auth', 'my session', 'M_BAD_JSON'],
    // (`inhibit_login` is read by Python's truth, never refused: synapse-edges.test.ts.)
    ['initial_device_display_name', 7, 'M_BAD_JSON'],
    ['device_id', 7, 'M_BAD_JSON'],
  ])('answers %s = %j with 400 %s and changes nothing', async (field, value, errcode) => {
    const mock = await startMock();
    const before = JSON.stringify(mock.state);
    const reply = await mock.register({ username: 'ana', password: 'pw', [field]: value });
    expect([reply.status, reply.body.errcode]).toEqual([400, errcode]);
    expect(JSON.stringify(mock.state)).toBe(before);
  });

  it('takes password: null as no password (401, then 400 M_MISSING_PARAM once UIA is done)', async () => {
    const mock = await startMock();
    const first = await mock.register({ username: 'ana', password: null });
    expect(first.status).toBe(401);
    const done = await mock.register({ auth: { type: 'm.login.dummy', session: first.body.session } });
    expect([done.status, done.body.errcode]).toEqual([400, 'M_MISSING_PARAM']);
  });

  it('never keeps an empty password: it passes the checks but the account still needs one', async () => {
    const mock = await startMock();
    const first = await mock.register({ username: 'ana', password: '' });
    expect(first.status).toBe(401);
    const done = await mock.register({
      username: 'ana',
      password: '',
      auth: { type: 'm.login.dummy', session: first.body.session },
    });
    expect([done.status, done.body.errcode]).toEqual([400, 'M_MISSING_PARAM']);
    expect(mock.homeserver.findAccount('ana')).toBeUndefined();
  });

  it('counts 512 characters in code points, as Python does, not UTF-16 units', async () => {
    const mock = await startMock();
    expect((await mock.register({ username: 'ana', password: '😀'.repeat(512) })).status).toBe(401);
    expect((await mock.register({ username: 'ana', password: '😀'.repeat(513) })).body.errcode).toBe('M_UNKNOWN');
  });

  it('accepts a non-ASCII password and a 512-character one', async () => {
    const mock = await startMock();
    expect((await mock.registerWithDummy('ana', 'pässwörd ✓ 密码')).status).toBe(200);
    expect((await mock.registerWithDummy('bea', 'p'.repeat(512))).status).toBe(200);
  });
});

describe('§5.1 order of checks', () => {
  it('reports a taken name with 400 before any 401 (spec: checks before UIA)', async () => {
    const mock = await startMock();
    const reply = await mock.register({ username: 'alice', password: 'pw' });
    expect([reply.status, reply.body.errcode]).toEqual([400, 'M_USER_IN_USE']);
    expect(Object.keys(mock.state.sessions)).toHaveLength(0);
  });

  it('parses JSON before rate limiting, and rate limits before looking at the username', async () => {
    const mock = await startMock({
      overrides: {
        rateLimits: {
          registration: { perSecond: 0.001, burst: 1 },
          registrationTokenValidity: null,
          threepidValidation: null,
          availability: null,
        },
      },
    });
    expect((await mock.registerWithDummy('ana')).status).toBe(200);
    const badJson = await mock.call('POST', '/_matrix/client/v3/register', { raw: '{' });
    expect(badJson.body.errcode).toBe('M_NOT_JSON');
    const badName = await mock.register({ username: 'not valid!' });
    expect([badName.status, badName.body.errcode]).toEqual([429, 'M_LIMIT_EXCEEDED']);
  });

  it('with registration disabled: a malformed username still gets 400, a good one 403', async () => {
    const mock = await startMock({ scenario: 'disabled' });
    expect((await mock.register({ username: 42 })).status).toBe(400);
    const reply = await mock.register({ username: 'ana', password: 'pw' });
    expect([reply.status, reply.body.errcode]).toEqual([403, 'M_FORBIDDEN']);
  });

  it('checks the password policy before the username and on the very first (no-auth) request', async () => {
    const mock = await startMock({ scenario: 'everything' });
    const reply = await mock.register({ username: 'alice', password: 'short' });
    expect([reply.status, reply.body.errcode]).toEqual([400, 'M_PASSWORD_TOO_SHORT']);
  });

  it('asks for a missing password only after UIA is complete', async () => {
    const mock = await startMock();
    const first = await mock.register({ username: 'ana' });
    expect(first.status).toBe(401);
    const done = await mock.register({ auth: dummy(first.body.session) });
    expect([done.status, done.body.errcode]).toEqual([400, 'M_MISSING_PARAM']);
    expect(mock.homeserver.findAccount('ana')).toBeUndefined();
  });

  it('re-checks the name at creation: of two sessions racing for it, the second gets M_USER_IN_USE after UIA', async () => {
    const mock = await startMock();
    const one = await mock.register({ username: 'ana', password: 'pw' });
    const two = await mock.register({ username: 'ana', password: 'pw' });
    expect((await mock.register({ auth: dummy(one.body.session) })).status).toBe(200);
    const late = await mock.register({ auth: dummy(two.body.session) });
    expect([late.status, late.body.errcode]).toEqual([400, 'M_USER_IN_USE']);
    expect(Object.keys(mock.state.accounts).filter((name) => name === 'ana')).toHaveLength(1);
  });

  it('with inhibitUserInUseError, defers M_USER_IN_USE to after UIA instead of dropping it', async () => {
    const mock = await startMock({ overrides: { inhibitUserInUseError: true } });
    expect((await mock.call('GET', '/_matrix/client/v3/register/available?username=alice')).body).toEqual({
      available: true,
    });
    const first = await mock.register({ username: 'alice', password: 'pw' });
    expect(first.status).toBe(401);
    const done = await mock.register({ auth: dummy(first.body.session) });
    expect([done.status, done.body.errcode]).toEqual([400, 'M_USER_IN_USE']);
  });

  it('refuses M_RESOURCE_LIMIT_EXCEEDED at creation with admin_contact and limit_type', async () => {
    const mock = await startMock({
      overrides: { resourceLimit: { limitType: 'monthly_active_user', adminContact: 'mailto:admin@example.org' } },
    });
    const first = await mock.register({ username: 'ana', password: 'pw' });
    expect(first.status).toBe(401);
    const done = await mock.register({ auth: dummy(first.body.session) });
    expect(done.status).toBe(403);
    expect(done.body).toMatchObject({
      errcode: 'M_RESOURCE_LIMIT_EXCEEDED',
      admin_contact: 'mailto:admin@example.org',
      limit_type: 'monthly_active_user',
    });
  });

  it('answers an access token on an ordinary registration with 400', async () => {
    const mock = await startMock();
    const reply = await mock.register({ username: 'ana' }, '', { authorization: 'Bearer whatever' });
    expect([reply.status, reply.body.errcode]).toEqual([400, 'M_UNKNOWN']);
  });
});

describe('§5.5 password policy', () => {
  const policy = {
    enabled: true,
    minLength: 8,
    requireDigit: true,
    requireSymbol: true,
    requireUppercase: true,
    requireLowercase: true,
  };

  it.each([
    ['Ab1!', 'M_PASSWORD_TOO_SHORT'],
    // Python's len() counts code points: six characters, two of them outside the BMP, are six.
    ['Ab1!😀😀', 'M_PASSWORD_TOO_SHORT'],
    ['Abcdefg!', 'M_PASSWORD_NO_DIGIT'],
    ['Abcdefg1', 'M_PASSWORD_NO_SYMBOL'],
    ['abcdefg1!', 'M_PASSWORD_NO_UPPERCASE'],
    ['ABCDEFG1!', 'M_PASSWORD_NO_LOWERCASE'],
  ])("Synapse style: %j is 400 %s (rules checked in Synapse's order)", async (password, errcode) => {
    const mock = await startMock({ overrides: { passwordPolicy: { ...policy, errcodes: 'synapse' } } });
    const reply = await mock.register({ username: 'ana', password });
    expect([reply.status, reply.body.errcode]).toEqual([400, errcode]);
  });

  it('spec style: every broken rule is 400 M_WEAK_PASSWORD; a good password passes', async () => {
    const mock = await startMock({ overrides: { passwordPolicy: { ...policy, errcodes: 'spec' } } });
    expect((await mock.register({ username: 'ana', password: 'abcdefg1!' })).body.errcode).toBe('M_WEAK_PASSWORD');
    expect((await mock.registerWithDummy('ana', 'Abcdefg1!')).status).toBe(200);
  });
});

describe('§5.7 guests', () => {
  it('are refused with 403 M_UNKNOWN unless allowed', async () => {
    const reply = await (await startMock()).register({}, '?kind=guest');
    expect([reply.status, reply.body.errcode]).toEqual([403, 'M_UNKNOWN']);
  });

  it('get a numeric ID, the guest_device and a token without UIA; the body is ignored', async () => {
    const mock = await startMock({ scenario: 'guest' });
    const reply = await mock.register(
      { username: 'ignored', password: 'ignored', device_id: 'IGNORED' },
      '?kind=guest',
    );
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({
      user_id: '@1:localhost:8008',
      device_id: 'guest_device',
      home_server: 'localhost:8008',
    });
    expect(typeof reply.body.access_token).toBe('string');
    expect(reply.body).not.toHaveProperty('refresh_token');
    expect(mock.homeserver.findAccount('ignored')).toBeUndefined();
  });

  it('upgrade to a full account through UIA with their token, keeping the user ID; a wrong token is 403', async () => {
    const mock = await startMock({ scenario: 'guest' });
    const guest = await mock.register({}, '?kind=guest');
    const wrong = await mock.register({ username: '1', password: 'pw', guest_access_token: 'nope' });
    expect([wrong.status, wrong.body.errcode]).toEqual([403, 'M_FORBIDDEN']);
    const first = await mock.register({ username: '1', password: 'pw', guest_access_token: guest.body.access_token });
    expect(first.status).toBe(401);
    const done = await mock.register({ auth: dummy(first.body.session) });
    expect(done.body.user_id).toBe('@1:localhost:8008');
    expect(mock.homeserver.findAccount('1')?.guest).toBe(false);
  });
});

describe('§5.9 application services', () => {
  const asRegister = (mock: Awaited<ReturnType<typeof startMock>>, body: Record<string, unknown>, token?: string) =>
    mock.register(
      { type: 'm.login.application_service', ...body },
      '',
      token ? { authorization: `Bearer ${token}` } : {},
    );

  it('register users in their namespace with their token, with no UIA, even with registration disabled', async () => {
    const mock = await startMock({ scenario: 'disabled' });
    const reply = await asRegister(mock, { username: 'bridge-ana' }, MOCK_APPSERVICE_TOKEN);
    expect(reply.status).toBe(200);
    expect(reply.body.user_id).toBe('@bridge-ana:localhost:8008');
    expect(mock.homeserver.findAccount('bridge-ana')?.appservice).toBe('bridge');
  });

  it('are refused outside their namespace (M_EXCLUSIVE), without a token (400) or with an unknown one (401)', async () => {
    const mock = await startMock();
    const outside = await asRegister(mock, { username: 'ana' }, MOCK_APPSERVICE_TOKEN);
    expect([outside.status, outside.body.errcode]).toEqual([400, 'M_EXCLUSIVE']);
    const missing = await asRegister(mock, { username: 'bridge-ana' });
    expect([missing.status, missing.body.errcode]).toEqual([400, 'M_UNKNOWN']);
    const unknown = await asRegister(mock, { username: 'bridge-ana' }, 'stolen');
    expect(unknown.status).toBe(401);
    expect(unknown.body).toMatchObject({ errcode: 'M_UNKNOWN_TOKEN', soft_logout: false });
  });

  it('may use a leading underscore, which ordinary users may not', async () => {
    const overrides = { appservices: [{ id: 'irc', asToken: 'irc-token', userRegex: '@_irc_.*:.*', exclusive: true }] };
    const mock = await startMock({ overrides });
    expect((await asRegister(mock, { username: '_irc_ana' }, 'irc-token')).status).toBe(200);
    expect((await mock.register({ username: '_irc_bob' })).body.errcode).toBe('M_INVALID_USERNAME');
  });

  it('still register on Synapse with MAS, with inhibit_login, else its unstable M_APPSERVICE_LOGIN_UNSUPPORTED (1.139+)', async () => {
    const mock = await startMock({ scenario: 'oidc' });
    const withLogin = await asRegister(mock, { username: 'bridge-ana' }, MOCK_APPSERVICE_TOKEN);
    expect([withLogin.status, withLogin.body.errcode]).toEqual([
      400,
      'IO.ELEMENT.MSC4190.M_APPSERVICE_LOGIN_UNSUPPORTED',
    ]);
    const inhibited = await asRegister(mock, { username: 'bridge-ana', inhibit_login: true }, MOCK_APPSERVICE_TOKEN);
    // `{"user_id"}` alone (homeservers.md §2.4).
    expect(inhibited.body).toEqual({ user_id: '@bridge-ana:localhost:8008' });
  });

  it('honour the deprecated ?access_token= too', async () => {
    const mock = await startMock();
    const reply = await mock.call('POST', `/_matrix/client/v3/register?access_token=${MOCK_APPSERVICE_TOKEN}`, {
      json: { type: 'm.login.application_service', username: 'bridge-bo', inhibit_login: true },
    });
    expect(reply.body).toEqual({ user_id: '@bridge-bo:localhost:8008', home_server: 'localhost:8008' });
  });
});

import { describe, expect, it } from 'vitest';
import { startMock, type Mock } from './harness';

const tokenAuth = (session: string, token?: unknown) => ({
  type: 'm.login.registration_token',
  session,
  ...(token === undefined ? {} : { token }),
});
const validity = (mock: Mock, token: string) =>
  mock.call(
    'GET',
    `/_matrix/client/v1/register/m.login.registration_token/validity?token=${encodeURIComponent(token)}`,
  );

async function tokenThenDummy(mock: Mock, username: string, token: string) {
  const first = await mock.register({ username, password: 'pw' });
  const stage = await mock.register({ auth: tokenAuth(first.body.session, token) });
  if (stage.body.errcode) return stage;
  return mock.register({ auth: { type: 'm.login.dummy', session: first.body.session } });
}

describe('m.login.registration_token stage', () => {
  it('accepts a good token, then the dummy stage registers', async () => {
    const mock = await startMock({ scenario: 'token' });
    expect((await tokenThenDummy(mock, 'ana', 'letmein')).status).toBe(200);
  });

  it.each([
    ['an unknown token', 'nope', 'M_UNAUTHORIZED'],
    ['an expired token', 'expired', 'M_UNAUTHORIZED'],
    ['a used-up token', 'used-up', 'M_UNAUTHORIZED'],
    ['a token that is not a string', 42, 'M_INVALID_PARAM'],
  ])('refuses %s inside the 401 with %s', async (_, token, errcode) => {
    const mock = await startMock({ scenario: 'token' });
    const first = await mock.register({ username: 'ana', password: 'pw' });
    const reply = await mock.register({ auth: tokenAuth(first.body.session, token) });
    expect(reply.status).toBe(401);
    expect(reply.body).toMatchObject({ errcode, completed: [] });
  });

  it('wants the token field (401 M_MISSING_PARAM)', async () => {
    const mock = await startMock({ scenario: 'token' });
    const first = await mock.register({ username: 'ana', password: 'pw' });
    expect((await mock.register({ auth: tokenAuth(first.body.session) })).body.errcode).toBe('M_MISSING_PARAM');
  });

  it('refuses a different token in a session that already used one (M_INVALID_PARAM)', async () => {
    const mock = await startMock({ scenario: 'token' });
    const first = await mock.register({ username: 'ana', password: 'pw' });
    await mock.register({ auth: tokenAuth(first.body.session, 'letmein') });
    const other = await mock.register({ auth: tokenAuth(first.body.session, 'single-use') });
    expect(other.body.errcode).toBe('M_INVALID_PARAM');
  });

  it('counts a use as pending at the stage and completed at creation', async () => {
    const mock = await startMock({ scenario: 'token' });
    const first = await mock.register({ username: 'ana', password: 'pw' });
    await mock.register({ auth: tokenAuth(first.body.session, 'letmein') });
    expect(mock.homeserver.registrationToken('letmein')).toMatchObject({ pending: 1, completed: 0 });
    await mock.register({ auth: { type: 'm.login.dummy', session: first.body.session } });
    expect(mock.homeserver.registrationToken('letmein')).toMatchObject({ pending: 0, completed: 1 });
  });

  it('admits one of two sessions to a single-use token, and it stays used', async () => {
    const mock = await startMock({ scenario: 'token' });
    const one = await mock.register({ username: 'ana', password: 'pw' });
    const two = await mock.register({ username: 'bea', password: 'pw' });
    expect((await mock.register({ auth: tokenAuth(one.body.session, 'single-use') })).body.completed).toEqual([
      'm.login.registration_token',
    ]);
    expect((await mock.register({ auth: tokenAuth(two.body.session, 'single-use') })).body.errcode).toBe(
      'M_UNAUTHORIZED',
    );
    expect((await validity(mock, 'single-use')).body).toEqual({ valid: false });
  });

  it('gives a pending use back when its session expires unfinished', async () => {
    const mock = await startMock({ scenario: 'token' });
    const one = await mock.register({ username: 'ana', password: 'pw' });
    await mock.register({ auth: tokenAuth(one.body.session, 'single-use') });
    mock.env.advance(48 * 3600_000 + 1);
    expect((await mock.register({ auth: { session: one.body.session } })).body.errcode).toBe('M_UNKNOWN');
    expect(mock.homeserver.registrationToken('single-use')).toMatchObject({ pending: 0, completed: 0 });
    expect((await validity(mock, 'single-use')).body).toEqual({ valid: true });
  });
});

describe('§8 GET /v1/register/m.login.registration_token/validity', () => {
  it.each([
    ['letmein', true],
    ['single-use', true],
    ['expired', false],
    ['used-up', false],
    ['unknown', false],
  ])('%s -> valid: %s', async (token, valid) => {
    expect((await validity(await startMock(), token)).body).toEqual({ valid });
  });

  it('wants a token (400 M_MISSING_PARAM), is 403 with registration disabled, and throttles before both', async () => {
    const missing = await (
      await startMock()
    ).call('GET', '/_matrix/client/v1/register/m.login.registration_token/validity');
    expect([missing.status, missing.body.errcode]).toEqual([400, 'M_MISSING_PARAM']);
    const disabled = await validity(await startMock({ scenario: 'disabled' }), 'letmein');
    expect([disabled.status, disabled.body.errcode]).toEqual([403, 'M_FORBIDDEN']);
    const limited = await startMock({
      scenario: 'disabled',
      overrides: {
        rateLimits: {
          registration: null,
          registrationTokenValidity: { perSecond: 0.1, burst: 1 },
          threepidValidation: null,
          availability: null,
        },
      },
    });
    await validity(limited, 'x');
    expect((await validity(limited, 'x')).status).toBe(429);
  });
});

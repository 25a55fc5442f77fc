import { describe, expect, it } from 'vitest';
import { MOCK_CAPTCHA_RESPONSE } from '../model/config';
import { startMock } from './harness';

const dummy = (session?: string) => ({ type: 'm.login.dummy', ...(session ? { session } : {}) });

describe('§4.2 UIA rules', () => {
  it('1: a request without auth gets 401 with flows, params and a session, and no `completed`', async () => {
    const mock = await startMock();
    const reply = await mock.register({ username: 'ana', password: 'pw' });
    expect(reply.status).toBe(401);
    expect(reply.body).toEqual({
      session: expect.stringMatching(/^[A-Za-z]{24}$/) as unknown,
      flows: [{ stages: ['m.login.dummy'] }],
      params: {},
    });
    expect(mock.homeserver.findAccount('ana')).toBeUndefined();
  });

  it('2: auth without a session may complete in one request', async () => {
    const mock = await startMock();
    expect((await mock.register({ username: 'ana', password: 'pw', auth: dummy() })).status).toBe(200);
  });

  it('3: stage order is not enforced by default (as Synapse), and is when configured (spec)', async () => {
    for (const [stageOrderEnforced, expected] of [
      [false, undefined],
      [true, 'M_UNAUTHORIZED'],
    ] as const) {
      const mock = await startMock({ scenario: 'terms', overrides: { stageOrderEnforced } });
      const first = await mock.register({ username: 'ana', password: 'pw' });
      const outOfOrder = await mock.register({ auth: dummy(first.body.session) });
      expect(outOfOrder.status).toBe(401);
      expect(outOfOrder.body.errcode).toBe(expected);
      expect(outOfOrder.body.completed).toEqual(stageOrderEnforced ? [] : ['m.login.dummy']);
    }
  });

  it('4: a successful stage of an unfinished flow gets 401 with `completed`', async () => {
    const mock = await startMock({ scenario: 'terms' });
    const first = await mock.register({ username: 'ana', password: 'pw' });
    const terms = await mock.register({ auth: { type: 'm.login.terms', session: first.body.session } });
    expect(terms.status).toBe(401);
    expect(terms.body.completed).toEqual(['m.login.terms']);
    expect(terms.body.session).toBe(first.body.session);
    expect((await mock.register({ auth: dummy(first.body.session) })).status).toBe(200);
  });

  it('5: a failed stage gets 401 with the UIA body and errcode/error merged in', async () => {
    const mock = await startMock({ scenario: 'captcha' });
    const first = await mock.register({ username: 'ana', password: 'pw' });
    const wrong = await mock.register({
      auth: { type: 'm.login.recaptcha', response: 'guess', session: first.body.session },
    });
    expect(wrong.status).toBe(401);
    expect(wrong.body).toMatchObject({
      errcode: 'M_UNAUTHORIZED',
      completed: [],
      session: first.body.session,
      flows: first.body.flows,
    });
    const missing = await mock.register({ auth: { type: 'm.login.recaptcha', session: first.body.session } });
    expect(missing.body.errcode).toBe('M_CAPTCHA_NEEDED');
    const right = await mock.register({
      auth: { type: 'm.login.recaptcha', response: MOCK_CAPTCHA_RESPONSE, session: first.body.session },
    });
    expect(right.body.completed).toEqual(['m.login.recaptcha']);
  });

  it('8: re-submitting a completed stage is harmless', async () => {
    const mock = await startMock({ scenario: 'terms' });
    const first = await mock.register({ username: 'ana', password: 'pw' });
    const terms = { type: 'm.login.terms', session: first.body.session };
    await mock.register({ auth: terms });
    const again = await mock.register({ auth: terms });
    expect(again.body.completed).toEqual(['m.login.terms']);
  });

  it('9: `auth: {session}` alone re-checks completion (out-of-band stages)', async () => {
    const mock = await startMock({ scenario: 'captcha' });
    const first = await mock.register({ username: 'ana', password: 'pw' });
    const pending = await mock.register({ auth: { session: first.body.session } });
    expect(pending.status).toBe(401);
    expect(pending.body.completed).toEqual([]);
  });

  it('10: the fallback page completes a stage; the client then re-sends the session', async () => {
    const mock = await startMock({ scenario: 'captcha' });
    const first = await mock.register({ username: 'ana', password: 'pw' });
    const session = first.body.session;
    const page = await mock.call('GET', `/_matrix/client/v3/auth/m.login.recaptcha/fallback/web?session=${session}`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.text).toContain('I am not a robot');
    const submit = (fields: Record<string, string>) =>
      mock.call('POST', '/_matrix/client/v3/auth/m.login.recaptcha/fallback/web', {
        raw: new URLSearchParams(fields).toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
    // No response is a JSON 400 before any check (rest/client/auth.py at v1.94.0); a wrong one shows the form again.
    expect((await submit({ session })).status).toBe(400);
    expect((await submit({ session, 'g-recaptcha-response': 'wrong' })).text).toContain(
      'Captcha authentication failed',
    );
    const done = await submit({ session, 'g-recaptcha-response': MOCK_CAPTCHA_RESPONSE });
    expect(done.text).toContain('authDone');
    expect((await mock.register({ auth: { session } })).status).toBe(401); // dummy still to do
    expect((await mock.register({ auth: dummy(session) })).status).toBe(200);
  });

  it('the fallback page: no session 400, a stage it has no page for 404, an unknown session shown the form (recorded: ca.fallback_*)', async () => {
    const mock = await startMock();
    const get = (path: string) => mock.call('GET', `/_matrix/client/v3/auth/${path}`);
    const noSession = await get('m.login.recaptcha/fallback/web');
    expect([noSession.status, noSession.body.errcode]).toEqual([400, 'M_UNKNOWN']);
    const dummy = await get('m.login.dummy/fallback/web?session=x');
    expect([dummy.status, dummy.body.errcode]).toEqual([404, 'M_UNKNOWN']);
    expect((await get('m.login.email.identity/fallback/web?session=x')).status).toBe(404);
    const unknown = await get('m.login.terms/fallback/web?session=nope');
    expect(unknown.status).toBe(200);
    expect(unknown.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('§4.5 what Synapse makes of an auth value', () => {
  it('an empty auth object is no attempt: 401 without completed', async () => {
    const reply = await (await startMock()).register({ username: 'ana', password: 'pw', auth: {} });
    expect(reply.status).toBe(401);
    expect(reply.body).not.toHaveProperty('completed');
  });

  it('a string without "session" or "type" opens a session and attempts nothing: 401 with completed []', async () => {
    // `"session" in "m.login.dummy"` is a substring test in Python.
    const reply = await (await startMock()).register({ username: 'ana', password: 'pw', auth: 'm.login.dummy' });
    expect([reply.status, reply.body.completed]).toEqual([401, []]);
    expect(typeof reply.body.session).toBe('string');
  });

  it('an empty session ID opens a new session, as a missing one does', async () => {
    const mock = await startMock();
    const reply = await mock.register({
      username: 'ana',
      password: 'pw',
      auth: { type: 'm.login.dummy', session: '' },
    });
    expect(reply.body.user_id).toBe('@ana:localhost:8008');
  });

  it('keeps the first password a session was given; a later one counts only on the request that completes it', async () => {
    const mock = await startMock({ scenario: 'terms' });
    const first = await mock.register({ username: 'ana', password: 'first' });
    await mock.register({ password: 'second', auth: { type: 'm.login.terms', session: first.body.session } });
    await mock.register({ auth: dummy(first.body.session) });
    const login = (password: string) =>
      mock.call('POST', '/_matrix/client/v3/login', { json: { type: 'm.login.password', user: 'ana', password } });
    expect((await login('first')).status).toBe(200);
    expect((await login('second')).status).toBe(403);
  });
});

describe('§4.5 sessions', () => {
  it('an unknown session is 400 M_UNKNOWN', async () => {
    const reply = await (await startMock()).register({ auth: dummy('nosuchsession') });
    expect([reply.status, reply.body.errcode]).toEqual([400, 'M_UNKNOWN']);
  });

  it('is bound to the first request URI and method: another prefix or query is 403', async () => {
    const mock = await startMock();
    const first = await mock.register({ username: 'ana', password: 'pw' });
    const other = await mock.call('POST', '/_matrix/client/r0/register', { json: { auth: dummy(first.body.session) } });
    expect([other.status, other.body.errcode]).toEqual([403, 'M_UNKNOWN']);
    const kind = await mock.register({ auth: dummy(first.body.session) }, '?kind=user');
    expect(kind.status).toBe(403);
    expect((await mock.register({ auth: dummy(first.body.session) })).status).toBe(200);
  });

  it("remembers the first request's parameters when later rounds send only auth", async () => {
    const mock = await startMock();
    const first = await mock.register({ username: 'ana', password: 'remembered', device_id: 'DEV' });
    const done = await mock.register({ auth: dummy(first.body.session) });
    expect(done.body).toMatchObject({ user_id: '@ana:localhost:8008', device_id: 'DEV' });
    const login = await mock.call('POST', '/_matrix/client/v3/login', {
      json: { type: 'm.login.password', user: 'ana', password: 'remembered' },
    });
    expect(login.status).toBe(200);
  });

  it('replaces the remembered parameters when a later round sends new ones', async () => {
    const mock = await startMock();
    const first = await mock.register({ username: 'ana', password: 'pw' });
    const done = await mock.register({ username: 'bea', auth: dummy(first.body.session) });
    expect(done.body.user_id).toBe('@bea:localhost:8008');
  });

  it('drops a display name sent without a password, so it cannot wipe the remembered parameters', async () => {
    const mock = await startMock();
    const first = await mock.register({ username: 'ana', password: 'pw', initial_device_display_name: 'Kept' });
    const done = await mock.register({ auth: dummy(first.body.session), initial_device_display_name: 'Dropped' });
    expect(done.body.user_id).toBe('@ana:localhost:8008');
    expect(mock.state.devices[0]?.displayName).toBe('Kept');
  });

  it('expires after 48 hours', async () => {
    const mock = await startMock();
    const first = await mock.register({ username: 'ana', password: 'pw' });
    mock.env.advance(48 * 3600_000 + 1);
    expect((await mock.register({ auth: dummy(first.body.session) })).body.errcode).toBe('M_UNKNOWN');
  });

  it('records an enabled stage that is in no flow (SyTest relies on it)', async () => {
    const mock = await startMock({ scenario: 'token' });
    const first = await mock.register({ username: 'ana', password: 'pw' });
    const terms = await mock.register({ auth: { type: 'm.login.terms', session: first.body.session } });
    expect(terms.body.completed).toEqual(['m.login.terms']);
  });

  it('answers an auth type the server does not support with 400 M_INVALID_PARAM', async () => {
    const mock = await startMock();
    const reply = await mock.register({
      username: 'ana',
      password: 'pw',
      auth: { type: 'm.login.recaptcha', response: 'x' },
    });
    expect([reply.status, reply.body.errcode]).toEqual([400, 'M_INVALID_PARAM']);
  });
});

describe('§4.6 replay after success', () => {
  it('a post-UIA failure keeps the auth complete: the corrected retry with the same session succeeds', async () => {
    const mock = await startMock();
    const first = await mock.register({ username: 'ana' });
    const missing = await mock.register({ auth: dummy(first.body.session) });
    expect(missing.body.errcode).toBe('M_MISSING_PARAM');
    const retry = await mock.register({
      username: 'ana',
      password: 'now given',
      auth: { session: first.body.session },
    });
    expect(retry.body.user_id).toBe('@ana:localhost:8008');
  });

  it('Synapse: the same session answers 200 again for the same user, with a new token and no second account', async () => {
    const mock = await startMock();
    const first = await mock.register({ username: 'ana', password: 'pw' });
    const done = await mock.register({ auth: dummy(first.body.session) });
    const replay = await mock.register({ auth: dummy(first.body.session) });
    expect(replay.status).toBe(200);
    expect(replay.body.user_id).toBe(done.body.user_id);
    expect(replay.body.access_token).not.toBe(done.body.access_token);
    expect(Object.keys(mock.state.accounts)).toEqual(['alice', 'bob', 'admin', 'ana']);
  });

  it('Synapse: the same session with another username is 400 M_UNKNOWN', async () => {
    const mock = await startMock();
    const first = await mock.register({ username: 'ana', password: 'pw' });
    await mock.register({ auth: dummy(first.body.session) });
    const other = await mock.register({ username: 'bea', auth: dummy(first.body.session) });
    expect([other.status, other.body.errcode]).toEqual([400, 'M_UNKNOWN']);
  });

  it('Dendrite (replayPolicy cachedResponse): the identical first answer', async () => {
    const mock = await startMock({ overrides: { replayPolicy: 'cachedResponse' } });
    const first = await mock.register({ username: 'ana', password: 'pw' });
    const done = await mock.register({ auth: dummy(first.body.session) });
    expect((await mock.register({ auth: dummy(first.body.session) })).body).toEqual(done.body);
  });
});

describe('§4.4 flows per scenario (Synapse _calculate_registration_flows)', () => {
  it.each([
    ['open', [['m.login.dummy']]],
    ['token', [['m.login.registration_token', 'm.login.dummy']]],
    ['terms', [['m.login.terms', 'm.login.dummy']]],
    ['captcha', [['m.login.recaptcha', 'm.login.dummy']]],
    ['email', [['m.login.email.identity']]],
    [
      'everything',
      [
        ['m.login.recaptcha', 'm.login.terms', 'm.login.dummy'],
        ['m.login.recaptcha', 'm.login.terms', 'm.login.email.identity'],
      ],
    ],
  ] as const)('%s offers %j', async (scenario, flows) => {
    const reply = await (await startMock({ scenario })).register({});
    expect(reply.body.flows).toEqual(flows.map((stages) => ({ stages })));
  });

  it('sends the captcha public key and the terms policies (every language) in params', async () => {
    const reply = await (await startMock({ scenario: 'everything' })).register({});
    expect(reply.body.params['m.login.recaptcha']).toEqual({ public_key: 'mock-captcha-public-key' });
    const policies = reply.body.params['m.login.terms']?.policies ?? {};
    expect(policies.privacy_policy).toMatchObject({
      version: '1.0',
      en: { name: 'Privacy Policy' },
      fr: { name: 'Politique de confidentialité' },
    });
    expect(Object.keys(policies)).toEqual(['privacy_policy', 'terms_of_service']);
  });
});

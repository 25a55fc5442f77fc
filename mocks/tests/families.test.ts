import { describe, expect, it } from 'vitest';
import type { ConfigOverrides } from '../model/config';
import { MockController } from '../model/controller';
import { FAMILIES, FAMILY_NAMES, type FamilyName } from '../model/families';
import { startMock } from './harness';

/**
 * Each family as `../shared/spec/homeservers.md` describes it (the section is named in each test);
 * `model/families.ts` cites the server's code for every fact.
 */
const TOKEN = 'm.login.registration_token';
const DUMMY = 'm.login.dummy';
const CAPTCHA = 'm.login.recaptcha';
const EMAIL = 'm.login.email.identity';
const TERMS = 'm.login.terms';
const RUST: FamilyName[] = [
  'conduit-0.9',
  'conduit-0.10',
  'continuwuity-0.5.6',
  'continuwuity-0.5.7',
  'continuwuity-26.6',
  'tuwunel-1.3',
  'tuwunel-1.4',
];

const play = (homeserver: FamilyName, overrides: ConfigOverrides = {}) => startMock({ homeserver, overrides });
type Mock = Awaited<ReturnType<typeof play>>;

/** The email of `sid` confirmed, as opening the mailed link does. */
async function confirmEmail(mock: Mock, email: string) {
  const secret = 'secret1';
  const sent = await mock.call('POST', '/_matrix/client/v3/register/email/requestToken', {
    json: { client_secret: secret, email, send_attempt: 1 },
  });
  const link = mock.state.inbox.at(-1)?.link ?? '';
  return {
    sid: sent.body.sid,
    client_secret: secret,
    link,
    open: () => mock.call('GET', new URL(link).pathname + new URL(link).search),
  };
}

describe('§2.1 the first answer to POST /register {}', () => {
  it.each([
    ['synapse', 401, { flows: [{ stages: [DUMMY] }], params: {} }],
    ['conduit-0.9', 401, { flows: [{ stages: [DUMMY] }], params: null }],
    ['conduit-0.10', 401, { flows: [{ stages: [DUMMY] }] }],
    ['dendrite', 401, { flows: [{ stages: [DUMMY] }], completed: [], params: {} }],
    ['continuwuity-0.5.6', 401, { flows: [{ stages: [DUMMY] }], params: null }],
    ['continuwuity-0.5.7', 401, { flows: [{ stages: [DUMMY] }], params: {} }],
    ['continuwuity-26.6', 401, { flows: [{ stages: [DUMMY] }], params: {} }],
    ['tuwunel-1.3', 401, { flows: [{ stages: [DUMMY] }], params: null }],
    ['tuwunel-1.4', 401, { flows: [{ stages: [DUMMY] }] }],
  ] as const)('%s: %i with exactly these keys beside the session', async (family, status, shape) => {
    const reply = await (await play(family)).register({});
    expect(reply.status).toBe(status);
    const { session, ...rest } = reply.body;
    expect(typeof session).toBe('string');
    expect(rest).toEqual(shape);
  });

  it('Synapse with MAS: 403 M_FORBIDDEN for anything but an application service, before the username', async () => {
    const mock = await play('synapse-mas');
    for (const body of [{}, { username: 'ana', password: 'pw' }, { username: 42 }]) {
      expect(await mock.register(body)).toMatchObject({
        status: 403,
        body: {
          errcode: 'M_FORBIDDEN',
          error: 'Registration has been disabled. Only m.login.application_service registrations are allowed.',
        },
      });
    }
    // Before `kind` too: a guest hears the same.
    expect((await mock.register({}, '?kind=guest')).body.errcode).toBe('M_FORBIDDEN');
  });

  it('Synapse 1.86–1.125 with MSC3861: 400 "Invalid username" without a name, 403 M_UNKNOWN with one', async () => {
    const mock = await play('synapse-msc3861');
    expect(await mock.register({})).toMatchObject({
      status: 400,
      body: { errcode: 'M_UNKNOWN', error: 'Invalid username' },
    });
    expect(await mock.register({ username: 'ana', password: 'pw' })).toMatchObject({
      status: 403,
      body: { errcode: 'M_UNKNOWN', error: 'Non-application service registration type' },
    });
    expect((await mock.register({}, '?kind=guest')).body.error).toBe('Guest access is disabled');
  });

  it('continuwuity: 403 when no flow is configured is its own text', async () => {
    const reply = await (await play('continuwuity-26.6', { enableRegistration: false })).register({});
    expect(reply.body).toEqual({
      errcode: 'M_FORBIDDEN',
      error: 'This server is not accepting registrations at this time.',
    });
  });
});

describe('flows each family offers (§2.5–§2.8)', () => {
  const everything = { requireToken: true, requireCaptcha: true, requireTerms: true, email: 'required' } as const;

  it('continuwuity ≥0.5.7: the token flow and the captcha-and-email flow are alternatives, terms before each', async () => {
    const reply = await (await play('continuwuity-26.6', everything)).register({});
    expect(reply.body.flows).toEqual([{ stages: [TERMS, TOKEN] }, { stages: [TERMS, CAPTCHA, EMAIL] }]);
  });

  it('continuwuity ≤0.5.6: [token] or [recaptcha], with params only for the captcha', async () => {
    const reply = await (await play('continuwuity-0.5.6', { requireToken: true, requireCaptcha: true })).register({});
    expect(reply.body.flows).toEqual([{ stages: [TOKEN] }, { stages: [CAPTCHA] }]);
    expect(reply.body.params).toEqual({ [CAPTCHA]: { public_key: 'mock-captcha-public-key' } });
  });

  it('Tuwunel ≥1.4: one flow with every stage, params only with terms', async () => {
    const reply = await (
      await play('tuwunel-1.4', { requireToken: true, requireTerms: true, email: 'required' })
    ).register({});
    expect(reply.body.flows).toEqual([{ stages: [TOKEN, EMAIL, TERMS] }]);
    expect(Object.keys(reply.body.params)).toEqual([TERMS]);
  });

  it('Dendrite: [recaptcha] with its key in params; Conduit: [token]', async () => {
    const dendrite = await (await play('dendrite', { requireCaptcha: true })).register({});
    expect(dendrite.body.flows).toEqual([{ stages: [CAPTCHA] }]);
    expect(dendrite.body.params).toEqual({ [CAPTCHA]: { public_key: 'mock-captcha-public-key' } });
    expect((await (await play('conduit-0.10', { requireToken: true })).register({})).body.flows).toEqual([
      { stages: [TOKEN] },
    ]);
  });

  it('continuwuity 26.6 puts "version" beside its policies; 0.5.7 inside each', async () => {
    const terms = (await (await play('continuwuity-26.6', { requireTerms: true, requireToken: true })).register({}))
      .body.params[TERMS];
    expect(terms?.policies.version).toBe('latest');
    expect(terms?.policies.privacy_policy).toEqual({
      en: { name: 'Privacy Policy', url: 'http://localhost:8008/_matrix/consent?v=1.0' },
    });
    const old = (await (await play('continuwuity-0.5.7', { requireTerms: true, requireToken: true })).register({})).body
      .params[TERMS];
    expect(old?.policies).not.toHaveProperty('version');
    expect(old?.policies.privacy_policy).toMatchObject({ version: 'latest' });
  });

  it('refuses what a family has no stage for, naming it', async () => {
    await expect(play('conduit-0.10', { email: 'required' })).rejects.toThrow(/Conduit 0\.10.*no email stage/);
    await expect(play('dendrite', { requireToken: true })).rejects.toThrow(/no token stage/);
    await expect(play('tuwunel-1.4', { requireCaptcha: true })).rejects.toThrow(/no captcha stage/);
    await expect(play('continuwuity-26.6', { email: 'optional' })).rejects.toThrow(/no optional email stage/);
    await expect(play('synapse', { oauth: { issuer: '/oauth2/', accountUrl: '/a' } })).rejects.toThrow(
      /no OAuth 2\.0 server/,
    );
    await expect(startMock({ scenario: 'everything', homeserver: 'conduit-0.10' })).rejects.toThrow(/cannot play it/);
    expect(MockController.canPlay('token', 'conduit-0.9')).toBe(true);
    expect(MockController.canPlay('email', 'conduit-0.9')).toBe(false);
  });
});

describe('§2.2 errors by situation', () => {
  it('a wrong token: Synapse M_UNAUTHORIZED, the Rust servers M_FORBIDDEN, both inside the 401 with the flows', async () => {
    const expected: [FamilyName, string, string][] = [
      ['synapse', 'M_UNAUTHORIZED', 'Invalid registration token'],
      ['conduit-0.10', 'M_FORBIDDEN', 'Invalid registration token.'],
      ['continuwuity-0.5.6', 'M_FORBIDDEN', 'Invalid registration token.'],
      ['continuwuity-26.6', 'M_FORBIDDEN', 'Invalid registration token'],
      ['tuwunel-1.4', 'M_FORBIDDEN', 'Invalid registration token.'],
    ];
    for (const [family, errcode, error] of expected) {
      const mock = await play(family, { requireToken: true });
      const first = await mock.register({ username: 'ana', password: 'a password' });
      const reply = await mock.register({
        username: 'ana',
        password: 'a password',
        auth: { type: TOKEN, token: 'nope', session: first.body.session },
      });
      expect([family, reply.status, reply.body.errcode, reply.body.error]).toEqual([family, 401, errcode, error]);
      expect(reply.body.flows).toEqual([{ stages: family === 'synapse' ? [TOKEN, DUMMY] : [TOKEN] }]);
    }
  });

  it('Conduit compares its one token trimmed and never spends it', async () => {
    const mock = await play('conduit-0.10', { requireToken: true });
    for (const name of ['ana', 'bea']) {
      const reply = await mock.register({ username: name, password: 'pw', auth: { type: TOKEN, token: ' letmein ' } });
      expect(reply.body.user_id).toBe(`@${name}:localhost:8008`);
    }
    expect(mock.homeserver.registrationToken('letmein')?.completed).toBe(0);
    expect(
      (await mock.register({ username: 'cy', password: 'pw', auth: { type: TOKEN, token: 'single-use' } })).status,
    ).toBe(401);
  });

  it('continuwuity ≥0.5.7 spends a single-use token at its stage, then finds the name taken only after UIA', async () => {
    const mock = await play('continuwuity-26.6', { requireToken: true });
    const reply = await mock.register({
      username: 'alice',
      password: 'pw',
      auth: { type: TOKEN, token: 'single-use' },
    });
    expect([reply.status, reply.body.errcode, reply.body.error]).toEqual([
      400,
      'M_USER_IN_USE',
      'Username is not available.',
    ]);
    expect(mock.homeserver.tokenIsValid('single-use')).toBe(false);
  });

  it('continuwuity ≤0.5.6 and Tuwunel judge the name before UIA, so the token is not spent', async () => {
    for (const family of ['continuwuity-0.5.6', 'tuwunel-1.4'] as const) {
      const mock = await play(family, { requireToken: true });
      const reply = await mock.register({
        username: 'alice',
        password: 'pw',
        auth: { type: TOKEN, token: 'single-use' },
      });
      expect([family, reply.status, reply.body.errcode]).toEqual([family, 400, 'M_USER_IN_USE']);
      expect(mock.homeserver.tokenIsValid('single-use')).toBe(true);
    }
  });

  it('Tuwunel ≥1.4 spends the token at its stage even if the email step is then abandoned', async () => {
    const mock = await play('tuwunel-1.4', { requireToken: true, email: 'required' });
    const first = await mock.register({ username: 'ana', password: 'pw' });
    const reply = await mock.register({
      username: 'ana',
      password: 'pw',
      auth: { type: TOKEN, token: 'single-use', session: first.body.session },
    });
    expect([reply.status, reply.body.completed]).toEqual([401, [TOKEN]]);
    expect(mock.homeserver.tokenIsValid('single-use')).toBe(false);
  });

  it('Synapse holds a single-use token "pending" from its stage until the account is made', async () => {
    const mock = await play('synapse', { requireToken: true });
    const first = await mock.register({ username: 'ana', password: 'pw' });
    await mock.register({ auth: { type: TOKEN, token: 'single-use', session: first.body.session } });
    expect(mock.homeserver.registrationToken('single-use')).toMatchObject({ pending: 1, completed: 0 });
  });

  it('continuwuity ≥0.5.7 does not lower-case: "Alice" is invalid, and only after UIA', async () => {
    const mock = await play('continuwuity-0.5.7');
    const first = await mock.register({ username: 'Alice', password: 'pw' });
    expect(first.status).toBe(401);
    const reply = await mock.register({
      username: 'Alice',
      password: 'pw',
      auth: { type: DUMMY, session: first.body.session },
    });
    expect([reply.status, reply.body.errcode]).toEqual([400, 'M_INVALID_USERNAME']);
    // The session is gone with the UIA that completed.
    const again = await mock.register({
      username: 'alice2',
      password: 'pw',
      auth: { type: DUMMY, session: first.body.session },
    });
    expect([again.status, again.body.errcode, again.body.error]).toEqual([400, 'M_INVALID_PARAM', 'Invalid session']);
  });

  it('forbidden names: 403 M_FORBIDDEN "Username is forbidden" (continuwuity, Tuwunel)', async () => {
    for (const family of ['continuwuity-0.5.6', 'tuwunel-1.3', 'tuwunel-1.4'] as const) {
      const mock = await play(family, { forbiddenUsernames: ['^admin'] });
      const reply = await mock.register({ username: 'administrator', password: 'pw' });
      expect([family, reply.status, reply.body.errcode, reply.body.error]).toEqual([
        family,
        403,
        'M_FORBIDDEN',
        'Username is forbidden',
      ]);
    }
    const late = await play('continuwuity-26.6', { forbiddenUsernames: ['^admin'] });
    const first = await late.register({ username: 'administrator', password: 'pw' });
    expect(first.status).toBe(401);
    const reply = await late.register({
      username: 'administrator',
      password: 'pw',
      auth: { type: DUMMY, session: first.body.session },
    });
    expect([reply.status, reply.body.errcode]).toEqual([403, 'M_FORBIDDEN']);
  });

  it('Dendrite: a short password is M_WEAK_PASSWORD on every request, a long one M_BAD_JSON', async () => {
    const mock = await play('dendrite');
    expect((await mock.register({ username: 'ana', password: 'short' })).body).toEqual({
      errcode: 'M_WEAK_PASSWORD',
      error: 'password too weak: min 8 characters',
    });
    expect((await mock.register({ username: 'ana', password: 'x'.repeat(513) })).body.errcode).toBe('M_BAD_JSON');
    expect((await mock.register({ username: 'ana', password: 'long enough' })).status).toBe(401);
  });

  it('Dendrite: all-digit names are refused by /register, though /register/available passes them', async () => {
    const mock = await play('dendrite');
    expect((await mock.call('GET', '/_matrix/client/v3/register/available?username=1234')).body.available).toBe(true);
    expect((await mock.register({ username: '1234', password: 'long enough' })).body).toEqual({
      errcode: 'M_INVALID_USERNAME',
      error: 'Numeric user IDs are reserved',
    });
  });

  it('Dendrite: a taken name only when the account would be made, after the stage', async () => {
    const mock = await play('dendrite');
    const first = await mock.register({ username: 'alice', password: 'long enough' });
    expect(first.status).toBe(401);
    const reply = await mock.register({ auth: { type: DUMMY, session: first.body.session } });
    expect([reply.status, reply.body.errcode, reply.body.error]).toEqual([
      400,
      'M_USER_IN_USE',
      'Desired user ID is already taken.',
    ]);
  });

  it('email not yet confirmed: Synapse M_UNAUTHORIZED, continuwuity M_THREEPID_AUTH_FAILED, Tuwunel M_FORBIDDEN', async () => {
    const expected: [FamilyName, string][] = [
      ['synapse', 'M_UNAUTHORIZED'],
      ['continuwuity-26.6', 'M_THREEPID_AUTH_FAILED'],
      ['tuwunel-1.4', 'M_FORBIDDEN'],
    ];
    for (const [family, errcode] of expected) {
      const mock = await play(family, { email: 'required' });
      const first = await mock.register({ username: 'ana', password: 'pw' });
      const creds = await confirmEmail(mock, 'ana@example.org');
      const auth = {
        type: EMAIL,
        threepid_creds: { sid: creds.sid, client_secret: creds.client_secret },
        session: first.body.session,
      };
      const pending = await mock.register({ username: 'ana', password: 'pw', auth });
      expect([family, pending.status, pending.body.errcode, pending.body.flows.length > 0]).toEqual([
        family,
        401,
        errcode,
        true,
      ]);
      await creds.open();
      const done = await mock.register({ username: 'ana', password: 'pw', auth });
      expect([family, done.status, done.body.user_id]).toEqual([family, 200, '@ana:localhost:8008']);
    }
  });

  it('the Rust servers mail a link only: requestToken answers {sid} without submit_url', async () => {
    for (const family of ['continuwuity-0.5.7', 'tuwunel-1.4'] as const) {
      const mock = await play(family, { email: 'required' });
      const reply = await mock.call('POST', '/_matrix/client/v3/register/email/requestToken', {
        json: { client_secret: 's', email: 'ana@example.org', send_attempt: 1 },
      });
      expect([family, Object.keys(reply.body)]).toEqual([family, ['sid']]);
      const taken = await mock.call('POST', '/_matrix/client/v3/register/email/requestToken', {
        json: { client_secret: 's', email: 'not an address', send_attempt: 1 },
      });
      expect([family, taken.status, taken.body.errcode]).toEqual([family, 400, 'M_INVALID_PARAM']);
    }
  });

  it('a refused captcha: Synapse M_UNAUTHORIZED, continuwuity M_CAPTCHA_INVALID or M_FORBIDDEN, Dendrite a 401 without flows', async () => {
    const expected: [FamilyName, string][] = [
      ['synapse', 'M_UNAUTHORIZED'],
      ['continuwuity-26.6', 'M_CAPTCHA_INVALID'],
      ['continuwuity-0.5.6', 'M_FORBIDDEN'],
    ];
    for (const [family, errcode] of expected) {
      const mock = await play(family, { requireCaptcha: true });
      const first = await mock.register({ username: 'ana', password: 'a password' });
      const reply = await mock.register({
        username: 'ana',
        password: 'a password',
        auth: { type: CAPTCHA, response: 'wrong', session: first.body.session },
      });
      expect([family, reply.status, reply.body.errcode, Array.isArray(reply.body.flows)]).toEqual([
        family,
        401,
        errcode,
        true,
      ]);
    }
    const dendrite = await play('dendrite', { requireCaptcha: true });
    const first = await dendrite.register({ username: 'ana', password: 'a password' });
    const refused = await dendrite.register({
      auth: { type: CAPTCHA, response: 'wrong', session: first.body.session },
    });
    expect([refused.status, refused.body]).toEqual([401, { errcode: 'M_BAD_JSON', error: 'invalid captcha response' }]);
    const missing = await dendrite.register({ auth: { type: CAPTCHA, session: first.body.session } });
    expect([missing.status, missing.body.errcode]).toEqual([400, 'M_BAD_JSON']);
    const solved = await dendrite.register({
      auth: { type: CAPTCHA, response: 'mock-captcha-solved', session: first.body.session },
    });
    expect(solved.body).toEqual({
      user_id: '@ana:localhost:8008',
      access_token: solved.body.access_token,
      device_id: solved.body.device_id,
    });
  });

  it('registration disabled, in each family’s words', async () => {
    const expected: [FamilyName, string][] = [
      ['synapse', 'Registration has been disabled'],
      ['conduit-0.10', 'Registration has been disabled.'],
      ['dendrite', 'Registration is disabled on "localhost:8008"'],
      ['continuwuity-0.5.6', 'This server is not accepting registrations at this time.'],
      ['tuwunel-1.4', 'Registration has been disabled.'],
    ];
    for (const [family, error] of expected) {
      const reply = await (
        await play(family, { enableRegistration: false })
      ).register({ username: 'ana', password: 'long enough' });
      expect([family, reply.status, reply.body.errcode, reply.body.error]).toEqual([family, 403, 'M_FORBIDDEN', error]);
    }
  });

  it('an unknown session: 400 M_UNKNOWN, 403 "UIAA session does not exist.", 400 "Invalid session", or a new session (Dendrite)', async () => {
    const expected: [FamilyName, number, string][] = [
      ['synapse', 400, 'M_UNKNOWN'],
      ['conduit-0.10', 403, 'M_FORBIDDEN'],
      ['tuwunel-1.4', 403, 'M_FORBIDDEN'],
      ['continuwuity-26.6', 400, 'M_INVALID_PARAM'],
    ];
    for (const [family, status, errcode] of expected) {
      const reply = await (
        await play(family)
      ).register({ username: 'ana', password: 'pw', auth: { type: DUMMY, session: 'nope' } });
      expect([family, reply.status, reply.body.errcode]).toEqual([family, status, errcode]);
    }
    const dendrite = await (
      await play('dendrite')
    ).register({ username: 'ana', password: 'long enough', auth: { type: DUMMY, session: 'nope' } });
    expect(dendrite.body.user_id).toBe('@ana:localhost:8008');
  });

  it('a stage in no flow: continuwuity 400 M_INVALID_PARAM, Dendrite 501 for a type it does not know', async () => {
    const continuwuity = await play('continuwuity-26.6');
    const first = await continuwuity.register({ username: 'ana', password: 'pw' });
    const reply = await continuwuity.register({
      username: 'ana',
      password: 'pw',
      auth: { type: TERMS, session: first.body.session },
    });
    expect([reply.status, reply.body.error]).toEqual([400, 'No flows include the supplied stage']);
    const dendrite = await (
      await play('dendrite')
    ).register({ username: 'ana', password: 'long enough', auth: { type: TERMS } });
    expect([dendrite.status, dendrite.body.errcode]).toEqual([501, 'M_UNKNOWN']);
  });

  it('a password missing after UIA: continuwuity M_INVALID_PARAM, Dendrite M_MISSING_PARAM', async () => {
    const continuwuity = await (await play('continuwuity-26.6')).register({ username: 'ana', auth: { type: DUMMY } });
    expect([continuwuity.status, continuwuity.body.error]).toEqual([400, 'A password must be provided.']);
    const dendrite = await (await play('dendrite')).register({ username: 'ana', auth: { type: DUMMY } });
    expect([dendrite.status, dendrite.body.error]).toEqual([400, 'Missing password']);
  });

  it('Dendrite limits each client to 5 requests per 500 ms across /register and /register/available', async () => {
    const mock = await play('dendrite');
    for (let i = 0; i < 3; i++) expect((await mock.register({})).status).toBe(401);
    for (let i = 0; i < 2; i++)
      expect((await mock.call('GET', '/_matrix/client/v3/register/available?username=x')).status).toBe(200);
    const limited = await mock.register({});
    expect([limited.status, limited.body.errcode, limited.body.retry_after_ms]).toEqual([429, 'M_LIMIT_EXCEEDED', 500]);
    mock.env.advance(500);
    expect((await mock.register({})).status).toBe(401);
  });
});

describe('sessions', () => {
  it('auth {session} alone completes nothing and answers the session’s state (ruma)', async () => {
    const mock = await play('continuwuity-26.6', { requireToken: true, requireTerms: true });
    const first = await mock.register({ username: 'ana', password: 'pw' });
    const terms = await mock.register({
      username: 'ana',
      password: 'pw',
      auth: { type: TERMS, session: first.body.session },
    });
    const state = await mock.register({ username: 'ana', password: 'pw', auth: { session: first.body.session } });
    expect([terms.body.completed, state.status, state.body.completed]).toEqual([[TERMS], 401, [TERMS]]);
  });

  it('continuwuity keeps a failed stage’s error in the session until a stage passes', async () => {
    const mock = await play('continuwuity-26.6', { requireToken: true });
    const first = await mock.register({ username: 'ana', password: 'pw' });
    const session = first.body.session;
    await mock.register({ username: 'ana', password: 'pw', auth: { type: TOKEN, token: 'nope', session } });
    expect((await mock.register({ username: 'ana', password: 'pw', auth: { session } })).body.errcode).toBe(
      'M_FORBIDDEN',
    );
  });

  it('Conduit fills what a later request leaves out from the first; continuwuity ≥0.5.7 does not', async () => {
    const conduit = await play('conduit-0.10');
    const first = await conduit.register({ username: 'ana', password: 'pw', inhibit_login: true });
    expect((await conduit.register({ auth: { type: DUMMY, session: first.body.session } })).body).toEqual({
      user_id: '@ana:localhost:8008',
    });
    const continuwuity = await play('continuwuity-26.6');
    const start = await continuwuity.register({ username: 'ana', password: 'pw' });
    expect((await continuwuity.register({ auth: { type: DUMMY, session: start.body.session } })).body.error).toBe(
      'A password must be provided.',
    );
  });

  it('Dendrite answers a completed session with the same 200 again (but not one with inhibit_login)', async () => {
    const mock = await play('dendrite');
    const first = await mock.register({ username: 'ana', password: 'long enough' });
    const done = await mock.register({ auth: { type: DUMMY, session: first.body.session } });
    const again = await mock.register({ auth: { type: DUMMY, session: first.body.session } });
    expect([done.body.user_id, again.body]).toEqual(['@ana:localhost:8008', done.body]);
    mock.env.advance(1000); // past the per-client limit of 5 requests per 500 ms
    const inhibited = await mock.register({ username: 'bea', password: 'long enough', inhibit_login: true });
    await mock.register({ auth: { type: DUMMY, session: inhibited.body.session } });
    const retried = await mock.register({ auth: { type: DUMMY, session: inhibited.body.session } });
    expect(retried.body.errcode).toBe('M_USER_IN_USE');
  });

  it('Dendrite forgets a session 5 minutes after its last request, not after its first', async () => {
    const mock = await play('dendrite');
    const first = await mock.register({ username: 'ana', password: 'long enough' });
    mock.env.advance(4 * 60_000);
    expect((await mock.register({ auth: { session: first.body.session } })).status).toBe(401);
    mock.env.advance(4 * 60_000);
    expect((await mock.register({ auth: { type: DUMMY, session: first.body.session } })).body.user_id).toBe(
      '@ana:localhost:8008',
    );
    const later = await mock.register({ username: 'bea', password: 'long enough' });
    mock.env.advance(5 * 60_000 + 1);
    const expired = await mock.register({ auth: { type: DUMMY, session: later.body.session } });
    expect([expired.status, expired.body.errcode]).toEqual([400, 'M_MISSING_PARAM']);
  });
});

describe('success bodies', () => {
  it('only Synapse sends home_server; inhibit_login gives {user_id} everywhere', async () => {
    for (const family of FAMILY_NAMES.filter((name) => FAMILIES[name].lineage !== 'delegated')) {
      const mock = await play(family);
      const first = await mock.register({ username: 'ana', password: 'long enough', inhibit_login: true });
      const done = await mock.register({
        username: 'ana',
        password: 'long enough',
        inhibit_login: true,
        auth: { type: DUMMY, session: first.body.session },
      });
      const expected =
        family === 'synapse'
          ? { user_id: '@ana:localhost:8008', home_server: 'localhost:8008' }
          : { user_id: '@ana:localhost:8008' };
      expect([family, done.body]).toEqual([family, expected]);
    }
  });
});

describe('endpoints each family serves', () => {
  const paths = {
    available: '/_matrix/client/v3/register/available?username=newname',
    validity: '/_matrix/client/v1/register/m.login.registration_token/validity?token=letmein',
    policy: '/_matrix/client/v3/password_policy',
    fallback: '/_matrix/client/v3/auth/m.login.recaptcha/fallback/web?session=x',
    metadata: '/_matrix/client/v1/auth_metadata',
    issuer: '/_matrix/client/unstable/org.matrix.msc2965/auth_issuer',
  };
  const served = async (mock: Mock, path: string) => (await mock.call('GET', path)).status !== 404;

  it.each([
    ['synapse', { available: true, validity: true, policy: true, fallback: true, metadata: false, issuer: false }],
    ['synapse-mas', { available: false, validity: false, policy: true, fallback: false, metadata: true, issuer: true }],
    [
      'synapse-msc3861',
      { available: false, validity: false, policy: true, fallback: false, metadata: false, issuer: true },
    ],
    [
      'conduit-0.10',
      { available: true, validity: false, policy: false, fallback: false, metadata: false, issuer: false },
    ],
    ['dendrite', { available: true, validity: false, policy: false, fallback: true, metadata: false, issuer: false }],
    [
      'continuwuity-26.6',
      // Its OAuth server is on by default, in hybrid mode.
      { available: true, validity: true, policy: false, fallback: false, metadata: true, issuer: false },
    ],
    [
      'tuwunel-1.4',
      { available: true, validity: true, policy: false, fallback: false, metadata: false, issuer: false },
    ],
  ] as const)('%s', async (family, expected) => {
    const mock = await play(family);
    const actual = Object.fromEntries(
      await Promise.all(
        Object.entries(paths).map(async ([name, path]): Promise<[string, boolean]> => [name, await served(mock, path)]),
      ),
    );
    expect(actual).toEqual(expected);
  });

  it('Synapse with MAS: no requestToken or submit_token either, and its OAuth server named three ways', async () => {
    const mock = await play('synapse-mas');
    const request = await mock.call('POST', '/_matrix/client/v3/register/email/requestToken', {
      json: { client_secret: 's', email: 'a@example.org', send_attempt: 1 },
    });
    expect([request.status, request.body.errcode]).toEqual([404, 'M_UNRECOGNIZED']);
    expect((await mock.call('GET', paths.issuer)).body).toEqual({ issuer: 'http://localhost:8008/oauth2/' });
    expect((await mock.call('GET', paths.metadata)).body.prompt_values_supported).toContain('create');
    expect((await mock.call('GET', '/.well-known/matrix/client')).body['org.matrix.msc2965.authentication']).toEqual({
      issuer: 'http://localhost:8008/oauth2/',
      account: 'http://localhost:8008/oauth2/account',
    });
  });

  it('Tuwunel: the validity check is 403 without tokens, {valid} with them', async () => {
    const none = await (await play('tuwunel-1.4')).call('GET', paths.validity);
    expect([none.status, none.body.error]).toEqual([403, 'Server does not allow token registration']);
    const some = await (await play('tuwunel-1.4', { requireToken: true })).call('GET', paths.validity);
    expect(some.body).toEqual({ valid: true });
  });

  it('/register/available: lower-casing, namespaces and forbidden names differ', async () => {
    const available = (mock: Mock, name: string) =>
      mock.call('GET', `/_matrix/client/v3/register/available?username=${name}`);
    // Synapse does not lower-case on /available; Conduit does, and has no namespace check.
    expect((await available(await play('synapse'), 'Ana')).body.errcode).toBe('M_INVALID_USERNAME');
    const conduit = await play('conduit-0.10');
    expect((await available(conduit, 'Ana')).body.available).toBe(true);
    expect((await available(conduit, 'bridge-x')).body.available).toBe(true);
    expect((await available(conduit, 'ALICE')).body.errcode).toBe('M_USER_IN_USE');
    // Dendrite calls a namespace "in use".
    expect((await available(await play('dendrite'), 'bridge-x')).body).toEqual({
      errcode: 'M_USER_IN_USE',
      error: 'Desired user ID is reserved by an application service.',
    });
    // continuwuity ≥0.5.7 does not lower-case; forbidden names show on /available from 26.6 only.
    const forbidden = { forbiddenUsernames: ['^admin'] };
    expect((await available(await play('continuwuity-0.5.7', forbidden), 'Ana')).body.errcode).toBe(
      'M_INVALID_USERNAME',
    );
    expect((await available(await play('continuwuity-0.5.7', forbidden), 'administrator')).body.available).toBe(true);
    expect((await available(await play('continuwuity-26.6', forbidden), 'administrator')).status).toBe(403);
    expect((await available(await play('tuwunel-1.4', forbidden), 'administrator')).body.errcode).toBe('M_FORBIDDEN');
  });
});

describe('CORS', () => {
  it.each(FAMILY_NAMES)('%s: its own headers, on 404s too', async (family) => {
    const mock = await play(family);
    for (const reply of [
      await mock.call('OPTIONS', '/_matrix/client/v3/register'),
      await mock.call('GET', '/_matrix/client/v3/nowhere'),
    ]) {
      for (const [name, value] of Object.entries(FAMILIES[family].cors)) expect(reply.headers.get(name)).toBe(value);
    }
  });
});

describe('the homeserver setting', () => {
  it('each family plays the open scenario, and the OAuth scenarios play Synapse with MAS unless told', async () => {
    for (const family of RUST) expect((await play(family)).homeserver.config.homeserver).toBe(family);
    expect((await startMock({ scenario: 'oidc' })).homeserver.config.homeserver).toBe('synapse-mas');
    expect((await startMock({ scenario: 'oidc-hybrid' })).homeserver.config.homeserver).toBe('continuwuity-26.6');
    expect((await startMock({ scenario: 'oidc', homeserver: 'tuwunel-1.4' })).homeserver.config.homeserver).toBe(
      'tuwunel-1.4',
    );
  });

  it('POST /_mock/scenario and /_mock/reset take a homeserver, and refuse one that cannot play the scenario', async () => {
    const mock = await startMock();
    const switched = await mock.call('POST', '/_mock/scenario', { json: { name: 'token', homeserver: 'conduit-0.9' } });
    expect([switched.status, switched.body.homeserver]).toEqual([200, 'conduit-0.9']);
    expect((await mock.register({})).body.params).toBeNull();
    const refused = await mock.call('POST', '/_mock/scenario', { json: { name: 'email', homeserver: 'conduit-0.9' } });
    expect([refused.status, refused.body.errcode]).toEqual([400, 'M_INVALID_PARAM']);
    expect(mock.controller.scenario).toBe('token');
    const reset = await mock.call('POST', '/_mock/reset', { json: { name: 'open', homeserver: 'dendrite' } });
    expect(reset.body.homeserver).toBe('dendrite');
    expect((await mock.call('POST', '/_mock/reset', { json: { homeserver: 'nope' } })).status).toBe(400);
  });
});

describe('edges each family answers its own way', () => {
  it('continuwuity 0.5.7–0.5.11: a refused captcha is M_FORBIDDEN (M_CAPTCHA_INVALID came with 26.6)', async () => {
    const mock = await play('continuwuity-0.5.7', { requireCaptcha: true });
    const first = await mock.register({ username: 'ana', password: 'pw' });
    const reply = await mock.register({
      username: 'ana',
      password: 'pw',
      auth: { type: CAPTCHA, response: 'wrong', session: first.body.session },
    });
    expect([reply.status, reply.body.errcode]).toEqual([401, 'M_FORBIDDEN']);
  });

  it('continuwuity 0.5.7–0.5.11 makes an account without a password; 26.6 refuses', async () => {
    const old = await (await play('continuwuity-0.5.7')).register({ username: 'ana', auth: { type: DUMMY } });
    expect(old.body.user_id).toBe('@ana:localhost:8008');
    const late = await (await play('continuwuity-26.6')).register({ username: 'ana', auth: { type: DUMMY } });
    expect(late.body.error).toBe('A password must be provided.');
  });

  it('continuwuity 0.5.6 refuses forbidden names on /register/available too', async () => {
    const mock = await play('continuwuity-0.5.6', { forbiddenUsernames: ['^admin'] });
    const reply = await mock.call('GET', '/_matrix/client/v3/register/available?username=administrator');
    expect([reply.status, reply.body.errcode]).toEqual([403, 'M_FORBIDDEN']);
  });

  it('continuwuity 26.6: its OAuth server beside /register by default, `create` listed even when closed', async () => {
    const hybrid = await play('continuwuity-26.6');
    expect((await hybrid.call('GET', '/_matrix/client/v1/auth_metadata')).body.prompt_values_supported).toEqual([
      'create',
    ]);
    expect((await hybrid.register({})).status).toBe(401);
    const closed = await play('continuwuity-26.6', { enableRegistration: false });
    expect((await closed.call('GET', '/_matrix/client/v1/auth_metadata')).body.prompt_values_supported).toEqual([
      'create',
    ]);
    const disabled = await play('continuwuity-26.6', { oauth: null });
    expect((await disabled.call('GET', '/_matrix/client/v1/auth_metadata')).status).toBe(404);
  });

  it('continuwuity 26.6 exclusive: registration closed says so first, else 404 for UIA', async () => {
    const exclusive = { oauth: { issuer: '/oauth2/', accountUrl: '/oauth2/account' } };
    const open = await (await play('continuwuity-26.6', exclusive)).register({});
    expect([open.status, open.body.errcode]).toEqual([404, 'M_UNRECOGNIZED']);
    const closed = await (await play('continuwuity-26.6', { ...exclusive, enableRegistration: false })).register({});
    expect([closed.status, closed.body.errcode]).toEqual([403, 'M_FORBIDDEN']);
  });

  it('Tuwunel with native OIDC keeps /register open', async () => {
    const mock = await startMock({ scenario: 'oidc', homeserver: 'tuwunel-1.4' });
    expect((await mock.register({})).status).toBe(401);
  });

  it('Tuwunel ≤1.3 refuses guests where a token is configured; Conduit lets them through the token stage', async () => {
    const tuwunel = await play('tuwunel-1.3', { requireToken: true, allowGuests: true });
    expect((await tuwunel.register({}, '?kind=guest')).body.errcode).toBe('M_GUEST_ACCESS_FORBIDDEN');
    const conduit = await play('conduit-0.10', { requireToken: true });
    expect((await conduit.register({}, '?kind=guest')).status).toBe(401);
  });

  it('a stage the server does not check is ignored: a 401 without an error (Conduit)', async () => {
    const mock = await play('conduit-0.10');
    const first = await mock.register({ username: 'ana', password: 'pw' });
    const reply = await mock.register({ auth: { type: CAPTCHA, response: 'x', session: first.body.session } });
    expect([reply.status, reply.body.errcode, reply.body.completed]).toEqual([401, undefined, undefined]);
  });

  it('continuwuity 0.5.6 refuses a captcha it has no keys for', async () => {
    const reply = await (
      await play('continuwuity-0.5.6')
    ).register({
      username: 'ana',
      password: 'pw',
      auth: { type: CAPTCHA, response: 'x' },
    });
    expect([reply.status, reply.body.error]).toEqual([403, 'ReCaptcha is not configured.']);
  });

  it('Dendrite: a captcha stage while captcha is off is 403; numbers as Go parses them', async () => {
    const mock = await play('dendrite');
    const captcha = await mock.register({
      username: 'ana',
      password: 'long enough',
      auth: { type: CAPTCHA, response: 'x' },
    });
    expect([captcha.status, captcha.body.errcode, captcha.body.error]).toEqual([
      403,
      'M_UNKNOWN',
      'captcha registration is disabled',
    ]);
    expect((await mock.register({ username: '+5', password: 'long enough' })).body.errcode).toBe('M_INVALID_USERNAME');
    expect((await mock.register({ username: '99999999999999999999', password: 'long enough' })).status).toBe(401);
  });

  it('Dendrite: requestToken hands off to an identity server it does not trust, naming it', async () => {
    const mock = await play('dendrite');
    const reply = await mock.call('POST', '/_matrix/client/v3/register/email/requestToken', {
      json: { client_secret: 's', email: 'ana@example.org', send_attempt: 1, id_server: 'id.example.org' },
    });
    expect([reply.status, reply.body]).toEqual([
      400,
      { errcode: 'M_SERVER_NOT_TRUSTED', error: "Untrusted server 'id.example.org'" },
    ]);
  });

  it('Dendrite keeps its limiter under the rate-limited scenario', async () => {
    expect(
      (await startMock({ scenario: 'rate-limited', homeserver: 'dendrite' })).homeserver.config.clientRequestLimit,
    ).toEqual({
      perSecond: 10,
      burst: 5,
    });
  });

  it('Tuwunel ≥1.4: requestToken in its own words', async () => {
    const off = await play('tuwunel-1.4');
    const request = (mock: Mock, email: string) =>
      mock.call('POST', '/_matrix/client/v3/register/email/requestToken', {
        json: { client_secret: 's', email, send_attempt: 1 },
      });
    expect((await request(off, 'a@example.org')).body.error).toBe('Email verification is not configured');
    expect((await request(await play('tuwunel-1.4', { email: 'required' }), 'nodomain')).body.error).toBe(
      'Email address must contain a domain',
    );
  });

  it('a preflight is 204 on Synapse, 200 on the Rust servers and Dendrite', async () => {
    for (const [family, status] of [
      ['synapse', 204],
      ['conduit-0.10', 200],
      ['dendrite', 200],
    ] as const) {
      expect([family, (await (await play(family)).call('OPTIONS', '/_matrix/client/v3/register')).status]).toEqual([
        family,
        status,
      ]);
    }
  });

  it('Synapse with MAS routes no email link or phone sign-up', async () => {
    const conduit = await play('conduit-0.10');
    const msisdn = await conduit.call('POST', '/_matrix/client/v3/register/msisdn/requestToken', { json: {} });
    expect(msisdn.status).toBe(404);
    const mas = await play('dendrite');
    expect((await mas.call('GET', '/_matrix/client/unstable/registration/email/submit_token?sid=x')).status).toBe(404);
  });

  it('Synapse: an empty captcha response is refused like a wrong one, "Captcha authentication failed"', async () => {
    const mock = await play('synapse', { requireCaptcha: true });
    const first = await mock.register({ username: 'ana', password: 'pw' });
    const reply = await mock.register({ auth: { type: CAPTCHA, response: '', session: first.body.session } });
    expect([reply.status, reply.body.errcode, reply.body.error]).toEqual([
      401,
      'M_UNAUTHORIZED',
      'Captcha authentication failed',
    ]);
  });
});

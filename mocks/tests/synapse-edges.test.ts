import { describe, expect, it } from 'vitest';
import { FAMILIES } from '../model/families';
import { startMock } from './harness';

/**
 * Sequences a client can send that no recording covers (issue 21, "the last edges"), held to what
 * Synapse 1.94.0's code answers. Every case names the line it comes from, as
 * `path:line` in `element-hq/synapse` at tag v1.94.0; decision 007, "Edges without recordings",
 * lists them with the cases where the mock keeps a 4xx for Synapse's 500.
 */

const SYNAPSE_CORS = FAMILIES.synapse.cors;

describe('1. trailing slashes and longer paths: Synapse matches its regexes from the start only', () => {
  it.each([
    // `client_patterns("/register/available")` has no `$` (synapse/rest/client/register.py:306).
    [
      '/_matrix/client/v3/register/available/?username=newname',
      '/_matrix/client/v3/register/available?username=newname',
    ],
    [
      '/_matrix/client/r0/register/available/x?username=newname',
      '/_matrix/client/r0/register/available?username=newname',
    ],
    // The validity check's pattern neither (register.py:366-369).
    [
      '/_matrix/client/v1/register/m.login.registration_token/validity/?token=letmein',
      '/_matrix/client/v1/register/m.login.registration_token/validity?token=letmein',
    ],
    // Nor the fallback pages' (synapse/rest/client/auth.py:42).
    [
      '/_matrix/client/v3/auth/m.login.terms/fallback/web/?session=nosuch',
      '/_matrix/client/v3/auth/m.login.terms/fallback/web?session=nosuch',
    ],
  ])('GET %s is the same endpoint as %s', async (longer, plain) => {
    const mock = await startMock();
    const [a, b] = [await mock.call('GET', longer), await mock.call('GET', plain)];
    expect([a.status, a.text]).toEqual([b.status, b.text]);
    expect(a.status).not.toBe(404);
  });

  it('GET /.well-known/matrix/client/ is the well-known: a Twisted leaf takes every path below it (synapse/rest/well_known.py:68-77)', async () => {
    const mock = await startMock();
    const reply = await mock.call('GET', '/.well-known/matrix/client/');
    expect([reply.status, reply.body]).toEqual([200, { 'm.homeserver': { base_url: 'http://localhost:8008' } }]);
    expect(reply.headers.get('access-control-allow-origin')).toBe('*');
  });

  it("another method on the well-known is Twisted's 405: HTML, `Allow: HEAD, GET`, no CORS (well_known.py:77; twisted.web Resource.render)", async () => {
    const mock = await startMock();
    const reply = await mock.call('POST', '/.well-known/matrix/client', { json: {} });
    expect([reply.status, reply.headers.get('allow'), reply.headers.get('content-type')]).toEqual([
      405,
      'HEAD, GET',
      'text/html; charset=utf-8',
    ]);
    expect(reply.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('/.well-known/matrix/server is a plain-text 404 (serve_server_wellknown is off by default, well_known.py:110-114)', async () => {
    const reply = await (await startMock()).call('GET', '/.well-known/matrix/server');
    expect([reply.status, reply.headers.get('content-type'), reply.text]).toEqual([
      404,
      'text/plain',
      '404. Is anything ever truly *well* known?\n',
    ]);
  });

  it("an unknown path under /.well-known is Twisted's HTML 404, not the client API's JSON (well_known.py:120-129)", async () => {
    const reply = await (await startMock()).call('GET', '/.well-known/matrix/nothing');
    expect([reply.status, reply.headers.get('content-type')]).toEqual([404, 'text/html; charset=utf-8']);
  });

  it.each([
    // Patterns that end in `$`: a trailing slash is another path (as the recorded `/register/`).
    ['POST', '/_matrix/client/v3/login/'], // synapse/rest/client/login.py:75
    ['GET', '/_matrix/client/versions/'], // synapse/rest/client/versions.py:36
    ['POST', '/_matrix/client/v3/register/email/requestToken/'], // register.py:73
    ['POST', '/_matrix/client/v3/register/msisdn/requestToken/'], // register.py:160
    ['GET', '/_matrix/client/v3/account/whoami/'], // synapse/rest/client/account.py:844
    ['GET', '/_matrix/client/v3/capabilities/'], // synapse/rest/client/capabilities.py:35
    ['GET', '/_matrix/client/v3/password_policy/'], // synapse/rest/client/password_policy.py:33
  ])('%s %s is 404 M_UNRECOGNIZED (already so)', async (method, path) => {
    const reply = await (await startMock()).call(method, path, method === 'POST' ? { json: {} } : {});
    expect([reply.status, reply.body.errcode]).toEqual([404, 'M_UNRECOGNIZED']);
  });
});

describe('2. bodies that are not a JSON object (synapse/http/servlet.py:733-781)', () => {
  it('a body that starts with a byte-order mark is 400 M_NOT_JSON: Python keeps U+FEFF, its JSON decoder refuses it (servlet.py:742)', async () => {
    const mock = await startMock();
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('{"username":"bom"}')]);
    for (const path of ['/_matrix/client/v3/register', '/_matrix/client/v3/login']) {
      const reply = await mock.call('POST', path, { raw: bom, headers: { 'content-type': 'application/json' } });
      expect([path, reply.status, reply.body.errcode, reply.body.error]).toEqual([
        path,
        400,
        'M_NOT_JSON',
        'Content not JSON.',
      ]);
    }
  });

  it.each([
    ['an empty body', 'M_NOT_JSON', new Uint8Array()],
    ['`null`', 'M_BAD_JSON', 'null'],
    ['a number', 'M_BAD_JSON', '12'],
    ['a string', 'M_BAD_JSON', '"ana"'],
    ['an array', 'M_BAD_JSON', '[{}]'],
    ['invalid UTF-8', 'M_NOT_JSON', new Uint8Array([0x7b, 0x22, 0xff, 0x22, 0x3a, 0x31, 0x7d])],
    ['`NaN`', 'M_NOT_JSON', '{"a": NaN}'],
    ['a form', 'M_NOT_JSON', 'username=ana'],
  ])('%s is 400 %s, whatever the content type (already so)', async (_what, errcode, raw) => {
    const mock = await startMock();
    const reply = await mock.call('POST', '/_matrix/client/v3/login', {
      raw,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect([reply.status, reply.body.errcode]).toEqual([400, errcode]);
    expect(reply.body.error).toBe(errcode === 'M_NOT_JSON' ? 'Content not JSON.' : 'Content must be a JSON object.');
  });
});

describe('7. OPTIONS outside the Matrix API', () => {
  it.each([
    '/',
    '/foo',
    '/.well-known/foo',
    // Already so: the mock took these for API paths.
    '/_matrix/static/',
    // Not the admin API: that is the mock's control surface, closed to other origins (control-surface.test.ts).
    '/_synapse/nowhere',
  ])(
    "OPTIONS %s is 204 with CORS: Synapse's root is an OptionsResource for every path below it (synapse/app/homeserver.py:133-139, synapse/http/server.py:631-649)",
    async (path) => {
      const reply = await (await startMock()).call('OPTIONS', path);
      expect([reply.status, reply.text]).toEqual([204, '']);
      for (const [name, value] of Object.entries(SYNAPSE_CORS)) expect(reply.headers.get(name)).toBe(value);
    },
  );

  it("the mock's own endpoints refuse a preflight (no control origins), and GET / is still the redirect", async () => {
    const mock = await startMock();
    expect((await mock.call('OPTIONS', '/_mock/scenario')).status).toBe(403);
    expect((await mock.call('GET', '/')).status).toBe(302);
  });

  it('the other families keep their own: Conduit answers OPTIONS outside its API as any other request', async () => {
    const mock = await startMock({ homeserver: 'conduit-0.10' });
    expect((await mock.call('OPTIONS', '/foo')).status).toBe(404);
    expect((await mock.call('GET', '/_matrix/client/v3/register/available/?username=x')).status).toBe(404);
  });
});

describe('3. /register under other prefixes', () => {
  it("with Synapse 1.94's prefixes (r0, v3, unstable): unstable is served and v2_alpha is 404 (client_patterns, synapse/rest/client/_base.py:28-62; register.py:397) (already so)", async () => {
    const mock = await startMock({ overrides: { prefixes: ['v3', 'r0', 'unstable'] } });
    expect((await mock.call('POST', '/_matrix/client/unstable/register', { json: {} })).status).toBe(401);
    const seed = await mock.call('POST', '/_matrix/client/api/v2_alpha/register', { json: {} });
    expect([seed.status, seed.body.errcode]).toEqual([404, 'M_UNRECOGNIZED']);
    // `register.py:397` has no `v1=True`: the 2014 prefix is not served for /register either.
    expect((await mock.call('POST', '/_matrix/client/api/v1/register', { json: {} })).status).toBe(404);
  });
});

describe('4. typed fields of /register', () => {
  it.each([
    ['yes', false],
    ['false', false],
    [1, false],
    [0, true],
    ['', true],
    [[], true],
    [{}, true],
  ])(
    "inhibit_login = %j is read by Python's truth after UIA, never refused: logged in %s (register.py:800)",
    async (value, loggedIn) => {
      const mock = await startMock();
      const first = await mock.register({ username: 'ana', password: 'pw', inhibit_login: value });
      expect(first.status).toBe(401);
      const done = await mock.register({ auth: { type: 'm.login.dummy', session: first.body.session } });
      expect(done.status).toBe(200);
      expect('access_token' in done.body).toBe(loggedIn);
      expect(done.body.user_id).toBe('@ana:localhost:8008');
    },
  );

  it('a device name over 100 characters is refused only once the account exists: 400 M_TOO_LARGE, and again on a retry (register.py:800-816, synapse/handlers/device.py:462-478, 504)', async () => {
    const mock = await startMock();
    const name = 'n'.repeat(101);
    const first = await mock.register({ username: 'ana', password: 'pw', initial_device_display_name: name });
    expect(first.status).toBe(401);
    const auth = { type: 'm.login.dummy', session: first.body.session };
    const done = await mock.register({ auth });
    expect([done.status, done.body.errcode, done.body.error]).toEqual([
      400,
      'M_TOO_LARGE',
      'Device display name is too long (max 100)',
    ]);
    expect(mock.homeserver.findAccount('ana')).toBeDefined();
    expect((await mock.register({ auth })).body.errcode).toBe('M_TOO_LARGE');
    // A hundred is allowed, and with inhibit_login no device is made at all.
    expect((await mock.registerWithDummy('bea', 'pw', { initial_device_display_name: 'n'.repeat(100) })).status).toBe(
      200,
    );
    const inhibited = await mock.registerWithDummy('cy', 'pw', {
      initial_device_display_name: name,
      inhibit_login: true,
    });
    expect(inhibited.status).toBe(200);
  });

  it('a guest with a device name over 100 characters: the guest is made, the answer is 400 M_TOO_LARGE (register.py:828-848)', async () => {
    const mock = await startMock({ scenario: 'guest' });
    const reply = await mock.register({ initial_device_display_name: 'g'.repeat(101) }, '?kind=guest');
    expect([reply.status, reply.body.errcode]).toEqual([400, 'M_TOO_LARGE']);
    expect(Object.values(mock.state.accounts).some((account) => account.guest)).toBe(true);
  });
});

const loginPath = '/_matrix/client/v3/login';
const alice = (extra: Record<string, unknown> = {}) => ({
  type: 'm.login.password',
  identifier: { type: 'm.id.user', user: 'alice' },
  password: 'alice-password',
  ...extra,
});

describe('5. POST /login (synapse/rest/client/login.py:185-266, synapse/handlers/auth.py:1131-1377)', () => {
  it.each([
    [
      'no type: a KeyError, "Missing JSON keys." (login.py:252-253)',
      { password: 'x' },
      400,
      'M_UNKNOWN',
      'Missing JSON keys.',
    ],
    ['a type that is not a string (auth.py:1158-1159)', { type: 5 }, 400, 'M_INVALID_PARAM', 'Bad parameter: type'],
    [
      'no password (auth.py:1180-1181)',
      alice({ password: undefined }),
      400,
      'M_INVALID_PARAM',
      'Bad parameter: password',
    ],
    [
      'a password that is not a string (auth.py:1180-1181)',
      alice({ password: 12345678 }),
      400,
      'M_INVALID_PARAM',
      'Bad parameter: password',
    ],
    [
      'an unknown type with an identifier (auth.py:1372-1373)',
      { type: 'm.login.foo', identifier: { type: 'm.id.user', user: 'alice' } },
      400,
      'M_UNKNOWN',
      'Unknown login type m.login.foo',
    ],
    [
      'an identifier without a type (auth.py:138-144)',
      alice({ identifier: { user: 'alice' } }),
      400,
      'M_MISSING_PARAM',
      "'identifier' dict has no key 'type'",
    ],
    [
      'an unknown identifier type (auth.py:1257-1258)',
      alice({ identifier: { type: 'm.id.foo' } }),
      400,
      'M_UNKNOWN',
      'Unknown login identifier type',
    ],
    [
      'm.id.user without a user (auth.py:1261-1262)',
      alice({ identifier: { type: 'm.id.user', user: '' } }),
      400,
      'M_UNKNOWN',
      "User identifier is missing 'user' key",
    ],
    [
      'a third-party identifier without its medium (auth.py:1197-1198)',
      alice({ identifier: { type: 'm.id.thirdparty', address: 'a@b.c' } }),
      400,
      'M_UNKNOWN',
      'Invalid thirdparty identifier',
    ],
    [
      'an email address nobody has (auth.py:1233-1251)',
      alice({ identifier: { type: 'm.id.thirdparty', medium: 'email', address: 'nobody@example.org' } }),
      403,
      'M_FORBIDDEN',
      'Invalid username or password',
    ],
    [
      'a full user ID of another server: nobody here (auth.py:1264-1267, 1376-1377)',
      alice({ identifier: { type: 'm.id.user', user: '@alice:elsewhere.example' } }),
      403,
      'M_FORBIDDEN',
      'Invalid username or password',
    ],
    [
      'a login token, none issued (login.py:234-240, auth.py:1469-1479)',
      { type: 'm.login.token', token: 'x' },
      403,
      'M_FORBIDDEN',
      'Invalid login token',
    ],
    [
      'a login token left out: a KeyError (login.py:252-253, 504)',
      { type: 'm.login.token' },
      400,
      'M_UNKNOWN',
      'Missing JSON keys.',
    ],
    [
      'refresh_token that is not a boolean (login.py:188-193)',
      alice({ refresh_token: 'yes' }),
      400,
      'M_UNKNOWN',
      '`refresh_token` should be true or false.',
    ],
    [
      'a device ID over 512 characters (login.py:414-422)',
      alice({ device_id: 'D'.repeat(513) }),
      400,
      'M_INVALID_PARAM',
      'device_id cannot be longer than 512 characters.',
    ],
    [
      'a device name over 100 characters (synapse/handlers/device.py:462-478)',
      alice({ initial_device_display_name: 'n'.repeat(101) }),
      400,
      'M_TOO_LARGE',
      'Device display name is too long (max 100)',
    ],
  ])('%s', async (_case, json, status, errcode, error) => {
    const reply = await (await startMock()).call('POST', loginPath, { json });
    expect([reply.status, reply.body.errcode, reply.body.error]).toEqual([status, errcode, error]);
  });

  it('the old top-level `user` wins over `identifier` (convert_client_dict_legacy_fields_to_identifier, auth.py:116-120)', async () => {
    const reply = await (
      await startMock()
    ).call('POST', loginPath, {
      json: alice({ user: 'bob', password: 'bob-password' }),
    });
    expect([reply.status, reply.body.user_id]).toEqual([200, '@bob:localhost:8008']);
  });

  it('a full user ID is matched case-insensitively, server name included (_check_local_password) (already so)', async () => {
    const reply = await (
      await startMock()
    ).call('POST', loginPath, {
      json: alice({ identifier: { type: 'm.id.user', user: '@ALICE:LOCALHOST:8008' } }),
    });
    expect([reply.status, reply.body.user_id]).toEqual([200, '@alice:localhost:8008']);
  });

  it('an application service logs in its own users with its token, and nobody else does (login.py:202-216, 268-311)', async () => {
    const mock = await startMock();
    const json = { type: 'm.login.application_service', identifier: { type: 'm.id.user', user: 'bridge-ann' } };
    const missing = await mock.call('POST', loginPath, { json });
    expect([missing.status, missing.body.errcode]).toEqual([401, 'M_MISSING_TOKEN']);
    const person = await mock.call('POST', loginPath, { json: alice() });
    const asPerson = await mock.call('POST', loginPath, {
      json,
      headers: { authorization: `Bearer ${person.body.access_token}` },
    });
    expect([asPerson.status, asPerson.body.errcode, asPerson.body.error]).toEqual([
      401,
      'M_UNKNOWN_TOKEN',
      'This login method is only valid for application services',
    ]);
    const service = { authorization: 'Bearer mock-appservice-token' };
    const outside = await mock.call('POST', loginPath, {
      json: { ...json, identifier: { type: 'm.id.user', user: 'alice' } },
      headers: service,
    });
    expect([outside.status, outside.body.errcode]).toEqual([403, 'M_FORBIDDEN']);
    await mock.register({ type: 'm.login.application_service', username: 'bridge-ann' }, '', service);
    const inside = await mock.call('POST', loginPath, { json, headers: service });
    expect([inside.status, inside.body.user_id]).toEqual([200, '@bridge-ann:localhost:8008']);
  });

  it('GET and POST /login are served under the 2014 prefix too: `client_patterns("/login$", v1=True)` (login.py:75)', async () => {
    const mock = await startMock();
    const flows = await mock.call('GET', '/_matrix/client/api/v1/login');
    expect([flows.status, flows.body]).toEqual([
      200,
      { flows: [{ type: 'm.login.password' }, { type: 'm.login.application_service' }] },
    ]);
    expect((await mock.call('POST', '/_matrix/client/api/v1/login', { json: alice() })).status).toBe(200);
  });
});

describe('6. an auth stage the server does not offer', () => {
  const firstRound = async (mock: Awaited<ReturnType<typeof startMock>>) =>
    (await mock.register({ username: 'ana', password: 'pw' })).body.session;

  it("m.login.password with an account's password: the stage is done, under that name (auth.py:709-717, 571-578)", async () => {
    const mock = await startMock();
    const session = await firstRound(mock);
    const reply = await mock.register({
      auth: {
        type: 'm.login.password',
        session,
        identifier: { type: 'm.id.user', user: 'alice' },
        password: 'alice-password',
      },
    });
    expect([reply.status, reply.body.completed]).toEqual([401, ['m.login.password']]);
  });

  it('m.login.password with a wrong one fails inside the 401 (a LoginError, auth.py:579-582, 1376-1377)', async () => {
    const mock = await startMock();
    const session = await firstRound(mock);
    const reply = await mock.register({
      auth: { type: 'm.login.password', session, user: 'alice', password: 'wrong' },
    });
    expect([reply.status, reply.body.errcode, reply.body.completed]).toEqual([401, 'M_FORBIDDEN', []]);
  });

  it.each([
    [
      'an unknown type with an identifier (auth.py:1372-1373)',
      { type: 'm.login.foo', user: 'alice' },
      'M_UNKNOWN',
      'Unknown login type m.login.foo',
    ],
    ['a type that is not a string (auth.py:1158-1159)', { type: 7 }, 'M_INVALID_PARAM', 'Bad parameter: type'],
    // Already so (recorded as `g.unknown_auth_type`).
    ['an unknown type alone (auth.py:135-136)', { type: 'm.login.foo' }, 'M_INVALID_PARAM', 'Invalid login submission'],
  ])('%s is refused with 400, as /login refuses it', async (_case, auth, errcode, error) => {
    const mock = await startMock();
    const session = await firstRound(mock);
    const reply = await mock.register({ auth: { ...auth, session } });
    expect([reply.status, reply.body.errcode, reply.body.error]).toEqual([400, errcode, error]);
  });

  it('a stage with a checker that no flow lists is done all the same (recorded: er.register_dummy_not_offered) (already so)', async () => {
    const mock = await startMock({ scenario: 'email' });
    const first = await mock.register({ username: 'ana', password: 'pw' });
    const reply = await mock.register({ auth: { type: 'm.login.dummy', session: first.body.session } });
    expect([reply.status, reply.body.completed]).toEqual([401, ['m.login.dummy']]);
  });
});

describe("9. MSC3231's own unstable path", () => {
  it('/unstable/org.matrix.msc3231/register/org.matrix.msc3231.login.registration_token/validity is 404: 1.94 serves the check under v1 and unstable with the stable name only (register.py:366-369) (already so)', async () => {
    const reply = await (
      await startMock()
    ).call(
      'GET',
      '/_matrix/client/unstable/org.matrix.msc3231/register/org.matrix.msc3231.login.registration_token/validity?token=letmein',
    );
    expect([reply.status, reply.body.errcode]).toEqual([404, 'M_UNRECOGNIZED']);
  });
});

describe('10. registration switched off', () => {
  it('the validity check: its limiter, then 403 M_FORBIDDEN (register.py:382-388) (already so)', async () => {
    const mock = await startMock({ scenario: 'disabled' });
    const reply = await mock.call('GET', '/_matrix/client/v1/register/m.login.registration_token/validity?token=x');
    expect([reply.status, reply.body.errcode, reply.body.error]).toEqual([
      403,
      'M_FORBIDDEN',
      'Registration has been disabled',
    ]);
  });

  it('msisdn requestToken does not look at it: phone sign-up is still "not supported" (register.py:159-233) (already so)', async () => {
    const mock = await startMock({ scenario: 'disabled' });
    const reply = await mock.call('POST', '/_matrix/client/v3/register/msisdn/requestToken', {
      json: { client_secret: 'abc', country: 'GB', phone_number: '07700900000', send_attempt: 1 },
    });
    expect([reply.status, reply.body.errcode]).toEqual([400, 'M_UNKNOWN']);
  });
});

describe("Synapse's own pages cannot be framed (respond_with_html → set_clickjacking_protection_headers, synapse/http/server.py:969-989)", () => {
  it('the UIA fallback page and the email link page say DENY and frame-ancestors none', async () => {
    const mock = await startMock({ scenario: 'email' });
    const fallback = await mock.call('GET', '/_matrix/client/v3/auth/m.login.terms/fallback/web?session=nosuch');
    const link = await mock.call(
      'GET',
      '/_matrix/client/unstable/registration/email/submit_token?token=x&client_secret=y&sid=z',
    );
    for (const page of [fallback, link]) {
      expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(page.headers.get('x-frame-options')).toBe('DENY');
      expect(page.headers.get('content-security-policy')).toBe("frame-ancestors 'none';");
    }
  });
});

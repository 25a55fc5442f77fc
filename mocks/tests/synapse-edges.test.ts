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
    '/_synapse/admin/v1/nowhere',
  ])(
    "OPTIONS %s is 204 with CORS: Synapse's root is an OptionsResource for every path below it (synapse/app/homeserver.py:133-139, synapse/http/server.py:631-649)",
    async (path) => {
      const reply = await (await startMock()).call('OPTIONS', path);
      expect([reply.status, reply.text]).toEqual([204, '']);
      for (const [name, value] of Object.entries(SYNAPSE_CORS)) expect(reply.headers.get(name)).toBe(value);
    },
  );

  it("the mock's own endpoints still answer a preflight, and GET / is still the redirect", async () => {
    const mock = await startMock();
    expect((await mock.call('OPTIONS', '/_mock/scenario')).status).toBe(204);
    expect((await mock.call('GET', '/')).status).toBe(302);
  });

  it('the other families keep their own: Conduit answers OPTIONS outside its API as any other request', async () => {
    const mock = await startMock({ homeserver: 'conduit-0.10' });
    expect((await mock.call('OPTIONS', '/foo')).status).toBe(404);
    expect((await mock.call('GET', '/_matrix/client/v3/register/available/?username=x')).status).toBe(404);
  });
});

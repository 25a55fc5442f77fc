import { createHmac } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { macMatches } from '../model/admin';
import { MOCK_SHARED_SECRET } from '../model/config';
import { MockController } from '../model/controller';
import { SUBMIT_TOKEN_PATH } from '../model/email';
import { startMock, type Mock } from './harness';
import { exchange, post, registerClient, signUpForCode } from './oauth-helpers';

/**
 * The security review's findings M1, M2, M4, M5, M6 and M7 (`reviews/security-review-2026-12.md`):
 * IDs named after `Object.prototype`'s members are ordinary unknown IDs, and nothing a request
 * sends reaches the prototype every object of the process shares.
 */
const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'toString', 'hasOwnProperty'];
/** What the review's four requests wrote to `Object.prototype`. */
const WRITTEN = ['registrationToken', 'validatedAt', 'usedAt', 'mode', 'pending'];

const plain = () => ({}) as Record<string, unknown>;

afterEach(() => {
  // Were a fix reverted, the pollution must not leak into the next test's verdict.
  for (const key of WRITTEN) Reflect.deleteProperty(Object.prototype, key);
});

/** The process is still clean: nothing inherited, and the control API (zod's config parse) still works. */
async function expectUnpolluted(mock: Mock) {
  for (const key of WRITTEN) expect(plain()[key], key).toBeUndefined();
  expect(plain().mode).toBeUndefined();
  const reset = await mock.call('POST', '/_mock/reset', { json: {} });
  expect(reset.status).toBe(200);
}

describe('M1: the four requests that polluted Object.prototype', () => {
  it('a fallback form with session __proto__ is an unknown session, and single-use stays single-use', async () => {
    const mock = await startMock({ scenario: 'token' });
    const reply = await mock.call('POST', '/_matrix/client/v3/auth/m.login.registration_token/fallback/web', {
      raw: 'session=__proto__&token=single-use',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect([reply.status, reply.body.error]).toEqual([400, 'Unknown session ID: __proto__']);
    expect(mock.homeserver.registrationToken('single-use')).toMatchObject({ pending: 0, completed: 0 });
    await expectUnpolluted(mock);
  });

  it.each(PROTOTYPE_KEYS)('submit_token with sid %s is an unknown session, by POST and by the link', async (sid) => {
    const mock = await startMock({ scenario: 'email', overrides: { emailSubmitUrl: true } });
    const posted = await mock.call('POST', SUBMIT_TOKEN_PATH, { json: { sid } });
    expect([posted.status, posted.body.error]).toEqual([400, 'Unknown session_id']);
    const query = new URLSearchParams({ sid, client_secret: 'secret', token: 'x' });
    const linked = await mock.call('GET', `${SUBMIT_TOKEN_PATH}?${query.toString()}`);
    expect(linked.status).toBe(400);
    expect(linked.text).toContain('Unknown session_id');
    await expectUnpolluted(mock);
  });

  it('the code __proto__ is unknown, and a real code is still accepted afterwards', async () => {
    const mock = await startMock({ scenario: 'oidc' });
    const { clientId, code } = await signUpForCode(mock);
    const forged = await exchange(mock, clientId, '__proto__');
    expect([forged.status, forged.body.error]).toEqual([400, 'invalid_grant']);
    const real = await exchange(mock, clientId, code);
    expect(real.status).toBe(200);
    await expectUnpolluted(mock);
  });

  it.each(['create-instead', 'create'])('action=%s on the request __proto__ is an expired page', async (action) => {
    const mock = await startMock({ scenario: 'oidc' });
    const reply = await post(mock, '/oauth2/authorize/__proto__', {
      action,
      username: 'mallory',
      password: 'mallory password 1',
      email: 'mallory@example.org',
    });
    expect(reply.status).toBe(400);
    expect(reply.text).toContain('This page has expired');
    expect(mock.homeserver.findAccount('mallory')).toBeUndefined();
    await expectUnpolluted(mock);
  });
});

describe('M2: no account without an authorization request', () => {
  it.each(PROTOTYPE_KEYS)('POST /oauth2/authorize/%s makes no account, even on oidc-no-create', async (id) => {
    const mock = await startMock({ scenario: 'oidc-no-create' });
    const reply = await post(mock, `/oauth2/authorize/${encodeURIComponent(id)}`, {
      action: 'create',
      username: 'mallory',
      password: 'mallory password 1',
    });
    expect(reply.status).toBe(400);
    const login = await mock.call('POST', '/_matrix/client/v3/login', {
      json: { type: 'm.login.password', user: 'mallory', password: 'mallory password 1' },
    });
    expect(login.status).toBe(403);
    expect(mock.homeserver.findAccount('mallory')).toBeUndefined();
  });
});

const SHARED_SECRET_PATH = '/_synapse/admin/v1/register';
const mac = (nonce: string, username: string, password: string) =>
  createHmac('sha1', MOCK_SHARED_SECRET).update([nonce, username, password, 'notadmin'].join('\0')).digest('hex');

describe('M4: shared-secret nonces are own keys', () => {
  it.each(PROTOTYPE_KEYS)('the nonce %s is unrecognised, even with the right mac', async (nonce) => {
    const mock = await startMock();
    const reply = await mock.call('POST', SHARED_SECRET_PATH, {
      json: { nonce, username: 'bot', password: 'pw', admin: false, mac: mac(nonce, 'bot', 'pw') },
    });
    expect([reply.status, reply.body.error]).toEqual([400, 'unrecognised nonce']);
    expect(mock.homeserver.findAccount('bot')).toBeUndefined();
  });
});

describe('M5: the mac', () => {
  it.each([
    ['too short', (right: string) => right.slice(0, 39)],
    ['too long', (right: string) => `${right}0`],
    ['in capitals', (right: string) => right.toUpperCase()],
    ['not hex', (right: string) => `${right.slice(0, 39)}g`],
    ['not a string', (right: string) => [right]],
  ])('%s is refused with 403 "HMAC incorrect"', async (_label, wrong) => {
    const mock = await startMock();
    const { nonce } = (await mock.call('GET', SHARED_SECRET_PATH)).body;
    const reply = await mock.call('POST', SHARED_SECRET_PATH, {
      json: { nonce, username: 'bot', password: 'pw', admin: false, mac: wrong(mac(nonce, 'bot', 'pw')) },
    });
    expect([reply.status, reply.body.error]).toEqual([403, 'HMAC incorrect']);
  });

  it('reads every character whichever differs first (no early exit, as `!==` has)', () => {
    const wanted = 'a'.repeat(40);
    const charCodeAt = vi.spyOn(String.prototype, 'charCodeAt');
    try {
      const reads = (given: string) => {
        charCodeAt.mockClear();
        expect(macMatches(given, wanted)).toBe(given === wanted);
        return charCodeAt.mock.calls.length;
      };
      const first = reads(`b${'a'.repeat(39)}`);
      const last = reads(`${'a'.repeat(39)}b`);
      expect(first).toBe(80);
      expect(last).toBe(first);
      expect(reads(wanted)).toBe(first);
    } finally {
      charCodeAt.mockRestore();
    }
  });
});

describe('M6: malformed input gets 4xx, never 500', () => {
  it('a deeply nested auth.session is an unknown session, not echoed', async () => {
    const mock = await startMock();
    const nested = `${'['.repeat(30_000)}${']'.repeat(30_000)}`;
    const reply = await mock.call('POST', '/_matrix/client/v3/register', {
      raw: `{"auth":{"type":"m.login.dummy","session":${nested}}}`,
      headers: { 'content-type': 'application/json' },
    });
    expect([reply.status, reply.body.errcode, reply.body.error]).toEqual([400, 'M_UNKNOWN', 'Unknown session ID']);
  });

  it('an object auth.session is not serialised into the message', async () => {
    const mock = await startMock();
    const reply = await mock.register({ auth: { type: 'm.login.dummy', session: { a: 1 } } });
    expect([reply.status, reply.body.error]).toEqual([400, 'Unknown session ID']);
  });

  it('/_mock/next-error with the body null is 400', async () => {
    const mock = await startMock();
    const reply = await mock.call('POST', '/_mock/next-error', {
      raw: 'null',
      headers: { 'content-type': 'application/json' },
    });
    expect(reply.status).toBe(400);
  });

  it.each([1.5, 0, -1, 99, 600, 99999])(
    '/_mock/next-error with status %s is 400, and the next request answers normally',
    async (status) => {
      const mock = await startMock();
      const reply = await mock.call('POST', '/_mock/next-error', { json: { errcode: 'M_UNKNOWN', status } });
      expect(reply.status).toBe(400);
      expect((await mock.register({ username: 'carol', password: 'a password' })).status).toBe(401);
    },
  );

  it.each(PROTOTYPE_KEYS)(
    'the access token %s is unknown (401) at whoami, capabilities and the admin API',
    async (token) => {
      const mock = await startMock();
      for (const path of [
        '/_matrix/client/v3/account/whoami',
        '/_matrix/client/v3/capabilities',
        '/_synapse/admin/v1/registration_tokens',
      ]) {
        const reply = await mock.call('GET', path, { headers: { authorization: `Bearer ${token}` } });
        expect([path, reply.status, reply.body.errcode]).toEqual([path, 401, 'M_UNKNOWN_TOKEN']);
      }
    },
  );

  it.each(PROTOTYPE_KEYS)('the client_id %s is unknown: an error page at authorize, 401 at token', async (clientId) => {
    const mock = await startMock({ scenario: 'oidc' });
    await registerClient(mock);
    const page = await mock.call('GET', `/oauth2/authorize?client_id=${encodeURIComponent(clientId)}`);
    expect(page.status).toBe(400);
    expect(page.text).toContain('Unknown application');
    const token = await exchange(mock, clientId, 'x'.repeat(32));
    expect([token.status, token.body.error]).toEqual([401, 'invalid_client']);
  });

  it.each(PROTOTYPE_KEYS)('the UIA session %s is unknown (400)', async (session) => {
    const mock = await startMock();
    const reply = await mock.register({ auth: { type: 'm.login.dummy', session } });
    expect([reply.status, reply.body.error]).toEqual([400, `Unknown session ID: ${session}`]);
  });

  it('the username constructor is free, and can be registered (Synapse accepts it)', async () => {
    // The other prototype keys are no valid localparts (a capital or a leading underscore).
    const mock = await startMock();
    const available = await mock.call('GET', '/_matrix/client/v3/register/available?username=constructor');
    expect([available.status, available.body.available]).toEqual([200, true]);
    const made = await mock.registerWithDummy('constructor');
    expect(made.status).toBe(200);
    expect(mock.homeserver.findAccount('constructor')?.userId).toBe('@constructor:localhost:8008');
  });
});

describe('M7: what unauthenticated requests can make the mock keep', () => {
  it('refuses client metadata over 64 KB with 413, and a long client_name or URI with 400', async () => {
    const mock = await startMock({ scenario: 'oidc' });
    const huge = await registerClient(mock, { client_name: 'x'.repeat(70_000) });
    expect(huge.status).toBe(413);
    const longName = await registerClient(mock, { client_name: 'x'.repeat(257) });
    expect([longName.status, longName.body.error]).toEqual([400, 'invalid_client_metadata']);
    const longUri = await registerClient(mock, { tos_uri: `http://127.0.0.1:4174/${'x'.repeat(2_048)}` });
    expect([longUri.status, longUri.body.error]).toEqual([400, 'invalid_client_metadata']);
    expect(Object.keys(mock.state.oauth.clients)).toHaveLength(0);
    expect((await registerClient(mock, { client_name: 'x'.repeat(256) })).status).toBe(201);
  });

  it('a UIA session keeps only the fields a registration reads', async () => {
    const mock = await startMock();
    const first = await mock.register({ username: 'carol', password: 'a password', padding: 'x'.repeat(60_000) });
    expect(first.status).toBe(401);
    const session = mock.homeserver.getSession(first.body.session);
    expect(session?.params).toEqual({ username: 'carol' });
  });
});

describe('saved state', () => {
  it('restores keyed records without a prototype, so a saved __proto__ key stays a key', async () => {
    const mock = await startMock();
    await mock.registerWithDummy('carol');
    const saved = JSON.parse(JSON.stringify(mock.state)) as typeof mock.state;
    // As JSON.parse reads a stored `{"__proto__": …}`: an own key of a plain object.
    saved.sessions = JSON.parse('{"__proto__": {"id": "__proto__", "createdAt": 0}}') as typeof saved.sessions;
    const restored = MockController.restore(saved);
    const { state } = restored.homeserver;
    for (const record of [state.accounts, state.sessions, state.accessTokens, state.oauth.codes, state.rateLimits]) {
      expect(Object.getPrototypeOf(record)).toBeNull();
    }
    expect(restored.homeserver.findAccount('carol')?.localpart).toBe('carol');
    expect(restored.homeserver.findAccount('constructor')).toBeUndefined();
    expect(Object.keys(state.sessions)).toEqual(['__proto__']);
    expect(plain().createdAt).toBeUndefined();
  });
});

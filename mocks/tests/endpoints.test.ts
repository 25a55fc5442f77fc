import { describe, expect, it } from 'vitest';
import { startMock } from './harness';

describe('§1 endpoints and prefixes', () => {
  it('serves POST /register on v3 and r0', async () => {
    const mock = await startMock();
    for (const prefix of ['v3', 'r0']) {
      const reply = await mock.call('POST', `/_matrix/client/${prefix}/register`, { json: {} });
      expect(reply.status).toBe(401);
      expect(reply.body.flows).toEqual([{ stages: ['m.login.dummy'] }]);
    }
  });

  it('answers an unknown path with 404 M_UNRECOGNIZED and a known path with the wrong method with 405', async () => {
    const mock = await startMock();
    const unknown = await mock.call('GET', '/_matrix/client/v3/no_such_thing');
    expect([unknown.status, unknown.body.errcode]).toEqual([404, 'M_UNRECOGNIZED']);
    const wrongMethod = await mock.call('GET', '/_matrix/client/v3/register');
    expect([wrongMethod.status, wrongMethod.body.errcode]).toEqual([405, 'M_UNRECOGNIZED']);
    const unstable = await mock.call('POST', '/_matrix/client/v4/register', { json: {} });
    expect([unstable.status, unstable.body.errcode]).toEqual([404, 'M_UNRECOGNIZED']);
  });

  it('answers a path with a broken percent-escape with 404, and the well-known path with the wrong method with 405', async () => {
    // Found by the property tests: path matching threw on `%zz`, and POST /.well-known went unanswered.
    const mock = await startMock();
    for (const path of ['/_matrix/client/%zz/register', '/_matrix/client/v3/register/%E0%A4%A']) {
      const reply = await mock.call('POST', path, { json: {} });
      expect([reply.status, reply.body.errcode]).toEqual([404, 'M_UNRECOGNIZED']);
    }
    // Synapse's well-known is a Twisted resource: Twisted's 405 (synapse-edges.test.ts).
    const wellKnown = await mock.call('POST', '/.well-known/matrix/client', { json: {} });
    expect([wellKnown.status, wellKnown.headers.get('allow')]).toEqual([405, 'HEAD, GET']);
  });

  it('serves the unstable prefix as Synapse does, but not v1 or a trailing slash', async () => {
    const mock = await startMock();
    expect((await mock.call('POST', '/_matrix/client/unstable/register', { json: {} })).status).toBe(401);
    for (const path of ['/_matrix/client/v1/register', '/_matrix/client/v3/register/']) {
      const reply = await mock.call('POST', path, { json: {} });
      expect([reply.status, reply.body.errcode]).toEqual([404, 'M_UNRECOGNIZED']);
    }
  });

  it('answers HEAD as GET, without a body', async () => {
    const reply = await (await startMock()).call('HEAD', '/_matrix/client/versions');
    expect([reply.status, reply.text]).toEqual([200, '']);
  });

  it('serves the policy pages a terms stage links to, in the language asked for, without CORS', async () => {
    const mock = await startMock();
    const french = await mock.call('GET', '/_matrix/consent?v=1.0&lang=fr');
    expect([french.status, french.headers.get('content-type')]).toEqual([200, 'text/html; charset=utf-8']);
    expect(french.text).toContain('Politique de confidentialité');
    expect(french.text).toContain('lang="fr"');
    expect(french.headers.get('access-control-allow-origin')).toBeNull();
    expect((await mock.call('GET', '/_matrix/consent?v=2.1')).text).toContain('Terms of Service');
    expect((await mock.call('GET', '/_matrix/consent?v=9.9')).status).toBe(404);
  });

  it('says phone sign-up is not supported (400 M_UNKNOWN), after checking the request', async () => {
    const mock = await startMock();
    const path = '/_matrix/client/v3/register/msisdn/requestToken';
    const missing = await mock.call('POST', path, { json: { client_secret: 'abc' } });
    expect([missing.status, missing.body.errcode]).toEqual([400, 'M_MISSING_PARAM']);
    const full = { client_secret: 'abc', country: 'GB', phone_number: '07700900000', send_attempt: 1 };
    const reply = await mock.call('POST', path, { json: full });
    expect([reply.status, reply.body.errcode]).toEqual([400, 'M_UNKNOWN']);
  });

  it('serves the registration-token validity endpoint under v1 and unstable, not v3 (Synapse: releases=("v1",))', async () => {
    const mock = await startMock();
    expect(
      (await mock.call('GET', '/_matrix/client/v1/register/m.login.registration_token/validity?token=letmein')).body,
    ).toEqual({ valid: true });
    expect(
      (await mock.call('GET', '/_matrix/client/unstable/register/m.login.registration_token/validity?token=nope')).body,
    ).toEqual({ valid: false });
    expect(
      (await mock.call('GET', '/_matrix/client/v3/register/m.login.registration_token/validity?token=letmein')).status,
    ).toBe(404);
  });
});

describe('§11 CORS', () => {
  it('answers a preflight with 204 and the CORS headers, without running the endpoint', async () => {
    const mock = await startMock();
    const reply = await mock.call('OPTIONS', '/_matrix/client/v3/register', {
      headers: { origin: 'http://app.example', 'access-control-request-method': 'POST' },
    });
    expect(reply.status).toBe(204);
    expect(reply.text).toBe('');
    expect(reply.headers.get('access-control-allow-origin')).toBe('*');
    expect(reply.headers.get('access-control-allow-headers')).toContain('Authorization');
    expect(reply.headers.get('access-control-allow-methods')).toContain('POST');
    expect(Object.keys(mock.state.sessions)).toHaveLength(0);
  });

  it("puts Synapse's CORS headers and a JSON content type on errors and UIA answers", async () => {
    const mock = await startMock();
    for (const reply of [await mock.register({}), await mock.call('GET', '/_matrix/client/v3/nothing')]) {
      expect(reply.headers.get('access-control-allow-origin')).toBe('*');
      // As Synapse: `Retry-After` is not among them, so browsers must read `retry_after_ms`.
      expect(reply.headers.get('access-control-expose-headers')).toBe('Synapse-Trace-Id, Server');
      expect(reply.headers.get('content-type')).toBe('application/json');
    }
  });
});

describe('§12 discovery', () => {
  it('serves well-known with the base URL, and versions in the grammar', async () => {
    const mock = await startMock();
    const wellKnown = await mock.call('GET', '/.well-known/matrix/client');
    expect(wellKnown.body).toEqual({ 'm.homeserver': { base_url: 'http://localhost:8008' } });
    expect(wellKnown.headers.get('access-control-allow-origin')).toBe('*');
    const versions = await mock.call('GET', '/_matrix/client/versions');
    // Synapse 1.157's list ends at v1.12 (homeservers.md §2.1).
    expect(versions.body.versions).toContain('v1.12');
    for (const version of versions.body.versions) {
      expect(version).toMatch(/^(r0\.\d+\.\d+|v[1-9]\d*\.\d+(-\S+)?)$/);
    }
  });

  it('lets the config break well-known, for discovery tests', async () => {
    const notFound = await startMock({
      overrides: { wellKnown: { status: 404, body: { errcode: 'M_NOT_FOUND', error: 'Not found' } } },
    });
    expect((await notFound.call('GET', '/.well-known/matrix/client')).status).toBe(404);
    const garbage = await startMock({ overrides: { wellKnown: { status: 200, body: '{not json' } } });
    expect((await garbage.call('GET', '/.well-known/matrix/client')).text).toBe('{not json');
  });

  it('in the oidc scenario, says where to sign up and does not serve /register', async () => {
    const mock = await startMock({ scenario: 'oidc' });
    const wellKnown = await mock.call('GET', '/.well-known/matrix/client');
    expect(wellKnown.body['org.matrix.msc2965.authentication']).toEqual({
      issuer: 'http://localhost:8008/oauth2/',
      account: 'http://localhost:8008/oauth2/account',
    });
    const metadata = await mock.call('GET', '/_matrix/client/v1/auth_metadata');
    expect(metadata.body.prompt_values_supported).toContain('create');
    expect((await mock.call('GET', '/_matrix/client/v3/login')).body.flows[0]).toEqual({
      type: 'm.login.sso',
      oauth_aware_preferred: true,
    });
    // Synapse ≥1.126 with MAS (homeservers.md §2.1): 403, never a 401.
    const register = await mock.register({ username: 'ana', password: 'pw' });
    expect([register.status, register.body]).toEqual([
      403,
      {
        errcode: 'M_FORBIDDEN',
        error: 'Registration has been disabled. Only m.login.application_service registrations are allowed.',
      },
    ]);
    expect((await mock.call('GET', '/_matrix/client/v3/register/available?username=ana')).status).toBe(404);
    const open = await startMock();
    expect((await open.call('GET', '/_matrix/client/v1/auth_metadata')).status).toBe(404);
  });
});

describe('login', () => {
  it('lists password login, and logs in an account that was just made (and not with a wrong password)', async () => {
    const mock = await startMock();
    expect((await mock.call('GET', '/_matrix/client/v3/login')).body.flows).toContainEqual({
      type: 'm.login.password',
    });
    expect((await mock.registerWithDummy('ana', 'ana secret')).status).toBe(200);
    const good = await mock.call('POST', '/_matrix/client/v3/login', {
      json: { type: 'm.login.password', identifier: { type: 'm.id.user', user: 'ana' }, password: 'ana secret' },
    });
    expect(good.status).toBe(200);
    expect(good.body.user_id).toBe('@ana:localhost:8008');
    expect(mock.state.accessTokens[good.body.access_token]?.userId).toBe('@ana:localhost:8008');
    const bad = await mock.call('POST', '/_matrix/client/v3/login', {
      json: { type: 'm.login.password', user: '@ana:localhost:8008', password: 'wrong' },
    });
    expect([bad.status, bad.body.errcode]).toEqual([403, 'M_FORBIDDEN']);
  });

  it('tells the client where it lives (well_known), and calls another login type an invalid submission', async () => {
    const mock = await startMock();
    const reply = await mock.call('POST', '/_matrix/client/v3/login', {
      json: { type: 'm.login.password', user: 'alice', password: 'alice-password' },
    });
    expect(reply.body.well_known).toEqual({ 'm.homeserver': { base_url: 'http://localhost:8008' } });
    const other = await mock.call('POST', '/_matrix/client/v3/login', { json: { type: 'm.login.foo' } });
    expect([other.status, other.body.errcode]).toEqual([400, 'M_INVALID_PARAM']);
  });

  it('logs in the seeded accounts with their documented passwords', async () => {
    const mock = await startMock();
    const reply = await mock.call('POST', '/_matrix/client/v3/login', {
      json: { type: 'm.login.password', user: 'alice', password: 'alice-password' },
    });
    expect(reply.body.user_id).toBe('@alice:localhost:8008');
  });

  it('never keeps a password as given', async () => {
    const mock = await startMock();
    await mock.registerWithDummy('ana', 'plain text secret');
    expect(JSON.stringify(mock.state)).not.toContain('plain text secret');
  });
});

describe('password policy endpoint (MSC2000)', () => {
  it('publishes the policy, or {} when there is none', async () => {
    expect((await (await startMock()).call('GET', '/_matrix/client/v3/password_policy')).body).toEqual({});
    const strict = await startMock({ scenario: 'everything' });
    expect((await strict.call('GET', '/_matrix/client/v3/password_policy')).body).toEqual({
      'm.minimum_length': 8,
      'm.require_digit': true,
      'm.require_symbol': false,
      'm.require_uppercase': false,
      'm.require_lowercase': true,
    });
  });
});

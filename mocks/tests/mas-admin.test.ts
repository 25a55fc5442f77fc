import { describe, expect, it } from 'vitest';
import { MockController } from '../model/controller';
import { fakeEnvironment } from '../model/environment';
import { driveMock, listenOnLoopback, startMock, type Mock } from './harness';
import { adminApi, signInForToken, TOKENS, type MasReply } from './mas-helpers';
import { authorizeQuery, callbackParams, registerClient } from './oauth-helpers';

const CROCKFORD_ULID = /^[0-7][0-9A-HJKMNP-TV-Z]{25}$/;

async function admin(mock: Mock) {
  const { accessToken, scope } = await signInForToken(mock);
  expect(scope.split(' ')).toContain('urn:mas:admin');
  return adminApi(mock, accessToken);
}

const titles = (reply: MasReply) => reply.body.errors.map((error) => error.title);

describe("MAS's admin API: who may call it", () => {
  it('answers 400 without a bearer header, and 401 for every token it refuses (call_context.rs)', async () => {
    const mock = await startMock({ scenario: 'oidc' });
    const call = (headers: Record<string, string>) => mock.call('GET', TOKENS, { headers }) as Promise<MasReply>;
    const missing = await call({});
    expect(missing.status).toBe(400);
    expect(titles(missing)).toEqual(['Missing authorization header']);
    expect(titles(await call({ authorization: 'Basic YWRtaW46YWRtaW4=' }))).toEqual(['Invalid authorization header']);
    // A Synapse token of the same account is the wrong kind for MAS.
    const login = await mock.call('POST', '/_matrix/client/v3/login', {
      json: { type: 'm.login.password', identifier: { type: 'm.id.user', user: 'admin' }, password: 'admin-password' },
    });
    const synapse = await call({ authorization: `Bearer ${login.body.access_token}` });
    expect([synapse.status, titles(synapse)]).toEqual([401, ['Invalid type of access token']]);
    const garbage = await call({ authorization: 'Bearer not-a-token' });
    expect([garbage.status, titles(garbage)]).toEqual([401, ['Invalid type of access token', 'invalid token format']]);
    const unknown = await call({ authorization: `Bearer mat_${'x'.repeat(30)}` });
    expect([unknown.status, titles(unknown)]).toEqual([401, ['Unknown access token']]);
  });

  it('refuses a token without urn:mas:admin, and one past its lifetime', async () => {
    const mock = await startMock({ scenario: 'oidc' });
    const plain = await signInForToken(mock, 'admin', 'admin-password', 'openid urn:matrix:client:api:*');
    const withoutScope = await adminApi(mock, plain.accessToken)('GET');
    expect([withoutScope.status, titles(withoutScope)]).toEqual([401, ['Missing urn:mas:admin scope']]);

    const call = await admin(mock);
    expect((await call('GET')).status).toBe(200);
    mock.env.advance(mock.homeserver.config.accessTokenLifetimeMs);
    const expired = await call('GET');
    expect([expired.status, titles(expired)]).toEqual([401, ['Access token expired']]);
  });

  it('grants urn:mas:admin only to a user who may request admin; others see the policy page', async () => {
    const mock = await startMock({ scenario: 'oidc' });
    const refused = await signInForToken(mock, 'alice', 'alice-password');
    expect(refused.accessToken).toBe('');
    expect(refused.page.status).toBe(200);
    expect(refused.page.text).toContain('<title>This request is not allowed</title>');
    expect(refused.page.text).toContain('value="cancel"');
    expect(Object.keys(mock.state.oauth.codes)).toEqual([]);

    const allowed = await startMock({
      scenario: 'oidc',
      overrides: { oauth: { issuer: '/oauth2/', accountUrl: '/oauth2/account', adminUsers: ['alice'] } },
    });
    expect((await signInForToken(allowed, 'alice', 'alice-password')).scope).toBe('urn:mas:admin');
    expect((await signInForToken(allowed, 'admin')).accessToken).toBe('');
  });

  it('gives an admin-only session no device, and its token no Matrix API', async () => {
    const mock = await startMock({ scenario: 'oidc' });
    const devices = mock.state.devices.length;
    const { accessToken, scope } = await signInForToken(mock);
    expect(scope).toBe('urn:mas:admin');
    expect(mock.state.devices.length).toBe(devices);
    const whoami = await mock.call('GET', '/_matrix/client/v3/account/whoami', {
      headers: { authorization: `Bearer ${accessToken}` },
    });
    expect(whoami.status).toBe(401);
    // With the API scope too, the same flow gives a device and a Matrix token beside the admin scope.
    const both = await signInForToken(mock, 'admin', 'admin-password', 'urn:mas:admin urn:matrix:client:api:*');
    expect(both.scope).toMatch(/^urn:mas:admin urn:matrix:client:api:\* urn:matrix:client:device:\S{10}$/);
  });

  it('refuses a device scope without the API scope, as MAS’s policy does', async () => {
    const mock = await startMock({ scenario: 'oidc' });
    const client = await registerClient(mock);
    const scope = 'urn:mas:admin urn:matrix:client:device:DEVICE0123';
    const reply = await mock.call('GET', `/oauth2/authorize?${authorizeQuery(client.body.client_id, { scope })}`);
    expect(reply.status).toBe(303);
    expect(callbackParams(reply).get('error')).toBe('invalid_scope');
  });
});

describe("MAS's admin API: registration tokens", () => {
  it('adds a token with its JSON:API document (add.rs, model.rs)', async () => {
    const mock = await startMock({ scenario: 'oidc' });
    const call = await admin(mock);
    const added = await call('POST', '', { token: 'friends', usage_limit: 2, expires_at: '2026-02-01T12:00:00+02:00' });
    expect(added.status).toBe(201);
    const { id } = added.body.data;
    expect(id).toMatch(CROCKFORD_ULID);
    expect(added.body).toEqual({
      data: {
        type: 'user-registration_token',
        id,
        attributes: {
          token: 'friends',
          valid: true,
          usage_limit: 2,
          times_used: 0,
          created_at: '2026-01-01T00:00:00Z',
          last_used_at: null,
          expires_at: '2026-02-01T10:00:00Z',
          revoked_at: null,
        },
        links: { self: `/api/admin/v1/user-registration-tokens/${id}` },
      },
      links: { self: `/api/admin/v1/user-registration-tokens/${id}` },
    });
  });

  it('draws 12 letters and digits when no token is given, and refuses a taken one with 409', async () => {
    const mock = await startMock({ scenario: 'oidc' });
    const call = await admin(mock);
    const random = await call('POST', '', {});
    expect(random.status).toBe(201);
    expect(random.body.data.attributes.token).toMatch(/^[A-Za-z0-9]{12}$/);
    expect(random.body.data.attributes.usage_limit).toBeNull();
    const taken = await call('POST', '', { token: random.body.data.attributes.token });
    expect([taken.status, titles(taken)]).toEqual([409, ['A registration token with the same token already exists']]);
  });

  it('answers a body it cannot read as axum does: 415, 400, 422 in plain text', async () => {
    const mock = await startMock({ scenario: 'oidc' });
    const call = await admin(mock);
    const { accessToken } = await signInForToken(mock);
    const noType = await mock.call('POST', TOKENS, {
      raw: '{}',
      headers: { authorization: `Bearer ${accessToken}` },
    });
    expect(noType.status).toBe(415);
    const broken = await mock.call('POST', TOKENS, {
      raw: '{',
      headers: { authorization: `Bearer ${accessToken}`, 'content-type': 'application/json' },
    });
    expect(broken.status).toBe(400);
    expect(broken.text).toMatch(/^Failed to parse the request body as JSON: /);
    for (const body of [
      { usage_limit: -1 },
      { usage_limit: 1.5 },
      { usage_limit: '2' },
      { expires_at: 'soon' },
      { token: 7 },
    ]) {
      const refused = await call('POST', '', body);
      expect(refused.status).toBe(422);
      expect(refused.text).toMatch(/^Failed to deserialize the JSON body into the target type: /);
    }
    expect(Object.keys(mock.state.oauth.registrationTokens)).toEqual([]);
  });

  it('gets one by its ID, either case; 404 for an unknown ULID, 400 for anything else', async () => {
    const mock = await startMock({ scenario: 'oidc' });
    const call = await admin(mock);
    const { id } = (await call('POST', '', { token: 'abc' })).body.data;
    expect((await call('GET', `/${id}`)).body.data.attributes.token).toBe('abc');
    expect((await call('GET', `/${id.toLowerCase()}`)).body.data.id).toBe(id);
    const unknown = await call('GET', '/01ARZ3NDEKTSV4RRFFQ69G5FAV');
    expect([unknown.status, titles(unknown)]).toEqual([
      404,
      ['Registration token with ID 01ARZ3NDEKTSV4RRFFQ69G5FAV not found'],
    ]);
    for (const hostile of ['__proto__', 'constructor', 'abc', '..x']) {
      const refused = await call('GET', `/${hostile}`);
      expect([refused.status, titles(refused)]).toEqual([400, ['Invalid ULID in path']]);
    }
  });

  it('updates only what the body names, null clearing it (update.rs)', async () => {
    const mock = await startMock({ scenario: 'oidc' });
    const call = await admin(mock);
    const { id } = (await call('POST', '', { token: 'abc', usage_limit: 3, expires_at: '2026-06-01T00:00:00Z' })).body
      .data;
    const limit = await call('PUT', `/${id}`, { usage_limit: 5 });
    expect(limit.body.data.attributes).toMatchObject({ usage_limit: 5, expires_at: '2026-06-01T00:00:00Z' });
    const cleared = await call('PUT', `/${id}`, { expires_at: null });
    expect(cleared.body.data.attributes).toMatchObject({ usage_limit: 5, expires_at: null });
    const unlimited = await call('PUT', `/${id}`, { usage_limit: null });
    expect(unlimited.body.data.attributes.usage_limit).toBeNull();
    expect((await call('PUT', `/${id}`, {})).status).toBe(200);
    const missing = await call('PUT', '/01ARZ3NDEKTSV4RRFFQ69G5FAV', { usage_limit: 1 });
    expect(missing.status).toBe(404);
    expect((await call('PUT', `/${id}`, { usage_limit: -2 })).status).toBe(422);
  });

  it('revokes and unrevokes, with MAS’s 400 for each done twice', async () => {
    const mock = await startMock({ scenario: 'oidc' });
    const call = await admin(mock);
    const { id } = (await call('POST', '', { token: 'abc' })).body.data;
    mock.env.advance(1000);
    const revoked = await call('POST', `/${id}/revoke`);
    expect(revoked.status).toBe(200);
    expect(revoked.body.data.attributes).toMatchObject({ valid: false, revoked_at: '2026-01-01T00:00:01Z' });
    expect(revoked.body.links.self).toBe(`/api/admin/v1/user-registration-tokens/${id}/revoke`);
    const again = await call('POST', `/${id}/revoke`);
    expect([again.status, titles(again)]).toEqual([400, [`Registration token with ID ${id} is already revoked`]]);
    const restored = await call('POST', `/${id}/unrevoke`);
    expect(restored.body.data.attributes).toMatchObject({ valid: true, revoked_at: null });
    expect(restored.body.links.self).toBe(`/api/admin/v1/user-registration-tokens/${id}/unrevoke`);
    const twice = await call('POST', `/${id}/unrevoke`);
    expect([twice.status, titles(twice)]).toEqual([400, [`Registration token with ID ${id} is not revoked`]]);
    expect((await call('POST', '/01ARZ3NDEKTSV4RRFFQ69G5FAV/revoke')).status).toBe(404);
  });
});

describe("MAS's admin API: the list", () => {
  /** Five tokens, one of each kind list.rs's tests make. */
  async function fiveTokens(mock: Mock) {
    const call = await admin(mock);
    const make = async (token: string, fields: Record<string, unknown> = {}) => {
      const made = await call('POST', '', { token, ...fields });
      mock.env.advance(1);
      return made.body.data.id;
    };
    await make('unused', { usage_limit: 10 });
    await make('used', { usage_limit: 10 });
    const revoked = await make('revoked');
    await make('expired', { expires_at: '2025-12-31T00:00:00Z' });
    await make('spent', { usage_limit: 0 });
    await call('POST', `/${revoked}/revoke`);
    const used = Object.values(mock.state.oauth.registrationTokens).find((token) => token.token === 'used');
    if (used) used.timesUsed = 1;
    return call;
  }
  const names = (reply: MasReply) => reply.body.data.map((token) => token.attributes.token);

  it('lists in the order made, with meta.count and links, ten at a time', async () => {
    const mock = await startMock({ scenario: 'oidc' });
    const call = await fiveTokens(mock);
    const all = await call('GET');
    expect(all.status).toBe(200);
    expect(names(all)).toEqual(['unused', 'used', 'revoked', 'expired', 'spent']);
    expect(all.body.meta).toEqual({ count: 5 });
    expect(all.body.links).toEqual({
      self: '/api/admin/v1/user-registration-tokens?page[first]=10',
      first: '/api/admin/v1/user-registration-tokens?page[first]=10',
      last: '/api/admin/v1/user-registration-tokens?page[last]=10',
    });
    expect(all.body.data[0]?.meta?.page.cursor).toBe(all.body.data[0]?.id);
  });

  it('filters by used, revoked, expired and valid (registration_token.rs:64-185)', async () => {
    const mock = await startMock({ scenario: 'oidc' });
    const call = await fiveTokens(mock);
    expect(names(await call('GET', '?filter[used]=true'))).toEqual(['used']);
    expect(names(await call('GET', '?filter[revoked]=true'))).toEqual(['revoked']);
    expect(names(await call('GET', '?filter[expired]=true'))).toEqual(['expired']);
    expect(names(await call('GET', '?filter[valid]=true'))).toEqual(['unused', 'used']);
    const invalid = await call('GET', '?filter[valid]=false&filter[used]=false');
    expect(names(invalid)).toEqual(['revoked', 'expired', 'spent']);
    expect(invalid.body.links.self).toBe(
      '/api/admin/v1/user-registration-tokens?filter[used]=false&filter[valid]=false&page[first]=10',
    );
    const wrong = await call('GET', '?filter[valid]=yes');
    expect([wrong.status, titles(wrong)]).toEqual([400, ['Invalid filter parameters']]);
  });

  it('pages forward and back by cursor, and counts alone or not at all', async () => {
    const mock = await startMock({ scenario: 'oidc' });
    const call = await fiveTokens(mock);
    const first = await call('GET', '?page[first]=2');
    expect(names(first)).toEqual(['unused', 'used']);
    const cursor = first.body.data[1]?.id ?? '';
    expect(first.body.links.next).toBe(`/api/admin/v1/user-registration-tokens?page[after]=${cursor}&page[first]=2`);
    expect(first.body.links.prev).toBeUndefined();
    const second = await call('GET', `?page[first]=2&page[after]=${cursor}`);
    expect(names(second)).toEqual(['revoked', 'expired']);
    const last = await call('GET', '?page[last]=2');
    expect(names(last)).toEqual(['expired', 'spent']);
    expect(last.body.links.prev).toBe(
      `/api/admin/v1/user-registration-tokens?page[before]=${last.body.data[0]?.id}&page[last]=2`,
    );
    expect(last.body.links.next).toBeUndefined();

    const only = await call('GET', '?count=only&filter[valid]=true');
    expect(only.body).toEqual({
      meta: { count: 2 },
      links: { self: '/api/admin/v1/user-registration-tokens?filter[valid]=true&count=only' },
    });
    const uncounted = await call('GET', '?count=false');
    expect(uncounted.body.meta).toBeUndefined();
    expect(uncounted.body.links.self).toBe('/api/admin/v1/user-registration-tokens?count=false&page[first]=10');

    const both = await call('GET', '?page[first]=1&page[last]=1');
    expect([both.status, titles(both)]).toEqual([
      400,
      ['Cannot specify both `page[first]` and `page[last]` parameters'],
    ]);
    for (const query of ['?page[first]=0', '?page[after]=__proto__', '?count=maybe']) {
      const refused = await call('GET', query);
      expect([refused.status, titles(refused)]).toEqual([400, ['Invalid pagination parameters']]);
    }
  });
});

describe("MAS's admin API: the mock's control surface", () => {
  it('is closed to pages of other origins unless controlOrigins names them', async () => {
    const mock = await startMock({ scenario: 'oidc' });
    const preflight = await mock.call('OPTIONS', TOKENS, {
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(preflight.status).toBe(403);
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();

    const open = await startMock({
      scenario: 'oidc',
      overrides: { controlOrigins: ['http://localhost:5173'] },
    });
    const allowed = await open.call('OPTIONS', TOKENS, {
      headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'PUT' },
    });
    expect(allowed.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect(allowed.headers.get('access-control-allow-methods')).toContain('PUT');
  });

  it('answers 404 where MAS does not expose its admin API (oauth.adminApi false)', async () => {
    const oauth = { issuer: '/oauth2/', accountUrl: '/oauth2/account', adminApi: false };
    const mock = await startMock({ scenario: 'oidc', overrides: { oauth } });
    const call = adminApi(mock, (await signInForToken(mock)).accessToken);
    expect((await call('GET')).status).toBe(404);
    expect((await call('POST', '', { token: 'x' })).status).toBe(404);
    expect(Object.keys(mock.state.oauth.registrationTokens)).toEqual([]);
  });

  it('answers over real HTTP, brackets in the query and all, to a page of a configured origin', async () => {
    const env = fakeEnvironment();
    const origin = 'http://localhost:5173';
    const controller = await MockController.create({
      scenario: 'oidc-invite',
      env,
      overrides: { controlOrigins: [origin] },
    });
    const { accessToken } = await signInForToken(driveMock(controller, env));
    const server = await listenOnLoopback(controller);
    try {
      const headers = { authorization: `Bearer ${accessToken}`, origin };
      const listed = await fetch(`${server.base}${TOKENS}?filter[valid]=true&page[first]=1`, { headers });
      expect(listed.status).toBe(200);
      expect(listed.headers.get('access-control-allow-origin')).toBe(origin);
      const body = (await listed.json()) as MasReply['body'];
      expect(body.data.map((token) => token.attributes.token)).toEqual(['letmein']);
      expect(body.links.next).toMatch(
        /^\/api\/admin\/v1\/user-registration-tokens\?filter\[valid\]=true&page\[after\]=/,
      );
      const made = await fetch(`${server.base}${TOKENS}`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify({ usage_limit: 2 }),
      });
      expect(made.status).toBe(201);
    } finally {
      await server.close();
    }
  });

  it('lists MAS tokens at /_mock/mas-registration-tokens, without a token', async () => {
    const mock = await startMock({ scenario: 'oidc-invite' });
    const listed = await mock.call('GET', '/_mock/mas-registration-tokens');
    const tokens = listed.body.registration_tokens as unknown as { token: string; valid: boolean }[];
    expect(tokens.map(({ token, valid }) => [token, valid])).toEqual([
      ['letmein', true],
      ['single-use', true],
      ['expired', false],
      ['revoked', false],
    ]);
  });
});

describe("MAS's admin API: hostile input past the gate", () => {
  const HOSTILE = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', '', '\u0000', 'a'.repeat(300), '%2F..'];

  it('keeps IDs, token texts and bodies named after Object.prototype as plain data', async () => {
    const mock = await startMock({ scenario: 'oidc-invite' });
    const call = await admin(mock);
    const before = Object.getOwnPropertyNames(Object.prototype).sort();
    for (const hostile of HOSTILE) {
      const id = encodeURIComponent(hostile);
      for (const [method, path] of [
        ['GET', `/${id}`],
        ['PUT', `/${id}`],
        ['POST', `/${id}/revoke`],
        ['POST', `/${id}/unrevoke`],
        ['GET', `?page[after]=${id}&filter[used]=${id}`],
      ] as const) {
        const reply = await call(method, path, method === 'PUT' ? { [hostile]: hostile, usage_limit: 1 } : undefined);
        expect(reply.status, `${method} ${path}`).toBeLessThan(500);
        expect(reply.status, `${method} ${path}`).not.toBe(200);
      }
      const made = await call(
        'POST',
        '',
        JSON.parse(`{"token": ${JSON.stringify(hostile)}, "__proto__": {"polluted": 1}}`),
      );
      expect(made.status).toBe(201);
      expect(made.body.data.attributes.token).toBe(hostile);
    }
    expect(Object.getPrototypeOf(mock.state.oauth.registrationTokens)).toBeNull();
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    // A sign-up that types one of them finds that token, and no inherited member.
    expect(Object.values(mock.state.oauth.registrationTokens).map((token) => token.token)).toContain('__proto__');
  });
});

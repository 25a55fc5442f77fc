// @vitest-environment jsdom
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { describeOAuthServer, type OAuthServer } from '../oauth/metadata';
import { s256 } from '../oauth/pkce';
import { ADMIN_ROUND_TRIP_KEY, type AdminRoundTrip } from './admin-round-trip';
import { AdminProblem, type TokenDesk } from './desk-api';
import type { MasAdminApi } from './find-admin-api';
import { completeMasAdminSignIn, MAS_ADMIN_SCOPE, startMasAdminSignIn } from './mas-desk';
import { MAS_MAX_PAGES } from './mas-tokens';

// The MAS desk against a stand-in for MAS answering as its code does, until the mock homeserver
// plays MAS's admin API: JSON:API envelopes (crates/handlers/src/admin/response.rs), the token's
// attributes and KIND (admin/model.rs `UserRegistrationToken`), list filters and `links.next`
// (admin/v1/user_registration_tokens/list.rs), 201/409 (add.rs), 404 (update.rs), 400 on revoking
// twice (revoke.rs, unrevoke.rs), 401 without `urn:mas:admin` (admin/call_context.rs), userinfo
// `{sub, username}` (oauth2/userinfo.rs), and a token answer carrying `scope` (oauth2/token.rs).

const ISSUER = 'https://auth.example.org/';
const ADMIN_BASE = `${ISSUER}api/admin/v1/`;
const TOKENS = `${ADMIN_BASE}user-registration-tokens`;
const ACCESS_TOKEN = 'mat_admin_session_token';
const metadata = {
  issuer: ISSUER,
  authorization_endpoint: `${ISSUER}authorize`,
  token_endpoint: `${ISSUER}oauth2/token`,
  registration_endpoint: `${ISSUER}oauth2/registration`,
  revocation_endpoint: `${ISSUER}oauth2/revoke`,
  userinfo_endpoint: `${ISSUER}oauth2/userinfo`,
  code_challenge_methods_supported: ['S256'],
  response_modes_supported: ['query', 'fragment'],
};
const oauth = describeOAuthServer(metadata) as OAuthServer;
const api: MasAdminApi = {
  world: 'mas',
  homeserver: 'https://matrix.example.org',
  issuer: ISSUER,
  adminBase: ADMIN_BASE,
  oauth,
  serverName: 'example.org',
};
const page = new URL('https://join.example.org/invite.html?lang=de');

interface FakeToken {
  id: string;
  token: string;
  usage_limit: number | null;
  times_used: number;
  created_at: string;
  last_used_at: string | null;
  expires_at: string | null;
  revoked_at: string | null;
}

const ulid = (n: number) => `01JADM${String(n).padStart(20, '0')}`;

const fake = {
  tokens: [] as FakeToken[],
  grantedScope: MAS_ADMIN_SCOPE as string | undefined,
  /** Whether the admin API honours the scope (MAS) or refuses the session anyway. */
  adminApi: 'up' as 'up' | 'missing-scope' | 'not-exposed',
  /** The server's own page size (MAS takes any `page[first]`; a smaller one tests the paging). */
  pageSize: 10,
  calls: [] as { method: string; url: string; body: string; authorization: string | null }[],
};

function isValid(token: FakeToken): boolean {
  const expired = token.expires_at !== null && Date.parse(token.expires_at) <= Date.now();
  const spent = token.usage_limit !== null && token.times_used >= token.usage_limit;
  return token.revoked_at === null && !expired && !spent;
}

function resource(token: FakeToken) {
  const { id, ...attributes } = token;
  return {
    type: 'user-registration_token',
    id,
    attributes: { ...attributes, valid: isValid(token) },
    links: { self: `/api/admin/v1/user-registration-tokens/${id}` },
  };
}

const single = (token: FakeToken, status = 200) =>
  HttpResponse.json(
    { data: resource(token), links: { self: `/api/admin/v1/user-registration-tokens/${token.id}` } },
    { status },
  );
const errors = (title: string, status: number) => HttpResponse.json({ errors: [{ title }] }, { status });

/** MAS's call context: the bearer token, then the scope. */
function refused(request: Request): Response | undefined {
  if (fake.adminApi === 'not-exposed') return new HttpResponse(null, { status: 404 });
  if (request.headers.get('authorization') !== `Bearer ${ACCESS_TOKEN}`) return errors('Unknown access token', 401);
  if (fake.adminApi === 'missing-scope') return errors('Missing urn:mas:admin scope', 401);
  return undefined;
}

/** MAS's userinfo for the admin (`oauth2/userinfo.rs`). */
const USERINFO: Record<string, string> = { sub: '01JADMINSUB', username: 'root' };

const known = (id: unknown) => fake.tokens.find((token) => token.id === id);

const handlers = [
  // First, answering nothing: every request the desk makes, in order, before it is answered.
  http.all('*', async ({ request }) => {
    fake.calls.push({
      method: request.method,
      url: request.url,
      body: await request.clone().text(),
      authorization: request.headers.get('authorization'),
    });
  }),
  http.post(`${ISSUER}oauth2/registration`, () => HttpResponse.json({ client_id: 'desk-client' }, { status: 201 })),
  http.post(`${ISSUER}oauth2/token`, () =>
    HttpResponse.json({
      access_token: ACCESS_TOKEN,
      token_type: 'Bearer',
      expires_in: 300,
      ...(fake.grantedScope === undefined ? {} : { scope: fake.grantedScope }),
    }),
  ),
  http.get(`${ISSUER}oauth2/userinfo`, ({ request }) =>
    request.headers.get('authorization') === `Bearer ${ACCESS_TOKEN}`
      ? HttpResponse.json(USERINFO)
      : new HttpResponse(null, { status: 401 }),
  ),
  http.post(`${ISSUER}oauth2/revoke`, () => HttpResponse.json({})),
  http.get(TOKENS, ({ request }) => {
    const answer = refused(request);
    if (answer) return answer;
    const query = new URL(request.url).searchParams;
    const valid = query.get('filter[valid]');
    const after = query.get('page[after]');
    const size = Math.min(Number(query.get('page[first]') ?? 10), fake.pageSize);
    const matching = fake.tokens.filter((token) => valid === null || isValid(token) === (valid === 'true'));
    const start = after === null ? 0 : matching.findIndex((token) => token.id === after) + 1;
    const shown = matching.slice(start, start + size);
    const more = start + size < matching.length;
    return HttpResponse.json({
      data: shown.map((token) => ({ ...resource(token), meta: { page: { cursor: token.id } } })),
      links: {
        self: '/api/admin/v1/user-registration-tokens',
        ...(more
          ? { next: `/api/admin/v1/user-registration-tokens?page[after]=${shown.at(-1)?.id}&page[first]=${size}` }
          : {}),
      },
    });
  }),
  http.post(TOKENS, async ({ request }) => {
    const answer = refused(request);
    if (answer) return answer;
    const body = (await request.json()) as { token?: string; usage_limit?: number | null; expires_at?: string | null };
    const text = body.token ?? 'Rand0mTwelve';
    if (fake.tokens.some((token) => token.token === text)) {
      return errors('A registration token with the same token already exists', 409);
    }
    const token: FakeToken = {
      id: ulid(fake.tokens.length + 1),
      token: text,
      usage_limit: body.usage_limit ?? null,
      times_used: 0,
      created_at: '2026-12-06T21:00:00Z',
      last_used_at: null,
      expires_at: body.expires_at ?? null,
      revoked_at: null,
    };
    fake.tokens.push(token);
    return single(token, 201);
  }),
  http.get(`${TOKENS}/:id`, ({ request, params }) => {
    const token = known(params.id);
    return (
      refused(request) ??
      (token ? single(token) : errors(`Registration token with ID ${String(params.id)} not found`, 404))
    );
  }),
  http.put(`${TOKENS}/:id`, async ({ request, params }) => {
    const answer = refused(request);
    if (answer) return answer;
    const token = known(params.id);
    if (!token) return errors(`Registration token with ID ${String(params.id)} not found`, 404);
    const body = (await request.json()) as Record<string, unknown>;
    if ('usage_limit' in body) token.usage_limit = body.usage_limit as number | null;
    if ('expires_at' in body) token.expires_at = body.expires_at as string | null;
    return single(token);
  }),
  http.post(`${TOKENS}/:id/:action`, ({ request, params }) => {
    const answer = refused(request);
    if (answer) return answer;
    const token = known(params.id);
    if (!token) return errors(`Registration token with ID ${String(params.id)} not found`, 404);
    if (params.action === 'revoke') {
      if (token.revoked_at !== null) return errors(`Registration token with ID ${token.id} is already revoked`, 400);
      token.revoked_at = '2026-12-06T21:30:00Z';
    } else {
      if (token.revoked_at === null) return errors(`Registration token with ID ${token.id} is not revoked`, 400);
      token.revoked_at = null;
    }
    return single(token);
  }),
];

const network = setupServer(...handlers);
beforeAll(() => network.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  network.resetHandlers();
  sessionStorage.clear();
  fake.tokens = [];
  fake.grantedScope = MAS_ADMIN_SCOPE;
  fake.adminApi = 'up';
  fake.pageSize = 10;
  fake.calls = [];
});
afterAll(() => network.close());

async function rejection(promise: Promise<unknown>): Promise<AdminProblem> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (!(error instanceof AdminProblem)) throw new Error(`expected an AdminProblem, got ${String(error)}`);
  return error;
}

/** What the desk kept for the way back. */
function savedRoundTrip(): AdminRoundTrip {
  return JSON.parse(sessionStorage.getItem(ADMIN_ROUND_TRIP_KEY) ?? '{}') as AdminRoundTrip;
}

/** The admin's return from MAS with `answer` in the fragment (the state is the saved one unless given). */
async function returnWith(answer: Record<string, string>): Promise<TokenDesk | undefined> {
  await startMasAdminSignIn(api, page, 'Invite desk');
  const fragment = new URLSearchParams({ state: savedRoundTrip().state, ...answer });
  return completeMasAdminSignIn(api, new URL(`https://join.example.org/invite.html#${fragment.toString()}`));
}

async function signedIn(): Promise<TokenDesk> {
  const desk = await returnWith({ code: 'the-code' });
  if (!desk) throw new Error('no desk');
  fake.calls = [];
  return desk;
}

const form = (body: string) => Object.fromEntries(new URLSearchParams(body));
const callsTo = (url: string) => fake.calls.filter((call) => call.url.split('?')[0] === url);

function addTokens(count: number, extra: Partial<FakeToken> = {}) {
  for (let n = 1; n <= count; n++) {
    fake.tokens.push({
      id: ulid(fake.tokens.length + 1),
      token: `token-${String(fake.tokens.length + 1)}`,
      usage_limit: null,
      times_used: 0,
      created_at: '2026-12-01T10:00:00Z',
      last_used_at: null,
      expires_at: null,
      revoked_at: null,
      ...extra,
    });
  }
}

describe('the issuer’s userinfo endpoint', () => {
  it('is trusted only on the issuer’s origin: the admin’s name is not asked of another server', () => {
    expect(oauth.userinfo).toBe(metadata.userinfo_endpoint);
    expect(describeOAuthServer({ ...metadata, userinfo_endpoint: 'https://evil.example/userinfo' })).not.toHaveProperty(
      'userinfo',
    );
  });
});

describe('startMasAdminSignIn', () => {
  it('registers the page as a client and asks for openid and urn:mas:admin with PKCE S256, without prompt', async () => {
    const url = new URL(await startMasAdminSignIn(api, page, 'Invite desk'));
    const registration = JSON.parse(callsTo(`${ISSUER}oauth2/registration`)[0]?.body ?? '{}') as Record<
      string,
      unknown
    >;
    expect(registration).toMatchObject({
      client_name: 'Invite desk',
      redirect_uris: ['https://join.example.org/invite.html'],
    });
    const saved = savedRoundTrip();
    expect(`${url.origin}${url.pathname}`).toBe(`${ISSUER}authorize`);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: 'code',
      response_mode: 'fragment',
      client_id: 'desk-client',
      redirect_uri: 'https://join.example.org/invite.html',
      scope: 'openid urn:mas:admin',
      state: saved.state,
      code_challenge: await s256(saved.verifier),
      code_challenge_method: 'S256',
    });
    expect(url.href).not.toContain(saved.verifier);
    expect(saved).toMatchObject({ issuer: ISSUER, tokenEndpoint: metadata.token_endpoint, clientId: 'desk-client' });
    // Its own key: the sign-up page's round trip is not touched.
    expect(sessionStorage.getItem('matrix-signup.oauth-round-trip')).toBeNull();
  });

  it('a refused client registration is a server problem with MAS’s words, and nothing is kept', async () => {
    network.use(
      http.post(`${ISSUER}oauth2/registration`, () =>
        HttpResponse.json({ error: 'invalid_redirect_uri', error_description: 'not allowed' }, { status: 400 }),
      ),
    );
    expect(await rejection(startMasAdminSignIn(api, page, 'x'))).toMatchObject({
      kind: 'server',
      details: { serverMessage: 'not allowed' },
    });
    expect(sessionStorage.length).toBe(0);
  });
});

describe('completeMasAdminSignIn', () => {
  it('an address without an answer is no sign-in: undefined, nothing asked, the round trip kept', async () => {
    await startMasAdminSignIn(api, page, 'x');
    fake.calls = [];
    await expect(completeMasAdminSignIn(api, page)).resolves.toBeUndefined();
    expect(fake.calls).toEqual([]);
    expect(sessionStorage.getItem(ADMIN_ROUND_TRIP_KEY)).not.toBeNull();
  });

  it('exchanges the code with the verifier, checks the admin API, names the admin; the token is kept nowhere', async () => {
    await startMasAdminSignIn(api, page, 'x');
    const { state, verifier } = savedRoundTrip();
    const desk = await completeMasAdminSignIn(
      api,
      new URL(`https://join.example.org/invite.html#code=the-code&state=${state}`),
    );
    expect(desk).toMatchObject({ world: 'mas', adminId: '@root:example.org' });
    expect(form(callsTo(metadata.token_endpoint)[0]?.body ?? '')).toEqual({
      grant_type: 'authorization_code',
      code: 'the-code',
      redirect_uri: 'https://join.example.org/invite.html',
      client_id: 'desk-client',
      code_verifier: verifier,
    });
    expect(callsTo(TOKENS)[0]?.authorization).toBe(`Bearer ${ACCESS_TOKEN}`);
    expect(fake.calls.every((call) => !call.url.includes(ACCESS_TOKEN))).toBe(true);
    expect(sessionStorage.length).toBe(0);
    expect(JSON.stringify(desk)).not.toContain(ACCESS_TOKEN);
    // Used once: the same answer again finds no round trip.
    expect(
      (
        await rejection(
          completeMasAdminSignIn(api, new URL(`https://join.example.org/invite.html#code=the-code&state=${state}`)),
        )
      ).kind,
    ).toBe('signed-out');
  });

  it('takes the answer out of the browser’s address when the page is that address', async () => {
    const here = new URL('/invite.html?lang=de', window.location.href);
    await startMasAdminSignIn(api, here, 'x');
    window.history.replaceState(null, '', `/invite.html?lang=de#code=the-code&state=${savedRoundTrip().state}`);
    await expect(completeMasAdminSignIn(api, new URL(window.location.href))).resolves.toBeDefined();
    expect(window.location.href).toBe(here.href);
  });

  it.each([
    ['another state', { state: 'forged', code: 'c' }],
    ['another issuer (RFC 9207)', { code: 'c', iss: 'https://evil.example/' }],
  ])('refuses an answer with %s before any request: signed-out', async (_, answer) => {
    await startMasAdminSignIn(api, page, 'x');
    fake.calls = [];
    const fragment = new URLSearchParams({ state: savedRoundTrip().state, ...answer });
    const problem = await rejection(completeMasAdminSignIn(api, new URL(`${page.href}#${fragment.toString()}`)));
    expect(problem.kind).toBe('signed-out');
    expect(fake.calls).toEqual([]);
  });

  it('a cancel at MAS (access_denied) is signed-out with its words', async () => {
    expect(await rejection(returnWith({ error: 'access_denied', error_description: 'cancelled' }))).toMatchObject({
      kind: 'signed-out',
      details: { serverMessage: 'cancelled' },
    });
  });

  it('a grant without urn:mas:admin is not-admin, and the token is revoked at once', async () => {
    fake.grantedScope = 'openid';
    expect((await rejection(returnWith({ code: 'c' }))).kind).toBe('not-admin');
    expect(form(callsTo(metadata.revocation_endpoint)[0]?.body ?? '')).toEqual({
      token: ACCESS_TOKEN,
      token_type_hint: 'access_token',
      client_id: 'desk-client',
    });
    expect(callsTo(TOKENS)).toEqual([]);
  });

  it('a token answer without `scope` is the scope asked for (RFC 6749 §5.1)', async () => {
    fake.grantedScope = undefined;
    await expect(returnWith({ code: 'c' })).resolves.toMatchObject({ world: 'mas' });
  });

  it('an admin API that refuses the session (401, MAS’s missing scope) is not-admin; one not exposed is not-exposed', async () => {
    fake.adminApi = 'missing-scope';
    expect(await rejection(returnWith({ code: 'c' }))).toMatchObject({
      kind: 'not-admin',
      details: { serverMessage: 'Missing urn:mas:admin scope' },
    });
    fake.adminApi = 'not-exposed';
    expect((await rejection(returnWith({ code: 'c' }))).kind).toBe('not-exposed');
    expect(callsTo(metadata.revocation_endpoint)).toHaveLength(2);
  });

  it('an admin API this page may not read (no CORS) is unreachable', async () => {
    network.use(http.get(TOKENS, () => HttpResponse.error()));
    expect((await rejection(returnWith({ code: 'c' }))).kind).toBe('unreachable');
  });

  it('a used code (invalid_grant) is signed-out', async () => {
    network.use(
      http.post(metadata.token_endpoint, () => HttpResponse.json({ error: 'invalid_grant' }, { status: 400 })),
    );
    expect((await rejection(returnWith({ code: 'c' }))).kind).toBe('signed-out');
  });
});

describe('the MAS desk', () => {
  it('lists every page by its cursor, passing MAS’s own validity filter', async () => {
    addTokens(25);
    const desk = await signedIn();
    const all = await desk.list('all');
    expect(all.map((token) => token.token)).toEqual(fake.tokens.map((token) => token.token));
    const queries = callsTo(TOKENS).map((call) => Object.fromEntries(new URL(call.url).searchParams));
    expect(queries).toEqual([
      { 'page[first]': '100', count: 'false' },
      { 'page[first]': '100', 'page[after]': ulid(10), count: 'false' },
      { 'page[first]': '100', 'page[after]': ulid(20), count: 'false' },
    ]);
    fake.calls = [];
    await desk.list('valid');
    await desk.list('spent');
    // All 25 are valid: three pages of them, one empty page of spent ones.
    expect(callsTo(TOKENS).map((call) => new URL(call.url).searchParams.get('filter[valid]'))).toEqual([
      'true',
      'true',
      'true',
      'false',
    ]);
  });

  it('stops after its cap when a server always says there is more', async () => {
    addTokens(1);
    const desk = await signedIn();
    network.use(
      http.get(TOKENS, () =>
        HttpResponse.json({
          data: [{ ...resource(fake.tokens[0] as FakeToken), meta: { page: { cursor: ulid(1) } } }],
          links: { self: '/x', next: `/x?page[after]=${ulid(1)}` },
        }),
      ),
    );
    await expect(desk.list('all')).resolves.toHaveLength(MAS_MAX_PAGES);
  });

  it('reads MAS’s fields: usage limit, times used, times as milliseconds, revoked, no pending count', async () => {
    addTokens(1, {
      usage_limit: 2,
      times_used: 1,
      last_used_at: '2026-12-02T08:00:00Z',
      expires_at: '2027-01-01T00:00:00Z',
      revoked_at: '2026-12-03T09:00:00Z',
    });
    const [token] = await (await signedIn()).list('spent');
    expect(token).toEqual({
      id: ulid(1),
      token: 'token-1',
      usesAllowed: 2,
      timesUsed: 1,
      pending: null,
      expiresAt: Date.UTC(2027, 0, 1),
      revokedAt: Date.UTC(2026, 11, 3, 9),
      createdAt: Date.UTC(2026, 11, 1, 10),
      lastUsedAt: Date.UTC(2026, 11, 2, 8),
      valid: false,
    });
  });

  it('a resource of another kind, or a time that is not one, is a shape the desk cannot read', async () => {
    addTokens(1);
    const desk = await signedIn();
    network.use(
      http.get(TOKENS, () =>
        HttpResponse.json({
          data: [{ ...resource(fake.tokens[0] as FakeToken), type: 'user' }],
          links: { self: '/x' },
        }),
      ),
    );
    expect((await rejection(desk.list('all'))).kind).toBe('server');
    network.use(
      http.get(TOKENS, () => {
        const broken = resource(fake.tokens[0] as FakeToken);
        return HttpResponse.json({
          data: [{ ...broken, attributes: { ...broken.attributes, created_at: 'soon' } }],
          links: { self: '/x' },
        });
      }),
    );
    expect((await rejection(desk.list('all'))).kind).toBe('server');
  });

  it('makes a token with two uses and an expiry as MAS takes them; a taken text is token-taken', async () => {
    addTokens(1);
    const desk = await signedIn();
    const made = await desk.create({ usesAllowed: 2, expiresAt: Date.UTC(2027, 5, 1) });
    expect(made).toMatchObject({ token: 'Rand0mTwelve', usesAllowed: 2, timesUsed: 0, valid: true, revokedAt: null });
    expect(JSON.parse(callsTo(TOKENS)[0]?.body ?? '{}')).toEqual({
      usage_limit: 2,
      expires_at: '2027-06-01T00:00:00.000Z',
    });
    expect(await rejection(desk.create({ token: 'token-1', usesAllowed: null, expiresAt: null }))).toMatchObject({
      kind: 'token-taken',
      details: { field: 'token', status: 409 },
    });
  });

  it('refuses before sending what MAS’s types cannot hold, each at its field', async () => {
    const desk = await signedIn();
    for (const usesAllowed of [-1, 1.5, 2 ** 32]) {
      expect(await rejection(desk.create({ usesAllowed, expiresAt: null }))).toMatchObject({
        kind: 'invalid',
        details: { field: 'usesAllowed' },
      });
    }
    expect(await rejection(desk.create({ usesAllowed: 1, expiresAt: Number.NaN }))).toMatchObject({
      details: { field: 'expiresAt' },
    });
    expect(await rejection(desk.create({ token: '', usesAllowed: 1, expiresAt: null }))).toMatchObject({
      details: { field: 'token' },
    });
    expect(callsTo(TOKENS)).toEqual([]);
  });

  it('a body MAS could not read (axum’s 422, plain text) is invalid', async () => {
    const desk = await signedIn();
    network.use(http.post(TOKENS, () => new HttpResponse('Failed to deserialize the JSON body', { status: 422 })));
    expect(await rejection(desk.create({ usesAllowed: 1, expiresAt: null }))).toMatchObject({
      kind: 'invalid',
      details: { status: 422 },
    });
  });

  it('changes only the fields given (null lifts a limit); an unknown token is no-such-token', async () => {
    addTokens(1, { usage_limit: 3, expires_at: '2027-01-01T00:00:00Z' });
    const desk = await signedIn();
    await expect(desk.update(ulid(1), { usesAllowed: null })).resolves.toMatchObject({
      usesAllowed: null,
      expiresAt: Date.UTC(2027, 0, 1),
    });
    expect(JSON.parse(callsTo(`${TOKENS}/${ulid(1)}`)[0]?.body ?? '')).toEqual({ usage_limit: null });
    expect(await rejection(desk.update(ulid(9), { usesAllowed: 1 }))).toMatchObject({
      kind: 'no-such-token',
      details: { status: 404 },
    });
    fake.calls = [];
    expect((await rejection(desk.update('../users', { usesAllowed: 1 }))).kind).toBe('no-such-token');
    expect(fake.calls).toEqual([]);
    expect('remove' in desk).toBe(false);
  });

  it('revokes and restores; doing it twice answers the token as it now is', async () => {
    addTokens(1);
    const desk = await signedIn();
    await expect(desk.revoke?.(ulid(1))).resolves.toMatchObject({
      revokedAt: Date.UTC(2026, 11, 6, 21, 30),
      valid: false,
    });
    await expect(desk.revoke?.(ulid(1))).resolves.toMatchObject({ revokedAt: Date.UTC(2026, 11, 6, 21, 30) });
    await expect(desk.restore?.(ulid(1))).resolves.toMatchObject({ revokedAt: null, valid: true });
    await expect(desk.restore?.(ulid(1))).resolves.toMatchObject({ revokedAt: null });
    expect((await rejection(desk.revoke?.(ulid(7)) ?? Promise.resolve())).kind).toBe('no-such-token');
  });

  it('a token no longer valid (revoked elsewhere, expired) is signed-out', async () => {
    const desk = await signedIn();
    network.use(
      http.get(TOKENS, () => HttpResponse.json({ errors: [{ title: 'Access token revoked' }] }, { status: 401 })),
    );
    expect((await rejection(desk.list('all'))).kind).toBe('signed-out');
  });

  it('sign-out revokes the access token (RFC 7009) and forgets it', async () => {
    const desk = await signedIn();
    await desk.signOut();
    expect(form(callsTo(metadata.revocation_endpoint)[0]?.body ?? '')).toEqual({
      token: ACCESS_TOKEN,
      token_type_hint: 'access_token',
      client_id: 'desk-client',
    });
    expect((await rejection(desk.list('all'))).kind).toBe('signed-out');
    fake.calls = [];
    await desk.signOut();
    expect(fake.calls).toEqual([]);
  });

  it('sign-out on unload is a keepalive form POST to the revocation endpoint, not awaited', async () => {
    const desk = await signedIn();
    const fetchSpy = vi.spyOn(globalThis, 'fetch');
    desk.signOutOnUnload();
    expect(fetchSpy).toHaveBeenCalledTimes(1);
    const [url, init] = fetchSpy.mock.calls[0] ?? [];
    expect(url).toBe(metadata.revocation_endpoint);
    expect(init).toMatchObject({ method: 'POST', keepalive: true, credentials: 'omit' });
    expect(init?.body).toBeInstanceOf(URLSearchParams);
    expect(Object.fromEntries(init?.body as URLSearchParams)).toMatchObject({
      token: ACCESS_TOKEN,
      client_id: 'desk-client',
    });
    expect((await rejection(desk.list('all'))).kind).toBe('signed-out');
  });
});

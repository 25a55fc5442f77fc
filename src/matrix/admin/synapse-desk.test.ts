import { http, HttpResponse } from 'msw';
import { describe, expect, it, vi } from 'vitest';
import { MOCK_ADMIN, MOCK_BASE_URL } from 'matrix-mock-homeserver';
import { startMockHomeserver } from '../../test/mock-homeserver';
import { homeserverAt } from '../homeserver';
import { AdminProblem, type TokenDesk } from './desk-api';
import { findAdminApi, type SynapseAdminApi } from './find-admin-api';
import { signInToSynapse, SYNAPSE_DEVICE_NAME } from './synapse-desk';

// The Synapse desk against the mock homeserver, which serves Synapse's token admin API
// (`mocks/model/admin.ts`, after synapse/rest/admin/registration_tokens.py) and its admin
// `admin` / `admin-password`, and `/logout` (after synapse/rest/client/logout.py).

const mock = await startMockHomeserver();
const api: SynapseAdminApi = { world: 'synapse', homeserver: MOCK_BASE_URL, serverName: 'localhost:8008' };
const ADMIN_ID = '@admin:localhost:8008';
const LOGOUT = `${MOCK_BASE_URL}/_matrix/client/v3/logout`;

/** Every `POST /logout`'s Authorization header, passed on to the mock, which ends that token. */
function answerLogout(): (string | null)[] {
  const seen: (string | null)[] = [];
  mock.server.use(
    http.post(LOGOUT, ({ request }) => {
      seen.push(request.headers.get('authorization'));
    }),
  );
  return seen;
}

/** The JSON bodies the page sends to `path`, passed on to the mock. */
function spyOn(method: 'post' | 'put', path: string): Record<string, unknown>[] {
  const sent: Record<string, unknown>[] = [];
  mock.server.use(
    http[method](`${MOCK_BASE_URL}${path}`, async ({ request }) => {
      sent.push((await request.clone().json()) as Record<string, unknown>);
    }),
  );
  return sent;
}

async function passwordToken(username: string, password: string): Promise<string> {
  const response = await fetch(`${MOCK_BASE_URL}/_matrix/client/v3/login`, {
    method: 'POST',
    body: JSON.stringify({ type: 'm.login.password', identifier: { type: 'm.id.user', user: username }, password }),
  });
  return ((await response.json()) as { access_token: string }).access_token;
}

const signIn = () => signInToSynapse(api, { username: MOCK_ADMIN.username, password: MOCK_ADMIN.password });

async function rejection(promise: Promise<unknown>): Promise<AdminProblem> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (!(error instanceof AdminProblem)) throw new Error(`expected an AdminProblem, got ${String(error)}`);
  return error;
}

describe('findAdminApi', () => {
  it('Synapse without auth_metadata: its own admin API at the homeserver', async () => {
    const server = { ...homeserverAt(MOCK_BASE_URL), serverName: 'localhost:8008' };
    await expect(findAdminApi(server)).resolves.toEqual({
      world: 'synapse',
      homeserver: MOCK_BASE_URL,
      serverName: 'localhost:8008',
    });
  });

  it('auth_metadata: MAS, its admin API at the issuer', async () => {
    await mock.reset('oidc');
    const server = { ...homeserverAt(MOCK_BASE_URL), serverName: 'localhost:8008' };
    await expect(findAdminApi(server)).resolves.toMatchObject({
      world: 'mas',
      homeserver: MOCK_BASE_URL,
      issuer: `${MOCK_BASE_URL}/oauth2/`,
      adminBase: `${MOCK_BASE_URL}/oauth2/api/admin/v1/`,
      oauth: { endpoints: { token: `${MOCK_BASE_URL}/oauth2/token` }, userinfo: `${MOCK_BASE_URL}/oauth2/userinfo` },
    });
  });

  it('an issuer whose metadata cannot be read: unreachable, not Synapse', async () => {
    await mock.reset('oidc');
    mock.server.use(
      http.get(`${MOCK_BASE_URL}/oauth2/.well-known/openid-configuration`, () => HttpResponse.error()),
      http.get(`${MOCK_BASE_URL}/_matrix/client/*`, ({ request }) =>
        request.url.includes('auth_metadata')
          ? HttpResponse.json({ errcode: 'M_UNRECOGNIZED' }, { status: 404 })
          : undefined,
      ),
    );
    const server = {
      ...homeserverAt(MOCK_BASE_URL),
      serverName: 'localhost:8008',
      oauthIssuer: `${MOCK_BASE_URL}/oauth2/`,
    };
    expect((await rejection(findAdminApi(server))).kind).toBe('unreachable');
  });
});

describe('signInToSynapse', () => {
  it('signs in with the password as m.id.user, naming the device as the invite desk', async () => {
    const sent = spyOn('post', '/_matrix/client/v3/login');
    const desk = await signIn();
    expect(desk).toMatchObject({ world: 'synapse', adminId: ADMIN_ID });
    expect(sent[0]).toEqual({
      type: 'm.login.password',
      identifier: { type: 'm.id.user', user: 'admin' },
      password: MOCK_ADMIN.password,
      initial_device_display_name: SYNAPSE_DEVICE_NAME,
    });
    expect(SYNAPSE_DEVICE_NAME).toMatch(/invite desk/i);
  });

  it('a wrong password is wrong-credentials at the password field, with the server’s words', async () => {
    const problem = await rejection(signInToSynapse(api, { username: 'admin', password: 'nope' }));
    expect(problem).toMatchObject({ kind: 'wrong-credentials', details: { field: 'password', status: 403 } });
    expect(problem.details.serverMessage).toBeTruthy();
  });

  it('someone who is not an admin: not-admin, and the session it made is logged out again', async () => {
    const logouts = answerLogout();
    const problem = await rejection(signInToSynapse(api, { username: 'alice', password: 'alice-password' }));
    expect(problem.kind).toBe('not-admin');
    expect(problem.details.serverMessage).toBe('You are not a server admin');
    expect(logouts).toHaveLength(1);
    expect(logouts[0]).toMatch(/^Bearer \S+$/);
    const whoami = await fetch(`${MOCK_BASE_URL}/_matrix/client/v3/account/whoami`, {
      headers: { authorization: logouts[0] ?? '' },
    });
    expect(whoami.status).toBe(401);
  });

  it('a pasted admin token: whoami names the admin; a pasted token someone else’s, not-admin, and kept', async () => {
    const logouts = answerLogout();
    const desk = await signInToSynapse(api, { accessToken: `  ${await passwordToken('admin', 'admin-password')}\n` });
    expect(desk.adminId).toBe(ADMIN_ID);
    const alice = await passwordToken('alice', 'alice-password');
    expect((await rejection(signInToSynapse(api, { accessToken: alice }))).kind).toBe('not-admin');
    expect(logouts).toEqual([]);
  });

  it('a pasted token the server does not know is wrong-credentials at that field', async () => {
    for (const accessToken of ['syt_unknown', '   ']) {
      expect(await rejection(signInToSynapse(api, { accessToken }))).toMatchObject({
        kind: 'wrong-credentials',
        details: { field: 'accessToken' },
      });
    }
  });
});

describe('the Synapse desk', () => {
  async function desk(): Promise<TokenDesk> {
    return signIn();
  }

  it('lists the tokens with pending and completed; filters valid and spent as Synapse judges them', async () => {
    const tokens = await (await desk()).list('all');
    expect(tokens.map((token) => [token.token, token.valid])).toEqual([
      ['letmein', true],
      ['single-use', true],
      ['expired', false],
      ['used-up', false],
    ]);
    expect(tokens[1]).toEqual({
      id: 'single-use',
      token: 'single-use',
      usesAllowed: 1,
      timesUsed: 0,
      pending: 0,
      expiresAt: null,
      revokedAt: null,
      createdAt: null,
      lastUsedAt: null,
      valid: true,
    });
    expect((await (await desk()).list('valid')).map((token) => token.token)).toEqual(['letmein', 'single-use']);
    const spent = await (await desk()).list('spent');
    expect(spent.map((token) => [token.token, token.valid])).toEqual([
      ['expired', false],
      ['used-up', false],
    ]);
  });

  it('makes a random token with two uses (Synapse’s 16 characters) and a chosen one, with its expiry', async () => {
    const admin = await desk();
    const sent = spyOn('post', '/_synapse/admin/v1/registration_tokens/new');
    const random = await admin.create({ usesAllowed: 2, expiresAt: null });
    expect(random).toMatchObject({ usesAllowed: 2, timesUsed: 0, pending: 0, valid: true });
    expect(random.token).toMatch(/^[A-Za-z0-9._~-]{16}$/);
    expect(random.id).toBe(random.token);
    const expiry = Date.UTC(2030, 0, 1);
    await expect(admin.create({ token: 'spring-2030', usesAllowed: null, expiresAt: expiry })).resolves.toMatchObject({
      token: 'spring-2030',
      expiresAt: expiry,
      usesAllowed: null,
    });
    expect(sent).toEqual([
      { uses_allowed: 2, expiry_time: null },
      { token: 'spring-2030', uses_allowed: null, expiry_time: expiry },
    ]);
    expect(mock.controller.registrationTokens().map((token) => token.token)).toContain('spring-2030');
  });

  it('words each refusal at its field: taken text, bad characters, negative uses, a past expiry', async () => {
    const admin = await desk();
    expect(await rejection(admin.create({ token: 'letmein', usesAllowed: null, expiresAt: null }))).toMatchObject({
      kind: 'token-taken',
      details: { field: 'token', serverMessage: 'Token already exists: letmein' },
    });
    expect(await rejection(admin.create({ token: 'a b', usesAllowed: null, expiresAt: null }))).toMatchObject({
      kind: 'invalid',
      details: { field: 'token' },
    });
    expect(await rejection(admin.create({ usesAllowed: -1, expiresAt: null }))).toMatchObject({
      kind: 'invalid',
      details: { field: 'usesAllowed' },
    });
    expect(await rejection(admin.update('letmein', { expiresAt: Date.UTC(2000, 0, 1) }))).toMatchObject({
      kind: 'invalid',
      details: { field: 'expiresAt' },
    });
  });

  it('refuses `.` and `..` before sending: no browser can address them in a path', async () => {
    const admin = await desk();
    const sent = spyOn('post', '/_synapse/admin/v1/registration_tokens/new');
    for (const token of ['.', '..']) {
      expect(await rejection(admin.create({ token, usesAllowed: null, expiresAt: null }))).toMatchObject({
        kind: 'invalid',
        details: { field: 'token' },
      });
      expect((await rejection(admin.remove?.(token) ?? Promise.resolve())).kind).toBe('invalid');
    }
    expect(sent).toEqual([]);
    // A token with characters a path must escape still reaches its own URL, as one segment.
    const deleted: string[] = [];
    mock.server.use(
      http.delete(`${MOCK_BASE_URL}/_synapse/admin/v1/registration_tokens/*`, ({ request }) => {
        deleted.push(request.url);
        return HttpResponse.json({});
      }),
    );
    await expect(admin.remove?.('a/b?c#d')).resolves.toBeUndefined();
    expect(deleted).toEqual([`${MOCK_BASE_URL}/_synapse/admin/v1/registration_tokens/a%2Fb%3Fc%23d`]);
  });

  it('changes only the fields given, and deletes; a token gone is no-such-token', async () => {
    const admin = await desk();
    const sent = spyOn('put', '/_synapse/admin/v1/registration_tokens/single-use');
    await expect(admin.update('single-use', { usesAllowed: 5 })).resolves.toMatchObject({ usesAllowed: 5 });
    await expect(admin.update('single-use', { usesAllowed: null, expiresAt: null })).resolves.toMatchObject({
      usesAllowed: null,
    });
    expect(sent).toEqual([{ uses_allowed: 5 }, { uses_allowed: null, expiry_time: null }]);
    await expect(admin.remove?.('single-use')).resolves.toBeUndefined();
    expect((await admin.list('all')).map((token) => token.token)).not.toContain('single-use');
    expect(await rejection(admin.remove?.('single-use') ?? Promise.resolve())).toMatchObject({
      kind: 'no-such-token',
    });
    expect((await rejection(admin.update('gone', { usesAllowed: 1 }))).kind).toBe('no-such-token');
    expect('revoke' in admin).toBe(false);
  });

  it('sign-out logs its own session out and forgets the token: every call after is signed-out', async () => {
    const admin = await desk();
    const logouts = answerLogout();
    await admin.signOut();
    expect(logouts).toHaveLength(1);
    const ended = await fetch(`${MOCK_BASE_URL}/_matrix/client/v3/account/whoami`, {
      headers: { authorization: logouts[0] ?? '' },
    });
    expect(ended.status).toBe(401);
    expect((await rejection(admin.list('all'))).kind).toBe('signed-out');
    await admin.signOut();
    expect(logouts).toHaveLength(1);
  });

  it('a pasted token is only forgotten on sign-out: it still works where it came from', async () => {
    const token = await passwordToken('admin', 'admin-password');
    const logouts = answerLogout();
    const admin = await signInToSynapse(api, { accessToken: token });
    await admin.signOut();
    admin.signOutOnUnload();
    expect(logouts).toEqual([]);
    expect((await rejection(admin.list('all'))).kind).toBe('signed-out');
    const whoami = await fetch(`${MOCK_BASE_URL}/_matrix/client/v3/account/whoami`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(whoami.status).toBe(200);
  });

  it('sign-out where the session is already gone at the server is still a sign-out', async () => {
    const admin = await desk();
    mock.server.use(
      http.post(LOGOUT, () => HttpResponse.json({ errcode: 'M_UNKNOWN_TOKEN', error: 'gone' }, { status: 401 })),
    );
    await expect(admin.signOut()).resolves.toBeUndefined();
  });

  it('sign-out that cannot reach the server says so (the token is forgotten here either way)', async () => {
    const admin = await desk();
    mock.server.use(http.post(LOGOUT, () => HttpResponse.error()));
    expect((await rejection(admin.signOut())).kind).toBe('unreachable');
    expect((await rejection(admin.list('all'))).kind).toBe('signed-out');
  });

  it('sign-out on unload is a keepalive POST /logout, not awaited, and forgets the token', async () => {
    const admin = await desk();
    const logouts = answerLogout();
    const fetchSpy = vi.spyOn(globalThis, 'fetch');
    admin.signOutOnUnload();
    expect(fetchSpy).toHaveBeenCalledTimes(1);
    const [url, init] = fetchSpy.mock.calls[0] ?? [];
    expect(url).toBe(LOGOUT);
    expect(init).toMatchObject({ method: 'POST', keepalive: true, credentials: 'omit' });
    expect(new Headers(init?.headers).get('authorization')).toMatch(/^Bearer \S+$/);
    await vi.waitFor(() => expect(logouts).toHaveLength(1));
    expect((await rejection(admin.list('all'))).kind).toBe('signed-out');
  });
});

describe('Synapse’s answers, as the desk’s kinds', () => {
  const TOKENS = `${MOCK_BASE_URL}/_synapse/admin/v1/registration_tokens`;

  it.each([
    [
      'a proxy’s HTML 404 (admin paths blocked)',
      () => new HttpResponse('<h1>Not Found</h1>', { status: 404 }),
      'not-exposed',
    ],
    [
      '404 M_UNRECOGNIZED (no admin resource on this listener)',
      () => HttpResponse.json({ errcode: 'M_UNRECOGNIZED', error: 'Unrecognized request' }, { status: 404 }),
      'not-exposed',
    ],
    ['no answer this page may read (CORS, network)', () => HttpResponse.error(), 'unreachable'],
    [
      '401 M_UNKNOWN_TOKEN (logged out elsewhere)',
      () => HttpResponse.json({ errcode: 'M_UNKNOWN_TOKEN', soft_logout: false }, { status: 401 }),
      'signed-out',
    ],
    [
      'a 500',
      () => HttpResponse.json({ errcode: 'M_UNKNOWN', error: 'Internal server error' }, { status: 500 }),
      'server',
    ],
    ['a 502 page', () => new HttpResponse('Bad Gateway', { status: 502 }), 'server'],
    ['a shape it does not define', () => HttpResponse.json({ registration_tokens: [{ token: 1 }] }), 'server'],
  ])('%s', async (_, answer, kind) => {
    const admin = await signIn();
    mock.server.use(http.get(TOKENS, answer));
    expect((await rejection(admin.list('all'))).kind).toBe(kind);
  });

  it('429 is rate-limited, with Retry-After or else retry_after_ms', async () => {
    const admin = await signIn();
    mock.server.use(
      http.get(TOKENS, () => HttpResponse.json({ errcode: 'M_LIMIT_EXCEEDED', retry_after_ms: 1500 }, { status: 429 })),
    );
    expect(await rejection(admin.list('all'))).toMatchObject({ kind: 'rate-limited', details: { retryAfterMs: 1500 } });
    mock.server.use(
      http.get(TOKENS, () =>
        HttpResponse.json({ errcode: 'M_LIMIT_EXCEEDED' }, { status: 429, headers: { 'Retry-After': '3' } }),
      ),
    );
    expect(await rejection(admin.list('all'))).toMatchObject({ kind: 'rate-limited', details: { retryAfterMs: 3000 } });
  });

  it('an admin API not exposed shows at sign-in, and the session made for it is logged out', async () => {
    const logouts = answerLogout();
    mock.server.use(http.get(TOKENS, () => new HttpResponse('Not Found', { status: 404 })));
    expect((await rejection(signIn())).kind).toBe('not-exposed');
    expect(logouts).toHaveLength(1);
  });

  it('a login the server cannot be reached for is unreachable', async () => {
    mock.server.use(http.post(`${MOCK_BASE_URL}/_matrix/client/v3/login`, () => HttpResponse.error()));
    expect((await rejection(signIn())).kind).toBe('unreachable');
  });
});

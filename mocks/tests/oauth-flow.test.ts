import { describe, expect, it } from 'vitest';
import { MockController } from '../model/controller';
import { listenOnLoopback, startMock, type Mock } from './harness';
import {
  authorizeQuery,
  callbackParams,
  exchange,
  openSignUpPage,
  post,
  registerClient,
  REDIRECT_URI,
  SCOPE,
  signUpForCode,
  VERIFIER,
  type OAuthReply,
} from './oauth-helpers';

const whoami = (mock: Mock, token: string) =>
  mock.call('GET', '/_matrix/client/v3/account/whoami', { headers: { authorization: `Bearer ${token}` } });

describe('OAuth 2.0 server metadata', () => {
  it('advertises the endpoints on the issuer, PKCE S256, public clients, and create where it is on', async () => {
    const mock = await startMock({ scenario: 'oidc' });
    const metadata = (await mock.call('GET', '/_matrix/client/v1/auth_metadata')).body;
    expect(metadata).toMatchObject({
      issuer: 'http://localhost:8008/oauth2/',
      authorization_endpoint: 'http://localhost:8008/oauth2/authorize',
      registration_endpoint: 'http://localhost:8008/oauth2/register',
      token_endpoint: 'http://localhost:8008/oauth2/token',
      revocation_endpoint: 'http://localhost:8008/oauth2/revoke',
      account_management_uri: 'http://localhost:8008/oauth2/account',
      code_challenge_methods_supported: ['S256'],
      response_modes_supported: ['query', 'fragment'],
      grant_types_supported: ['authorization_code', 'refresh_token'],
      token_endpoint_auth_methods_supported: ['none'],
    });
    // MAS's lists (discovery.rs): `create` only with password registration, never `none`; no deactivation.
    expect(metadata.prompt_values_supported).toEqual(['login', 'create']);
    expect(metadata.account_management_actions_supported).toEqual([
      'org.matrix.profile',
      'org.matrix.devices_list',
      'org.matrix.device_view',
      'org.matrix.device_delete',
      'org.matrix.cross_signing_reset',
      'org.matrix.sessions_list',
      'org.matrix.session_view',
      'org.matrix.session_end',
    ]);
    const unstable = await mock.call('GET', '/_matrix/client/unstable/org.matrix.msc2965/auth_metadata');
    expect(unstable.body).toEqual(metadata);
  });

  it('oidc-no-create: no create among the prompt values, and the page is a sign-in page', async () => {
    const mock = await startMock({ scenario: 'oidc-no-create' });
    const metadata = await mock.call('GET', '/_matrix/client/v1/auth_metadata');
    expect(metadata.body.prompt_values_supported).toEqual(['login']);
    const { page } = await openSignUpPage(mock);
    expect(page.text).toContain('<h1 tabindex="-1">Sign in to localhost:8008</h1>');
    expect(page.text).not.toContain('Create account');
    expect(page.text).not.toContain('Create an account instead');
  });

  it('follows the HTTP server’s port (an issuer given as a path), and a configured authorization endpoint', async () => {
    const moved = await startMock({ scenario: 'oidc', overrides: { publicBaseUrl: 'http://localhost:8021' } });
    expect((await moved.call('GET', '/_matrix/client/v1/auth_metadata')).body.issuer).toBe(
      'http://localhost:8021/oauth2/',
    );
    const mock = await startMock({
      overrides: {
        homeserver: 'synapse-mas',
        oauth: {
          issuer: 'http://localhost:8008/auth/',
          accountUrl: 'http://localhost:8008/auth/account',
          authorizationEndpoint: 'http://localhost:8008/login/oauth',
        },
      },
    });
    const metadata = (await mock.call('GET', '/_matrix/client/v1/auth_metadata')).body;
    expect(metadata.authorization_endpoint).toBe('http://localhost:8008/login/oauth');
    expect(metadata.registration_endpoint).toBe('http://localhost:8008/auth/register');
    const client = (await mock.call('POST', '/auth/register', {
      json: {
        client_uri: 'http://127.0.0.1:4174/',
        redirect_uris: [REDIRECT_URI],
        token_endpoint_auth_method: 'none',
      },
    })) as OAuthReply;
    expect(client.status).toBe(201);
    const page = await mock.call('GET', `/login/oauth?${authorizeQuery(client.body.client_id)}`);
    expect(page.text).toContain('action="http://localhost:8008/auth/authorize/');
    // The default paths of another issuer are not served.
    expect((await mock.call('POST', '/oauth2/register', { json: {} })).status).toBe(404);
  });
});

describe('the authorization code flow with PKCE', () => {
  it('registers a client, signs up, exchanges the code, knows the token, and forgets it once revoked', async () => {
    const mock = await startMock({ scenario: 'oidc' });
    const { clientId, code, created } = await signUpForCode(mock, 'ana');
    const location = new URL(created.headers.get('location') ?? '');
    expect(`${location.origin}${location.pathname}`).toBe('http://127.0.0.1:4174/');
    expect(location.searchParams.get('scenario')).toBe('oidc');
    expect(location.searchParams.get('state')).toBe('the-state');
    expect(code).toMatch(/^[A-Za-z0-9]{32}$/);
    expect((await mock.call('GET', '/_mock/accounts')).body.accounts.map((account) => account.user_id)).toContain(
      '@ana:localhost:8008',
    );

    const tokens = await exchange(mock, clientId, code);
    expect(tokens.status).toBe(200);
    expect(tokens.headers.get('cache-control')).toBe('no-store');
    expect(tokens.body).toMatchObject({ token_type: 'Bearer', expires_in: 300, scope: SCOPE });
    expect(tokens.body.access_token).toMatch(/^mat_/);
    expect(tokens.body.refresh_token).toMatch(/^mar_/);
    const me = await whoami(mock, tokens.body.access_token);
    expect([me.status, me.body.user_id, me.body.device_id]).toEqual([200, '@ana:localhost:8008', 'DEVICE0123']);

    const revoked = await post(mock, '/oauth2/revoke', {
      token: tokens.body.access_token,
      token_type_hint: 'access_token',
      client_id: clientId,
    });
    expect([revoked.status, revoked.text]).toEqual([200, '']);
    const after = await whoami(mock, tokens.body.access_token);
    expect([after.status, after.body.errcode]).toEqual([401, 'M_UNKNOWN_TOKEN']);
    // The refresh token went with it.
    const refreshed = await post(mock, '/oauth2/token', {
      grant_type: 'refresh_token',
      refresh_token: tokens.body.refresh_token,
      client_id: clientId,
    });
    expect(refreshed.body.error).toBe('invalid_grant');
    // Revoking again, or revoking nonsense, is still a success.
    expect((await post(mock, '/oauth2/revoke', { token: tokens.body.access_token })).status).toBe(200);
    expect((await post(mock, '/oauth2/revoke', { token: 'nonsense' })).status).toBe(200);
  });

  it('the account made there logs in with its password through the legacy API too', async () => {
    const mock = await startMock({ scenario: 'oidc' });
    await signUpForCode(mock, 'ana');
    const login = await mock.call('POST', '/_matrix/client/v3/login', {
      json: { type: 'm.login.password', identifier: { type: 'm.id.user', user: 'ana' }, password: 'a password 1' },
    });
    expect([login.status, login.body.user_id]).toEqual([200, '@ana:localhost:8008']);
  });

  it('refuses a wrong code_verifier with invalid_grant, and the code is spent', async () => {
    const mock = await startMock({ scenario: 'oidc' });
    const { clientId, code } = await signUpForCode(mock);
    const wrong = await exchange(mock, clientId, code, {
      code_verifier: 'another-code-verifier-of-at-least-forty-three-characters',
    });
    expect([wrong.status, wrong.body.error]).toEqual([400, 'invalid_grant']);
    expect((await exchange(mock, clientId, code)).body.error).toBe('invalid_grant');
  });

  it('refuses a code used twice, and revokes what its first use gave (RFC 6749 §4.1.2)', async () => {
    const mock = await startMock({ scenario: 'oidc' });
    const { clientId, code } = await signUpForCode(mock);
    const first = await exchange(mock, clientId, code);
    expect(first.status).toBe(200);
    const again = await exchange(mock, clientId, code);
    expect([again.status, again.body.error]).toEqual([400, 'invalid_grant']);
    expect((await whoami(mock, first.body.access_token)).status).toBe(401);
  });

  it('refuses a code past its ten minutes', async () => {
    const mock = await startMock({ scenario: 'oidc' });
    const { clientId, code } = await signUpForCode(mock);
    mock.env.advance(10 * 60_000);
    expect((await exchange(mock, clientId, code)).body.error).toBe('invalid_grant');
  });

  it('refuses another redirect_uri or another client at the token endpoint; an unknown client is a 401', async () => {
    const mock = await startMock({ scenario: 'oidc' });
    const { clientId, code } = await signUpForCode(mock);
    const otherUri = await exchange(mock, clientId, code, { redirect_uri: 'http://127.0.0.1:4174/other' });
    expect([otherUri.status, otherUri.body.error]).toEqual([400, 'invalid_grant']);

    const second = await signUpForCode(mock, 'bea');
    const other = await registerClient(mock);
    expect((await exchange(mock, other.body.client_id, second.code)).body.error).toBe('invalid_grant');
    const unknown = await exchange(mock, 'nobody', second.code);
    expect([unknown.status, unknown.body.error]).toEqual([401, 'invalid_client']);
  });

  it('answers unsupported_grant_type, and invalid_request for a missing verifier', async () => {
    const mock = await startMock({ scenario: 'oidc' });
    const { clientId, code } = await signUpForCode(mock);
    const password = await post(mock, '/oauth2/token', { grant_type: 'password', client_id: clientId });
    expect([password.status, password.body.error]).toEqual([400, 'unsupported_grant_type']);
    const noVerifier = await post(mock, '/oauth2/token', {
      grant_type: 'authorization_code',
      code,
      redirect_uri: REDIRECT_URI,
      client_id: clientId,
    });
    expect(noVerifier.body.error).toBe('invalid_request');
    expect((await exchange(mock, clientId, code, { code_verifier: VERIFIER })).status).toBe(200);
  });

  it('refreshes: new tokens, the old ones dead; a client that did not register the grant may not', async () => {
    const mock = await startMock({ scenario: 'oidc' });
    const { clientId, code } = await signUpForCode(mock);
    const tokens = await exchange(mock, clientId, code);
    const refreshed = await post(mock, '/oauth2/token', {
      grant_type: 'refresh_token',
      refresh_token: tokens.body.refresh_token,
      client_id: clientId,
    });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.access_token).not.toBe(tokens.body.access_token);
    expect((await whoami(mock, tokens.body.access_token)).status).toBe(401);
    expect((await whoami(mock, refreshed.body.access_token)).status).toBe(200);

    const codeOnly = await registerClient(mock, { grant_types: ['authorization_code'] });
    expect(codeOnly.body.grant_types).toEqual(['authorization_code']);
    const refused = await post(mock, '/oauth2/token', {
      grant_type: 'refresh_token',
      refresh_token: refreshed.body.refresh_token,
      client_id: codeOnly.body.client_id,
    });
    expect(refused.body.error).toBe('unauthorized_client');
  });

  it('an expired access token is refused by whoami', async () => {
    const mock = await startMock({ scenario: 'oidc' });
    const { clientId, code } = await signUpForCode(mock);
    const tokens = await exchange(mock, clientId, code);
    mock.env.advance(300_000);
    const expired = await whoami(mock, tokens.body.access_token);
    expect([expired.status, expired.body.errcode]).toEqual([401, 'M_UNKNOWN_TOKEN']);
  });

  it('response_mode=fragment puts the code and state in the fragment', async () => {
    const mock = await startMock({ scenario: 'oidc' });
    const { created } = await signUpForCode(mock, 'ana', { response_mode: 'fragment' });
    const location = new URL(created.headers.get('location') ?? '');
    expect(location.search).toBe('?scenario=oidc');
    const fragment = new URLSearchParams(location.hash.slice(1));
    expect(fragment.get('state')).toBe('the-state');
    expect(fragment.get('code')).toMatch(/^[A-Za-z0-9]{32}$/);
  });

  it('cancel goes back with access_denied and the state, and makes no account', async () => {
    const mock = await startMock({ scenario: 'oidc' });
    const { action } = await openSignUpPage(mock);
    const cancelled = await post(mock, action, { username: 'ana', password: '', action: 'cancel' });
    expect(cancelled.status).toBe(303);
    const params = callbackParams(cancelled);
    expect([params.get('error'), params.get('state')]).toEqual(['access_denied', 'the-state']);
    expect(params.get('error_description')).toBeTruthy();
    expect(mock.homeserver.findAccount('ana')).toBeUndefined();
    // The request is over: its page cannot be posted again.
    expect((await post(mock, action, { action: 'create', username: 'ana', password: 'pw' })).status).toBe(400);
  });

  it('works without script over real HTTP: the plain form post is answered 303 to the client', async () => {
    const controller = await MockController.create({ scenario: 'oidc' });
    const { base, close } = await listenOnLoopback(controller);
    try {
      const client = (await (
        await fetch(`${base}/oauth2/register`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({
            client_uri: 'http://127.0.0.1:4174/',
            redirect_uris: [REDIRECT_URI],
            token_endpoint_auth_method: 'none',
          }),
        })
      ).json()) as { client_id: string };
      const page = await (await fetch(`${base}/oauth2/authorize?${authorizeQuery(client.client_id)}`)).text();
      const action = new URL(/action="([^"]+)"/.exec(page)?.[1] ?? '').pathname;
      const created = await fetch(`${base}${action}`, {
        method: 'POST',
        body: new URLSearchParams({ username: 'ana', password: 'a password 1', action: 'create' }),
        redirect: 'manual',
      });
      expect(created.status).toBe(303);
      expect(created.headers.get('location')).toMatch(
        /^http:\/\/127\.0\.0\.1:4174\/\?scenario=oidc&code=\w+&state=the-state$/,
      );
    } finally {
      await close();
    }
  });

  it('answers the page’s script with JSON where it would redirect (fetch cannot read a 303)', async () => {
    const mock = await startMock({ scenario: 'oidc' });
    const { action } = await openSignUpPage(mock);
    const created = await post(
      mock,
      action,
      { username: 'ana', password: 'a password 1', action: 'create' },
      { 'x-mock-oauth-shell': '1' },
    );
    expect(created.status).toBe(200);
    expect(new URL(created.body.location).searchParams.get('state')).toBe('the-state');
  });
});

describe('the authorization request', () => {
  it('shows an error page, and never redirects, for an unknown client or an unregistered redirect URI', async () => {
    const mock = await startMock({ scenario: 'oidc' });
    const client = await registerClient(mock);
    const wrongUri = await mock.call(
      'GET',
      `/oauth2/authorize?${authorizeQuery(client.body.client_id, { redirect_uri: 'https://evil.example/' })}`,
    );
    expect([wrongUri.status, wrongUri.headers.get('location')]).toEqual([400, null]);
    expect(wrongUri.text).toContain('redirect_uri');
    const prefix = await mock.call(
      'GET',
      `/oauth2/authorize?${authorizeQuery(client.body.client_id, { redirect_uri: `${REDIRECT_URI}&x=1` })}`,
    );
    expect([prefix.status, prefix.headers.get('location')]).toEqual([400, null]);
    const unknown = await mock.call('GET', `/oauth2/authorize?${authorizeQuery('nobody')}`);
    expect([unknown.status, unknown.headers.get('location')]).toEqual([400, null]);
    expect(unknown.headers.get('content-type')).toBe('text/html; charset=utf-8');
  });

  it.each([
    ['no PKCE', { code_challenge: '' }, 'invalid_request'],
    ['plain PKCE', { code_challenge_method: 'plain' }, 'invalid_request'],
    ['another response type', { response_type: 'token' }, 'unsupported_response_type'],
    ['another response mode', { response_mode: 'form_post' }, 'invalid_request'],
    ['no API scope', { scope: 'urn:matrix:client:device:DEVICE0123' }, 'invalid_scope'],
    ['two devices', { scope: `${SCOPE} urn:matrix:client:device:DEVICE4567` }, 'invalid_scope'],
    ['a short device ID', { scope: 'urn:matrix:client:api:* urn:matrix:client:device:ABC' }, 'invalid_scope'],
    ['an unknown scope', { scope: `${SCOPE} urn:synapse:admin:*` }, 'invalid_scope'],
    ['prompt=none', { prompt: 'none' }, 'login_required'],
  ])('sends %s back to the client as %s, with the state', async (_, params, error) => {
    const mock = await startMock({ scenario: 'oidc' });
    const client = await registerClient(mock);
    const query = new URLSearchParams(authorizeQuery(client.body.client_id, params));
    if (query.get('code_challenge') === '') query.delete('code_challenge');
    const reply = await mock.call('GET', `/oauth2/authorize?${query.toString()}`);
    expect(reply.status).toBe(303);
    const answer = callbackParams(reply);
    expect([answer.get('error'), answer.get('state')]).toEqual([error, 'the-state']);
  });

  it('allocates a device when the scope names none, and says so in the granted scope', async () => {
    const mock = await startMock({ scenario: 'oidc' });
    const { clientId, code } = await signUpForCode(mock, 'ana', { scope: 'urn:matrix:client:api:*' });
    const tokens = await exchange(mock, clientId, code);
    expect(tokens.body.scope).toMatch(/^urn:matrix:client:api:\* urn:matrix:client:device:[A-Za-z0-9]{10}$/);
  });
});

describe('forced errors and CORS', () => {
  it('answers a forced error of an OAuth endpoint in OAuth’s shape, once', async () => {
    const mock = await startMock({ scenario: 'oidc' });
    await mock.call('POST', '/_mock/next-error', {
      json: { endpoint: 'oauthRegister', errcode: 'invalid_redirect_uri', status: 400 },
    });
    const refused = await registerClient(mock);
    expect(refused.status).toBe(400);
    expect(refused.body).toEqual({
      error: 'invalid_redirect_uri',
      error_description: 'Forced by the mock: invalid_redirect_uri',
    });
    expect((await registerClient(mock)).status).toBe(201);

    const { clientId, code } = await signUpForCode(mock);
    await mock.call('POST', '/_mock/next-error', {
      json: { endpoint: 'oauthToken', errcode: 'invalid_grant', status: 400, extra: { error_description: 'Nope' } },
    });
    expect((await exchange(mock, clientId, code)).body).toEqual({ error: 'invalid_grant', error_description: 'Nope' });
    await mock.call('POST', '/_mock/next-error', {
      json: { endpoint: 'oauthRevoke', errcode: 'server_error', status: 503 },
    });
    const revoke = await post(mock, '/oauth2/revoke', { token: 'x' });
    expect([revoke.status, revoke.body.error]).toEqual([503, 'server_error']);
  });

  it('answers the issuer’s JSON endpoints with CORS, preflight included', async () => {
    const mock = await startMock({ scenario: 'oidc' });
    const preflight = await mock.call('OPTIONS', '/oauth2/register');
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    expect((await registerClient(mock)).headers.get('access-control-allow-origin')).toBe('*');
    expect((await mock.call('OPTIONS', '/oauth2/token')).status).toBe(204);
    // OpenID Connect's: discovery, keys, and userinfo (which a page calls with an Authorization header).
    for (const path of ['/oauth2/.well-known/openid-configuration', '/oauth2/keys.json', '/oauth2/userinfo']) {
      const answer = await mock.call('OPTIONS', path);
      expect([path, answer.status, answer.headers.get('access-control-allow-origin')]).toEqual([path, 204, '*']);
    }
    expect((await mock.call('GET', '/oauth2/keys.json')).headers.get('access-control-allow-origin')).toBe('*');
    // Without an OAuth server those paths are not the homeserver's (Synapse still answers OPTIONS
    // there, as on every path: synapse-edges.test.ts).
    const open = await startMock();
    const keys = await open.call('GET', '/oauth2/keys.json');
    expect([keys.status, keys.headers.get('access-control-allow-origin')]).toEqual([404, null]);
    const dendrite = await startMock({ homeserver: 'dendrite' });
    expect((await dendrite.call('OPTIONS', '/oauth2/register')).status).toBe(404);
  });
});

describe('oidc-hybrid', () => {
  it('keeps the legacy /register and its availability check open beside the OAuth server', async () => {
    const mock = await startMock({ scenario: 'oidc-hybrid' });
    expect((await mock.call('GET', '/_matrix/client/v3/register/available?username=ana')).body.available).toBe(true);
    const first = await mock.register({ username: 'ana', password: 'a password 1' });
    const registered = await mock.register({
      username: 'ana',
      password: 'a password 1',
      auth: { type: 'm.login.dummy', session: first.body.session },
    });
    expect([registered.status, registered.body.user_id]).toEqual([200, '@ana:localhost:8008']);
    const metadata = await mock.call('GET', '/_matrix/client/v1/auth_metadata');
    // continuwuity lists `create` alone (homeservers.md §2.7).
    expect(metadata.body.prompt_values_supported).toEqual(['create']);
    const strict = await startMock({ scenario: 'oidc' });
    expect((await strict.registerWithDummy('ana')).status).toBe(403);
  });
});

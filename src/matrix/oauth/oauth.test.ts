// @vitest-environment jsdom
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { homeserverAt } from '../homeserver';
import { startOAuthSignup } from './authorization';
import { clientMetadata } from './client-registration';
import { completeOAuthSignup } from './complete';
import { OAuthError } from './errors';
import { findOAuthServer } from './find-oauth-server';
import { describeOAuthServer, type OAuthServer } from './metadata';
import { s256 } from './pkce';
import {
  hasAuthorizationAnswer,
  readAuthorizationAnswer,
  roundTripLanguage,
  takeRoundTrip,
  type RoundTrip,
} from './round-trip';

const ISSUER = 'https://auth.example.org/';
const metadata = {
  issuer: ISSUER,
  authorization_endpoint: `${ISSUER}authorize`,
  token_endpoint: `${ISSUER}token`,
  registration_endpoint: `${ISSUER}register`,
  revocation_endpoint: `${ISSUER}revoke`,
  prompt_values_supported: ['create'],
  code_challenge_methods_supported: ['S256'],
  response_modes_supported: ['query', 'fragment'],
};
const oauth = describeOAuthServer(metadata) as OAuthServer;
const page = new URL('https://join.example.org/signup/?lang=de');
const server = {
  ...homeserverAt('https://matrix.example.org'),
  serverName: 'example.org',
  userIdDomain: 'example.org',
};

const calls: { url: string; body: string; authorization: string | null }[] = [];
const network = setupServer();
beforeAll(() => network.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  network.resetHandlers();
  calls.length = 0;
  sessionStorage.clear();
});
afterAll(() => network.close());

function record(answer: () => Response) {
  return async ({ request }: { request: Request }) => {
    calls.push({ url: request.url, body: await request.text(), authorization: request.headers.get('authorization') });
    return answer();
  };
}

describe('describeOAuthServer', () => {
  it('can create only with prompt=create, every endpoint, and S256', () => {
    expect(oauth.canCreate).toBe(true);
    expect(oauth.responseMode).toBe('fragment');
    expect(describeOAuthServer({ ...metadata, prompt_values_supported: [] })?.canCreate).toBe(false);
    expect(describeOAuthServer({ ...metadata, registration_endpoint: undefined })?.canCreate).toBe(false);
    expect(describeOAuthServer({ ...metadata, code_challenge_methods_supported: ['plain'] })?.canCreate).toBe(false);
    expect(describeOAuthServer({ ...metadata, token_endpoint: 'javascript:alert(1)' })?.canCreate).toBe(false);
    expect(describeOAuthServer({ ...metadata, issuer: 'data:text/html,x' })).toBeUndefined();
    expect(describeOAuthServer({ ...metadata, response_modes_supported: ['query'] })?.responseMode).toBe('query');
  });

  it.each([
    ['token_endpoint', 'https://evil.example/steal'],
    ['registration_endpoint', 'https://evil.example/register'],
    ['revocation_endpoint', 'https://evil.example/revoke'],
    ['authorization_endpoint', 'https://evil.example/authorize'],
    ['token_endpoint', 'http://auth.example.org/token'],
    ['token_endpoint', 'https://auth.example.org:8443/token'],
  ])('trusts no endpoint when %s is off the issuer’s origin (%s): the page cannot create, no mix-up', (key, url) => {
    const described = describeOAuthServer({ ...metadata, [key]: url });
    expect(described).toMatchObject({ issuer: ISSUER, canCreate: false });
    expect(described).not.toHaveProperty('endpoints');
  });

  it('takes an authorization endpoint on this page’s own origin (the in-browser mock’s sign-up page)', () => {
    const here = `${window.location.origin}/mock-oauth.html`;
    expect(describeOAuthServer({ ...metadata, authorization_endpoint: here })).toMatchObject({
      canCreate: true,
      endpoints: { authorization: here },
    });
  });

  it('knows when the server promises `iss` in its answers (RFC 9207)', () => {
    expect(oauth.issInAnswer).toBe(false);
    expect(
      describeOAuthServer({ ...metadata, authorization_response_iss_parameter_supported: true })?.issInAnswer,
    ).toBe(true);
  });
});

describe('findOAuthServer', () => {
  it('where the well-known names an issuer, auth_metadata naming another is not used: the named issuer’s own document is', async () => {
    const hostile = describeOAuthServer({
      ...metadata,
      issuer: 'https://evil.example/',
      authorization_endpoint: 'https://evil.example/authorize',
      token_endpoint: 'https://evil.example/token',
      registration_endpoint: 'https://evil.example/register',
      revocation_endpoint: 'https://evil.example/revoke',
    });
    network.use(
      http.get('https://matrix.example.org/_matrix/client/unstable/org.matrix.msc2965/auth_metadata', () =>
        HttpResponse.json({ errcode: 'M_UNRECOGNIZED' }, { status: 404 }),
      ),
      http.get(`${ISSUER}.well-known/openid-configuration`, () => HttpResponse.json(metadata)),
    );
    const found = await findOAuthServer(
      { ...server, oauthIssuer: ISSUER },
      { v1: Promise.resolve(hostile), askAuthIssuer: false },
    );
    expect(found).toMatchObject({ issuer: ISSUER, endpoints: { token: `${ISSUER}token` } });
  });
});

describe('clientMetadata', () => {
  it('is this page as a web client without a secret, with only same-host brand links', () => {
    expect(
      clientMetadata(page, 'Beispiel', {
        logo: '/logo.svg',
        tos: 'https://elsewhere.example/tos',
        policy: 'https://docs.join.example.org/privacy',
      }),
    ).toEqual({
      client_name: 'Beispiel',
      client_uri: 'https://join.example.org/',
      redirect_uris: ['https://join.example.org/signup/'],
      application_type: 'web',
      token_endpoint_auth_method: 'none',
      response_types: ['code'],
      grant_types: ['authorization_code', 'refresh_token'],
      logo_uri: 'https://join.example.org/logo.svg',
      policy_uri: 'https://docs.join.example.org/privacy',
    });
  });
});

describe('startOAuthSignup', () => {
  it('registers the client, then builds the authorization URL with PKCE S256, state, prompt=create and the scopes', async () => {
    network.use(
      http.post(
        `${ISSUER}register`,
        record(() => HttpResponse.json({ client_id: 'client-1' }, { status: 201 })),
      ),
    );
    const url = new URL(
      await startOAuthSignup({
        server,
        oauth,
        page,
        clientName: 'Sign-up',
        userId: '@ana:example.org',
        language: 'de',
      }),
    );
    expect(JSON.parse(calls[0]?.body ?? '{}')).toMatchObject({ redirect_uris: ['https://join.example.org/signup/'] });
    const params = Object.fromEntries(url.searchParams);
    const saved = JSON.parse(sessionStorage.getItem('matrix-signup.oauth-round-trip') ?? '{}') as RoundTrip;
    expect(`${url.origin}${url.pathname}`).toBe(`${ISSUER}authorize`);
    expect(params).toMatchObject({
      response_type: 'code',
      response_mode: 'fragment',
      client_id: 'client-1',
      redirect_uri: 'https://join.example.org/signup/',
      state: saved.state,
      code_challenge_method: 'S256',
      prompt: 'create',
      login_hint: 'mxid:@ana:example.org',
      ui_locales: 'de',
    });
    expect(params.scope).toMatch(/^urn:matrix:client:api:\* urn:matrix:client:device:[A-Z]{10}$/);
    expect(params.code_challenge).toBe(await s256(saved.verifier));
    expect(saved.verifier).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(url.href).not.toContain(saved.verifier);
    expect(saved.issuer).toBe(ISSUER);
    expect(saved).not.toHaveProperty('issRequired');
    // The language goes in the tab's record too: the redirect URI has no `?lang=` to bring it back.
    expect(saved.language).toBe('de');
    expect(roundTripLanguage()).toBe('de');
  });

  it('keeps that the server promised `iss`, so that its absence on return is refused', async () => {
    network.use(http.post(`${ISSUER}register`, () => HttpResponse.json({ client_id: 'client-1' }, { status: 201 })));
    const promising = describeOAuthServer({ ...metadata, authorization_response_iss_parameter_supported: true });
    if (!promising) throw new Error('metadata refused');
    await startOAuthSignup({ server, oauth: promising, page, clientName: 'x' });
    expect(takeRoundTrip()).toMatchObject({ issuer: ISSUER, issRequired: true });
  });

  it('a refused client registration is the server’s error, and nothing is kept', async () => {
    network.use(
      http.post(`${ISSUER}register`, () =>
        HttpResponse.json({ error: 'invalid_redirect_uri', error_description: 'not allowed' }, { status: 400 }),
      ),
    );
    await expect(startOAuthSignup({ server, oauth, page, clientName: 'x' })).rejects.toMatchObject({
      code: 'invalid_redirect_uri',
      description: 'not allowed',
    });
    expect(sessionStorage.length).toBe(0);
  });
});

describe('hasAuthorizationAnswer (before the first paint)', () => {
  it.each([
    ['/signup/#code=abc&state=xyz', true],
    ['/signup/?error=access_denied&state=xyz', true],
    // URLSearchParams decodes names too; the quick look for `state` must not miss an encoded one.
    ['/signup/?code=abc&st%61te=xyz', true],
    ['/signup/', false],
    ['/signup/?lang=de', false],
    ['/signup/?code=abc', false],
    ['/signup/?code=abc&next=state', false],
  ])('%s: %s, as readAuthorizationAnswer finds', (address, expected) => {
    window.history.replaceState(null, '', address);
    expect(hasAuthorizationAnswer(window.location)).toBe(expected);
    expect(readAuthorizationAnswer(window.location, window.history) !== undefined).toBe(expected);
  });
});

describe('readAuthorizationAnswer', () => {
  it('reads the answer from the fragment or the query, and takes it out of the address', () => {
    window.history.replaceState(null, '', '/signup/?lang=de#code=abc&state=xyz');
    expect(readAuthorizationAnswer(window.location, window.history)).toEqual({
      code: 'abc',
      state: 'xyz',
      error: undefined,
      errorDescription: undefined,
    });
    expect(window.location.href).toBe('http://localhost:3000/signup/?lang=de');
    window.history.replaceState(
      null,
      '',
      `/signup/?lang=de&iss=x#code=abc&state=xyz&iss=${encodeURIComponent(ISSUER)}`,
    );
    expect(readAuthorizationAnswer(window.location, window.history)).toMatchObject({ code: 'abc', iss: ISSUER });
    // Nothing of the answer is left for the page (or a later script) to read back.
    expect(window.location.href).toBe('http://localhost:3000/signup/?lang=de');
    expect(JSON.stringify(window.history.state)).not.toMatch(/abc|xyz/);
    window.history.replaceState(null, '', '/signup/?error=access_denied&state=xyz&lang=de');
    expect(readAuthorizationAnswer(window.location, window.history)).toMatchObject({ error: 'access_denied' });
    expect(window.location.search).toBe('?lang=de');
    window.history.replaceState(null, '', '/signup/?code=abc');
    expect(readAuthorizationAnswer(window.location, window.history)).toBeUndefined();
  });

  it('its language can be read before it is taken (the script before paint), and only a string', () => {
    expect(roundTripLanguage()).toBeUndefined();
    sessionStorage.setItem('matrix-signup.oauth-round-trip', JSON.stringify({ state: 's', language: 'de' }));
    expect(roundTripLanguage()).toBe('de');
    expect(takeRoundTrip()).toMatchObject({ language: 'de' });
    sessionStorage.setItem('matrix-signup.oauth-round-trip', JSON.stringify({ state: 's', language: ['de'] }));
    expect(roundTripLanguage()).toBeUndefined();
    sessionStorage.setItem('matrix-signup.oauth-round-trip', '{not json');
    expect(roundTripLanguage()).toBeUndefined();
  });

  it('a round trip can be taken once', () => {
    sessionStorage.setItem('matrix-signup.oauth-round-trip', JSON.stringify({ state: 's' }));
    expect(takeRoundTrip()).toEqual({ state: 's' });
    expect(takeRoundTrip()).toBeUndefined();
  });
});

describe('completeOAuthSignup', () => {
  const roundTrip: RoundTrip = {
    state: 'the-state',
    verifier: 'v'.repeat(43),
    clientId: 'client-1',
    redirectUri: 'https://join.example.org/signup/',
    issuer: ISSUER,
    tokenEndpoint: `${ISSUER}token`,
    revocationEndpoint: `${ISSUER}revoke`,
    baseUrl: 'https://matrix.example.org',
    prefix: '/_matrix/client/v3',
    serverName: 'example.org',
  };
  const tokenEndpoint = (answer: () => Response) => http.post(`${ISSUER}token`, record(answer));
  const tokens = () => HttpResponse.json({ access_token: 'at-1', refresh_token: 'rt-1', token_type: 'Bearer' });

  it('exchanges the code with the verifier, asks whoami, then revokes the token', async () => {
    network.use(
      tokenEndpoint(tokens),
      http.get(
        'https://matrix.example.org/_matrix/client/v3/account/whoami',
        record(() => HttpResponse.json({ user_id: '@ana:example.org' })),
      ),
      http.post(
        `${ISSUER}revoke`,
        record(() => new HttpResponse(null, { status: 200 })),
      ),
    );
    await expect(completeOAuthSignup({ code: 'c-1', state: 'the-state' }, roundTrip)).resolves.toEqual({
      userId: '@ana:example.org',
      serverName: 'example.org',
    });
    expect(Object.fromEntries(new URLSearchParams(calls[0]?.body))).toEqual({
      grant_type: 'authorization_code',
      code: 'c-1',
      redirect_uri: roundTrip.redirectUri,
      client_id: 'client-1',
      code_verifier: roundTrip.verifier,
    });
    expect(calls[1]).toMatchObject({ authorization: 'Bearer at-1' });
    expect(calls[1]?.url).not.toContain('at-1');
    expect(Object.fromEntries(new URLSearchParams(calls[2]?.body))).toMatchObject({
      token: 'at-1',
      client_id: 'client-1',
    });
  });

  it('refuses an answer whose state is not this tab’s, before any request', async () => {
    await expect(completeOAuthSignup({ code: 'c', state: 'forged' }, roundTrip)).rejects.toMatchObject({
      code: 'state_mismatch',
    });
    await expect(completeOAuthSignup({ code: 'c', state: 'the-state' }, undefined)).rejects.toMatchObject({
      code: 'no_round_trip',
    });
    expect(calls).toEqual([]);
  });

  it('passes on the server’s error (a cancel), and the token endpoint’s (invalid_grant)', async () => {
    await expect(
      completeOAuthSignup({ error: 'access_denied', errorDescription: 'cancelled', state: 'the-state' }, roundTrip),
    ).rejects.toEqual(new OAuthError('access_denied', 'cancelled'));
    network.use(tokenEndpoint(() => HttpResponse.json({ error: 'invalid_grant' }, { status: 400 })));
    await expect(completeOAuthSignup({ code: 'used', state: 'the-state' }, roundTrip)).rejects.toMatchObject({
      code: 'invalid_grant',
    });
  });

  it('refuses an answer from another issuer (RFC 9207 `iss`) before any request, even an error', async () => {
    for (const answer of [
      { code: 'c', state: 'the-state', iss: 'https://evil.example/' },
      { error: 'access_denied', state: 'the-state', iss: 'https://auth.example.org' },
    ]) {
      await expect(completeOAuthSignup(answer, roundTrip)).rejects.toMatchObject({ code: 'issuer_mismatch' });
    }
    // Without `iss`, where the metadata promised it.
    await expect(
      completeOAuthSignup({ code: 'c', state: 'the-state' }, { ...roundTrip, issRequired: true }),
    ).rejects.toMatchObject({ code: 'issuer_mismatch' });
    expect(calls).toEqual([]);
  });

  it('goes on with the right `iss`', async () => {
    network.use(
      tokenEndpoint(tokens),
      http.get('https://matrix.example.org/_matrix/client/v3/account/whoami', () =>
        HttpResponse.json({ user_id: '@ana:example.org' }),
      ),
      http.post(`${ISSUER}revoke`, () => new HttpResponse(null, { status: 200 })),
    );
    await expect(
      completeOAuthSignup({ code: 'c', state: 'the-state', iss: ISSUER }, { ...roundTrip, issRequired: true }),
    ).resolves.toMatchObject({ userId: '@ana:example.org' });
  });

  it.each([
    ['no token_type', {}],
    ['a MAC token', { token_type: 'mac' }],
  ])('refuses a token answer with %s (RFC 6749 §5.1, RFC 6750)', async (_, extra) => {
    network.use(tokenEndpoint(() => HttpResponse.json({ access_token: 'at-1', ...extra })));
    await expect(completeOAuthSignup({ code: 'c', state: 'the-state' }, roundTrip)).rejects.toMatchObject({
      code: 'bad_answer',
    });
    expect(calls.map((call) => call.url)).toEqual([`${ISSUER}token`]);
  });

  it('takes `bearer` in any case', async () => {
    network.use(
      tokenEndpoint(() => HttpResponse.json({ access_token: 'at-1', token_type: 'bEaReR' })),
      http.get('https://matrix.example.org/_matrix/client/v3/account/whoami', () =>
        HttpResponse.json({ user_id: '@ana:example.org' }),
      ),
      http.post(`${ISSUER}revoke`, () => new HttpResponse(null, { status: 200 })),
    );
    await expect(completeOAuthSignup({ code: 'c', state: 'the-state' }, roundTrip)).resolves.toMatchObject({
      userId: '@ana:example.org',
    });
  });

  it('revokes the token even when whoami fails', async () => {
    network.use(
      tokenEndpoint(tokens),
      http.get('https://matrix.example.org/_matrix/client/v3/account/whoami', () => HttpResponse.json({ nope: true })),
      http.post(
        `${ISSUER}revoke`,
        record(() => new HttpResponse(null, { status: 200 })),
      ),
    );
    await expect(completeOAuthSignup({ code: 'c', state: 'the-state' }, roundTrip)).rejects.toMatchObject({
      code: 'bad_answer',
    });
    expect(calls.map((call) => call.url)).toContain(`${ISSUER}revoke`);
  });
});

// @vitest-environment jsdom
import {
  completeAuthorizationCodeGrant,
  createClient,
  generateOidcAuthorizationUrl,
  OidcTokenRefresher,
  registerOidcClient,
  TokenRefreshLogoutError,
  type OidcClientConfig,
} from 'matrix-js-sdk';
import { logger as sdkLogger } from 'matrix-js-sdk/lib/logger.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listen, type RunningMock } from '../server';
import { decodeJwt, leftHalfHash, signedBy } from './oauth-helpers';

/*
 * matrix-js-sdk 37.5's own OAuth 2.0 client code (Element Web's), run unchanged against the mock
 * over real HTTP: the SDK and oidc-client-ts make every request of the flow themselves; only the
 * person's part, the server's sign-up page, is played here with plain form posts. jsdom gives the
 * SDK the `window.sessionStorage` and `window.location` it keeps its state in.
 */

let mock: RunningMock;
/** `METHOD /path STATUS` of every request the mock answered. */
const served: string[] = [];

beforeAll(async () => {
  // The SDK narrates every request; the assertions say what matters (loglevel's, typed narrowly).
  (sdkLogger as unknown as { disableAll(): void }).disableAll();
  mock = await listen({
    port: 0,
    scenario: 'oidc',
    log: (line) => served.push(line.split(' ').slice(1, 4).join(' ')),
  });
});
afterAll(() => mock.close());

/** The person on the mock's sign-up page: the page the authorization URL opens, then its form, posted as a browser would. */
async function signUpOnTheServersPage(authorizationUrl: string, username: string): Promise<URL> {
  const page = await fetch(authorizationUrl);
  expect(page.status).toBe(200);
  const html = await page.text();
  expect(html).toContain('Create account');
  const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1]?.replace(/&amp;/g, '&') ?? '';
  const created = await fetch(action, {
    method: 'POST',
    body: new URLSearchParams({ username, password: 'an sdk password 1', action: 'create' }),
    redirect: 'manual',
  });
  expect(created.status).toBe(303);
  return new URL(created.headers.get('location') ?? '');
}

const whoami = (accessToken: string) => createClient({ baseUrl: mock.url, accessToken }).whoami();

describe('matrix-js-sdk 37.5’s OAuth 2.0 flow against the mock over HTTP (scenario oidc)', () => {
  it('discovers, registers, signs up with prompt=create, exchanges the code, calls whoami, refreshes and retries a refresh', async () => {
    const redirectUri = `${window.location.origin}/oauth-callback`;
    const issuer = `${mock.url}/oauth2/`;

    // 1. auth_metadata, validated by the SDK, and the signing keys read through its jwks_uri.
    const metadata: OidcClientConfig = await createClient({ baseUrl: mock.url }).getAuthMetadata();
    expect(metadata.issuer).toBe(issuer);
    expect(metadata.prompt_values_supported).toEqual(['login', 'create']);
    const [signingKey] = metadata.signingKeys ?? [];
    expect(signingKey).toMatchObject({ kty: 'RSA', use: 'sig', kid: expect.any(String) as unknown });

    // 2. Dynamic client registration, as Element Web calls it.
    const clientId = await registerOidcClient(metadata, {
      clientName: 'SDK test',
      clientUri: `${window.location.origin}/`,
      applicationType: 'web',
      redirectUris: [redirectUri],
      contacts: undefined,
      tosUri: undefined,
      policyUri: undefined,
    });
    expect(clientId).toMatch(/^[0-9A-Z]{26}$/);

    // 3. The authorization URL: oidc-client-ts reads {issuer}.well-known/openid-configuration for it.
    const nonce = 'sdk-nonce-1';
    const authorizationUrl = new URL(
      await generateOidcAuthorizationUrl({
        metadata,
        clientId,
        redirectUri,
        homeserverUrl: mock.url,
        nonce,
        prompt: 'create',
      }),
    );
    expect(`${authorizationUrl.origin}${authorizationUrl.pathname}`).toBe(metadata.authorization_endpoint);
    expect(authorizationUrl.searchParams.get('prompt')).toBe('create');
    expect(authorizationUrl.searchParams.get('nonce')).toBe(nonce);
    expect(authorizationUrl.searchParams.get('scope')).toMatch(
      /^openid urn:matrix:org\.matrix\.msc2967\.client:api:\* /,
    );

    // 4. The person signs up on the mock's own page and is sent back with a code.
    const back = await signUpOnTheServersPage(authorizationUrl.href, 'sdk-ana');
    expect(`${back.origin}${back.pathname}`).toBe(redirectUri);
    const code = back.searchParams.get('code') ?? '';
    const state = back.searchParams.get('state') ?? '';

    // 5. The code grant, with the SDK's own checks of the token answer and the id_token.
    const granted = await completeAuthorizationCodeGrant(code, state);
    expect(granted.homeserverUrl).toBe(mock.url);
    expect(granted.oidcClientSettings).toEqual({ clientId, issuer });
    const { tokenResponse, idTokenClaims } = granted;
    expect(tokenResponse.access_token).toMatch(/^mat_/);
    expect(tokenResponse.refresh_token).toMatch(/^mar_/);
    // The SDK checked iss, aud, nonce and exp itself (`validateIdToken`); its profile drops the nonce.
    expect(idTokenClaims).toMatchObject({
      iss: issuer,
      aud: clientId,
      sub: expect.stringMatching(/^[0-9A-Z]{26}$/) as unknown,
    });
    expect(decodeJwt(tokenResponse.id_token).claims).toMatchObject({
      nonce,
      at_hash: leftHalfHash(tokenResponse.access_token),
    });
    // It does not check the signature: this test does, with the key it discovered.
    expect(await signedBy(tokenResponse.id_token, signingKey as JsonWebKey)).toBe(true);

    // 6. The access token works on the homeserver, for the device the SDK's scope named.
    const deviceId = /device:(\S+)/.exec(tokenResponse.scope)?.[1] ?? '';
    expect(await whoami(tokenResponse.access_token)).toMatchObject({
      user_id: `@sdk-ana:${new URL(mock.url).host}`,
      device_id: deviceId,
    });

    // 7. A refresh through the SDK's refresher (which discovers the issuer again through its well-known).
    const refresher = new OidcTokenRefresher(issuer, clientId, redirectUri, deviceId, idTokenClaims);
    await refresher.oidcClientReady;
    const first = tokenResponse.refresh_token ?? '';
    const lost = await refresher.doRefreshAccessToken(first);
    expect(lost.accessToken).toMatch(/^mat_/);
    expect(lost.refreshToken).not.toBe(first);

    // 8. That answer is lost: the SDK retries with the same refresh token (spec "Refresh token grant": MUST work).
    const retried = await refresher.doRefreshAccessToken(first);
    expect(retried.accessToken).not.toBe(lost.accessToken);
    expect(await whoami(retried.accessToken)).toMatchObject({ device_id: deviceId });
    // The pair that got lost is revoked, and so is the first access token.
    await expect(whoami(lost.accessToken)).rejects.toMatchObject({ errcode: 'M_UNKNOWN_TOKEN' });
    await expect(whoami(tokenResponse.access_token)).rejects.toMatchObject({ errcode: 'M_UNKNOWN_TOKEN' });
    await expect(refresher.doRefreshAccessToken(lost.refreshToken ?? '')).rejects.toBeInstanceOf(
      TokenRefreshLogoutError,
    );

    // 9. The chain goes on from the retried pair.
    const next = await refresher.doRefreshAccessToken(retried.refreshToken ?? '');
    expect(await whoami(next.accessToken)).toMatchObject({ device_id: deviceId });

    // What the SDK and oidc-client-ts read on the way, besides the endpoints above.
    expect(served).toEqual(
      expect.arrayContaining([
        'GET /_matrix/client/unstable/org.matrix.msc2965/auth_metadata 200',
        'GET /oauth2/keys.json 200',
        'GET /oauth2/.well-known/openid-configuration 200',
      ]) as unknown,
    );
  });
});

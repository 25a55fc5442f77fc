import { describe, expect, it } from 'vitest';
import { MockController } from '../model/controller';
import { driveMock, startMock, type Mock } from './harness';
import {
  callbackParams,
  decodeJwt,
  exchange,
  leftHalfHash,
  openSignUpPage,
  post,
  SCOPE,
  signedBy,
  signUpForCode,
  type OAuthReply,
} from './oauth-helpers';

const OPENID = `openid ${SCOPE}`;
const ISSUER = 'http://localhost:8008/oauth2/';
/** Crockford's base 32, a ULID's digits. */
const ULID = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

const keys = async (mock: Mock) =>
  (await mock.call('GET', '/oauth2/keys.json')).body as unknown as { keys: (JsonWebKey & { kid: string })[] };

/** Signed up and exchanged with `openid` (and these authorization parameters): the token answer. */
async function openidTokens(mock: Mock, params: Record<string, string> = {}, username = 'ana') {
  const { clientId, code } = await signUpForCode(mock, username, { scope: OPENID, ...params });
  return { clientId, code, tokens: await exchange(mock, clientId, code) };
}

const userinfo = (mock: Mock, token: string) =>
  mock.call('GET', '/oauth2/userinfo', { headers: { authorization: `Bearer ${token}` } });

describe('OpenID Connect discovery', () => {
  it('serves the auth_metadata document at {issuer}.well-known/openid-configuration, with MAS’s OIDC fields', async () => {
    const mock = await startMock({ scenario: 'oidc' });
    const discovered = await mock.call('GET', '/oauth2/.well-known/openid-configuration');
    expect(discovered.status).toBe(200);
    expect(discovered.body).toEqual((await mock.call('GET', '/_matrix/client/v1/auth_metadata')).body);
    expect(discovered.body).toMatchObject({
      issuer: ISSUER,
      jwks_uri: `${ISSUER}keys.json`,
      userinfo_endpoint: `${ISSUER}userinfo`,
      scopes_supported: ['openid', 'email'],
      subject_types_supported: ['public'],
      id_token_signing_alg_values_supported: ['RS256'],
      claims_supported: ['iss', 'sub', 'aud', 'iat', 'exp', 'nonce', 'auth_time', 'at_hash', 'c_hash'],
    });
  });

  it('is not served without an OAuth server', async () => {
    const mock = await startMock();
    expect((await mock.call('GET', '/oauth2/.well-known/openid-configuration')).status).toBe(404);
    expect((await mock.call('GET', '/oauth2/keys.json')).status).toBe(404);
  });
});

describe('the signing key', () => {
  it('publishes one RSA signature key named by its RFC 7638 thumbprint, the same on every request', async () => {
    const mock = await startMock({ scenario: 'oidc' });
    const [key, ...others] = (await keys(mock)).keys;
    expect(others).toEqual([]);
    expect(Object.keys(key ?? {}).sort()).toEqual(['e', 'kid', 'kty', 'n', 'use']);
    expect(key).toMatchObject({ kty: 'RSA', use: 'sig', e: 'AQAB' });
    const members = new TextEncoder().encode(JSON.stringify({ e: key?.e, kty: 'RSA', n: key?.n }));
    const thumbprint = Buffer.from(await crypto.subtle.digest('SHA-256', members)).toString('base64url');
    expect(key?.kid).toBe(thumbprint);
    expect((await keys(mock)).keys).toEqual([key]);
  });

  it('is one key for two requests that need it at the same time, and each homeserver has its own', async () => {
    const mock = await startMock({ scenario: 'oidc' });
    const [one, two] = await Promise.all([keys(mock), keys(mock)]);
    expect(one.keys[0]?.kid).toBe(two.keys[0]?.kid);
    const other = await startMock({ scenario: 'oidc' });
    expect((await keys(other)).keys[0]?.kid).not.toBe(one.keys[0]?.kid);
    // A reset is a new server; a scenario switch is not.
    mock.controller.setScenario('oidc-no-create');
    expect((await keys(mock)).keys[0]?.kid).toBe(one.keys[0]?.kid);
    await mock.controller.reset('oidc');
    expect((await keys(mock)).keys[0]?.kid).not.toBe(one.keys[0]?.kid);
  });

  it('is kept in the state as a JWK, so a restored homeserver signs with the key it published', async () => {
    const mock = await startMock({ scenario: 'oidc' });
    const published = (await keys(mock)).keys[0];
    const saved = JSON.parse(JSON.stringify(mock.state)) as typeof mock.state;
    const restored = MockController.restore(saved, { scenario: 'oidc', env: mock.env });
    const next = driveMock(restored, mock.env);
    expect((await keys(next)).keys[0]).toEqual(published);
    const { tokens } = await openidTokens(next);
    expect(await signedBy(String(tokens.body.id_token), published as JsonWebKey)).toBe(true);
  });
});

describe('the id_token', () => {
  it('comes with a code exchange that granted openid: MAS’s claims, signed RS256 with the published key', async () => {
    const mock = await startMock({ scenario: 'oidc' });
    const signedUpAt = Math.floor(mock.env.now() / 1000);
    mock.env.advance(5_000);
    const { clientId, code, tokens } = await openidTokens(mock, { nonce: 'the-nonce' });
    expect(tokens.status).toBe(200);
    expect(tokens.body.scope).toBe(OPENID);
    const idToken = String(tokens.body.id_token);
    const { header, claims } = decodeJwt(idToken);
    const [key] = (await keys(mock)).keys;
    expect(header).toEqual({ alg: 'RS256', kid: key?.kid });
    const now = Math.floor(mock.env.now() / 1000);
    expect(claims).toEqual({
      iss: ISSUER,
      sub: expect.stringMatching(/^[0-9A-HJKMNP-TV-Z]{26}$/) as unknown,
      aud: clientId,
      iat: now,
      exp: now + 3600,
      nonce: 'the-nonce',
      auth_time: signedUpAt + 5,
      at_hash: leftHalfHash(tokens.body.access_token),
      c_hash: leftHalfHash(code),
    });
    expect(await signedBy(idToken, key as JsonWebKey)).toBe(true);
    // A changed claim no longer verifies.
    const [head, , signature] = idToken.split('.');
    const forged = `${head}.${Buffer.from(JSON.stringify({ ...claims, aud: 'other' })).toString('base64url')}.${signature}`;
    expect(await signedBy(forged, key as JsonWebKey)).toBe(false);
  });

  it('has no nonce when none was sent, and is absent when openid was not asked for', async () => {
    const mock = await startMock({ scenario: 'oidc' });
    const { tokens } = await openidTokens(mock);
    expect(decodeJwt(String(tokens.body.id_token)).claims).not.toHaveProperty('nonce');
    const { clientId, code } = await signUpForCode(mock, 'bea');
    const plain = await exchange(mock, clientId, code);
    expect(plain.status).toBe(200);
    expect(plain.body).not.toHaveProperty('id_token');
  });

  it('names an account by the same opaque sub at every sign-in (a ULID of its creation time), another by another', async () => {
    const mock = await startMock({ scenario: 'oidc' });
    const subOf = (reply: OAuthReply) => String(decodeJwt(String(reply.body.id_token)).claims.sub);
    const first = subOf((await openidTokens(mock)).tokens);
    const createdAt = mock.homeserver.findAccount('ana')?.createdAt ?? -1;
    const time = first
      .slice(0, 10)
      .split('')
      .reduce((value, digit) => value * 32 + ULID.indexOf(digit), 0);
    expect(time).toBe(createdAt);

    mock.env.advance(60_000);
    const { clientId, action } = await openSignUpPage(mock, { scope: OPENID, prompt: 'login' });
    const signedIn = await post(mock, action, { username: 'ana', password: 'a password 1', action: 'sign-in' });
    const again = await exchange(mock, clientId, callbackParams(signedIn).get('code') ?? '');
    expect(subOf(again)).toBe(first);
    expect(subOf((await openidTokens(mock, {}, 'bea')).tokens)).not.toBe(first);
  });

  it('is not sent again on a refresh (MAS sends none)', async () => {
    const mock = await startMock({ scenario: 'oidc' });
    const { clientId, tokens } = await openidTokens(mock);
    const refreshed = await post(mock, '/oauth2/token', {
      grant_type: 'refresh_token',
      refresh_token: tokens.body.refresh_token,
      client_id: clientId,
    });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body).not.toHaveProperty('id_token');
  });
});

describe('userinfo', () => {
  it('answers {sub, username} for an openid token, by header or by form, with the id_token’s sub', async () => {
    const mock = await startMock({ scenario: 'oidc' });
    const { tokens } = await openidTokens(mock);
    const sub = decodeJwt(String(tokens.body.id_token)).claims.sub;
    const byHeader = await userinfo(mock, tokens.body.access_token);
    expect([byHeader.status, byHeader.body]).toEqual([200, { sub, username: 'ana' }]);
    const byForm = await post(mock, '/oauth2/userinfo', { access_token: tokens.body.access_token });
    expect(byForm.body).toEqual({ sub, username: 'ana' });
  });

  it('refuses with a bearer challenge: no token, an unknown or expired one, one without openid', async () => {
    const mock = await startMock({ scenario: 'oidc' });
    const { clientId, code } = await signUpForCode(mock, 'bea');
    const withoutOpenid = (await exchange(mock, clientId, code)).body.access_token;
    const { tokens } = await openidTokens(mock);
    for (const reply of [
      await mock.call('GET', '/oauth2/userinfo'),
      await userinfo(mock, 'mat_nonsense'),
      await userinfo(mock, withoutOpenid),
    ]) {
      expect([reply.status, reply.text, reply.headers.get('www-authenticate')]).toEqual([
        401,
        '',
        'Bearer error="invalid_token"',
      ]);
    }
    mock.env.advance(300_000);
    expect((await userinfo(mock, tokens.body.access_token)).status).toBe(401);
  });
});

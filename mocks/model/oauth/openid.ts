import type { OAuthConfig } from '../config.js';
import type { MockHomeserver } from '../homeserver.js';
import type { ModelRequest } from '../request.js';
import { ok, type ModelResponse } from '../response.js';
import { localpartOfUserId, subjectOf } from './id-token.js';
import { serverMetadata } from './issuer.js';
import { formOf } from './responses.js';
import { noteAccessTokenUse, sessionWithToken } from './sessions.js';
import { publicJwk, signingKey } from './signing-key.js';

/**
 * `GET {issuer}.well-known/openid-configuration` (OIDC Discovery §4, MAS's `oauth2/discovery.rs`): the
 * same document as `auth_metadata`. oidc-client-ts reads it from here, whatever it was handed before.
 */
export function discovery(oauth: OAuthConfig): ModelResponse {
  return ok(serverMetadata(oauth));
}

/** `GET {issuer}keys.json` (MAS's `oauth2/keys.rs`): the JWK Set whose key signs the id_tokens. */
export async function jwks(homeserver: MockHomeserver): Promise<ModelResponse> {
  return ok({ keys: [publicJwk(await signingKey(homeserver.state.oauth))] });
}

/** RFC 6750 §3: a refused bearer token gets the challenge, without a body (MAS sends an empty 401). */
const invalidToken = (): ModelResponse => ({
  status: 401,
  empty: true,
  headers: { 'WWW-Authenticate': 'Bearer error="invalid_token"' },
});

/** The bearer token of a request: the `Authorization` header, or a POST's form field (RFC 6750 §2.1, §2.2). */
function bearerToken(request: ModelRequest): string | undefined {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice('Bearer '.length).trim();
  return request.method === 'POST' ? (formOf(request).get('access_token') ?? undefined) : undefined;
}

/**
 * `GET`/`POST {issuer}userinfo` (OIDC Core §5.3), as MAS's `oauth2/userinfo.rs`: a session whose scope
 * has `openid` gets `{sub, username}`; anything else a 401. Like every MAS endpoint that takes an
 * access token, it counts as the token's first use.
 */
export async function userinfo(homeserver: MockHomeserver, request: ModelRequest): Promise<ModelResponse> {
  const presented = bearerToken(request);
  const session = presented === undefined ? undefined : sessionWithToken(homeserver, presented, 'access');
  // The session's own expiry: a session without the Client-Server API has no homeserver token.
  if (!session || homeserver.env.now() >= session.accessTokenExpiresAt) return invalidToken();
  noteAccessTokenUse(homeserver, session.accessToken);
  if (!session.scope.split(' ').includes('openid')) return invalidToken();
  return ok({ sub: await subjectOf(homeserver, session.userId), username: localpartOfUserId(session.userId) });
}

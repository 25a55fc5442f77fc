import type { OAuthConfig } from '../config.js';
import type { MockHomeserver } from '../homeserver.js';
import type { ModelRequest } from '../request.js';
import type { ModelResponse } from '../response.js';
import { idToken } from './id-token.js';
import { verifierMatches } from './pkce.js';
import { formOf, oauthError, oauthOk } from './responses.js';
import {
  endSession,
  openSession,
  rotateSession,
  sessionWithPreviousRefreshToken,
  sessionWithToken,
  tokenAnswer,
} from './sessions.js';
import { forgetExpired, ID_SHAPES } from './state.js';
import { own } from '../records.js';

const invalidGrant = (description: string) => oauthError(400, 'invalid_grant', description);

/** `POST {issuer}token` (RFC 6749 §4.1.3 and §6, RFC 7636 §4.5): public clients, so no client secret. */
export async function token(
  homeserver: MockHomeserver,
  oauth: OAuthConfig,
  request: ModelRequest,
): Promise<ModelResponse> {
  const form = formOf(request);
  const { state } = homeserver;
  forgetExpired(state.oauth, homeserver.env.now());
  const grantType = form.get('grant_type');
  if (grantType === null) return oauthError(400, 'invalid_request', 'grant_type is missing');
  if (grantType !== 'authorization_code' && grantType !== 'refresh_token') {
    return oauthError(400, 'unsupported_grant_type', `The grant type ${grantType} is not supported`);
  }
  const clientId = form.get('client_id') ?? '';
  const client = ID_SHAPES.client.test(clientId) ? own(state.oauth.clients, clientId) : undefined;
  if (!client) return oauthError(401, 'invalid_client', 'Unknown client_id');
  if (!client.grantTypes.includes(grantType)) {
    return oauthError(400, 'unauthorized_client', `This client did not register the ${grantType} grant`);
  }
  return grantType === 'authorization_code'
    ? exchangeCode(homeserver, oauth, form, clientId)
    : refresh(homeserver, form, clientId);
}

async function exchangeCode(
  homeserver: MockHomeserver,
  oauth: OAuthConfig,
  form: URLSearchParams,
  clientId: string,
): Promise<ModelResponse> {
  const { state, env } = homeserver;
  const code = form.get('code');
  const verifier = form.get('code_verifier');
  if (code === null) return oauthError(400, 'invalid_request', 'code is missing');
  if (verifier === null) return oauthError(400, 'invalid_request', 'code_verifier is missing');
  const grant = ID_SHAPES.code.test(code) ? own(state.oauth.codes, code) : undefined;
  if (!grant) return invalidGrant('The code is unknown or has expired');
  if (grant.usedAt !== undefined) {
    // RFC 6749 §4.1.2: a code presented twice may have been stolen, so what it gave is taken back.
    const session = grant.sessionId === undefined ? undefined : own(state.oauth.sessions, grant.sessionId);
    if (session) endSession(homeserver, session);
    return invalidGrant('The code has already been used');
  }
  // Spent by any attempt, right or wrong, so that a verifier cannot be guessed at.
  grant.usedAt = env.now();
  if (grant.clientId !== clientId) return invalidGrant('The code was issued to another client');
  if (form.get('redirect_uri') !== grant.redirectUri) {
    return invalidGrant('redirect_uri is not the one of the authorization request');
  }
  // The hash may wait on WebCrypto: the code is spent already, so a concurrent request cannot reuse it.
  if (!(await verifierMatches(verifier, grant.codeChallenge, env))) {
    return invalidGrant('The code_verifier does not match the code_challenge');
  }
  const session = openSession(homeserver, {
    clientId,
    userId: grant.userId,
    ...(grant.deviceId === undefined ? {} : { deviceId: grant.deviceId }),
    scope: grant.scope,
  });
  grant.sessionId = session.id;
  // OIDC Core §3.1.3.3, as MAS's `authorization_code_grant`: an id_token whenever `openid` was granted.
  const openid = grant.scope.split(' ').includes('openid')
    ? await idToken(homeserver, oauth, { ...grant, clientId, accessToken: session.accessToken })
    : undefined;
  return oauthOk(tokenAnswer(homeserver, session, openid));
}

/**
 * RFC 6749 §6 with spec v1.18's "Refresh token grant": the server MUST let a client retry a refresh
 * whose answer it lost. As MAS's `refresh_token_grant` (`token.rs`): the refresh token just consumed
 * is accepted again while the access token it gave has not been used; the lost pair is revoked and a
 * new one issued. Once that access token was used, the old refresh token is a replay and refused.
 */
function refresh(homeserver: MockHomeserver, form: URLSearchParams, clientId: string): ModelResponse {
  const presented = form.get('refresh_token');
  if (presented === null) return oauthError(400, 'invalid_request', 'refresh_token is missing');
  const current = sessionWithToken(homeserver, presented, 'refresh');
  const retried = current ? undefined : sessionWithPreviousRefreshToken(homeserver, presented);
  const session = current ?? retried;
  if (!session || retried?.accessTokenUsedAt !== undefined) {
    return invalidGrant('The refresh token is unknown, used or revoked');
  }
  if (session.clientId !== clientId) return invalidGrant('The refresh token was issued to another client');
  rotateSession(homeserver, session, presented);
  // No id_token: MAS's refresh answer has none, and OIDC Core §12.2 makes it optional.
  return oauthOk(tokenAnswer(homeserver, session));
}

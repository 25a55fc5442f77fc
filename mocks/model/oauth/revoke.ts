import type { MockHomeserver } from '../homeserver.js';
import type { ModelRequest } from '../request.js';
import type { ModelResponse } from '../response.js';
import { formOf, oauthError } from './responses.js';
import { endSession, sessionWithToken } from './sessions.js';

/**
 * `POST {issuer}revoke` (RFC 7009, spec v1.18 "Token revocation"): either token ends the whole
 * session. A token that is unknown or already revoked is a success too; so is a missing or wrong
 * `client_id`, which the spec asks servers to overlook so that leaked tokens can be revoked by anyone.
 */
export function revoke(homeserver: MockHomeserver, request: ModelRequest): ModelResponse {
  const form = formOf(request);
  const presented = form.get('token');
  if (presented === null || presented === '') return oauthError(400, 'invalid_request', 'token is missing');
  const hint = form.get('token_type_hint');
  if (hint !== null && hint !== 'access_token' && hint !== 'refresh_token') {
    return oauthError(400, 'unsupported_token_type', `Unknown token_type_hint ${hint}`);
  }
  const session = sessionWithToken(homeserver, presented);
  if (session) endSession(homeserver, session);
  return { status: 200, empty: true, headers: { 'Cache-Control': 'no-store' } };
}

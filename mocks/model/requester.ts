import type { MockHomeserver } from './homeserver.js';
import { noteAccessTokenUse } from './oauth/sessions.js';
import { accessTokenOf, type ModelRequest } from './request.js';
import { matrixError, type ModelResponse } from './response.js';
import type { AccessToken, Account } from './state.js';
import { own } from './records.js';

export interface Requester {
  account: Account;
  token: AccessToken;
}

/** Synapse's `get_user_by_req`: the account behind the request's access token, or the error it answers. */
export function authenticate(
  homeserver: MockHomeserver,
  request: ModelRequest,
  options: { allowGuest: boolean },
): { requester: Requester } | { error: ModelResponse } {
  const presented = accessTokenOf(request);
  if (presented === undefined) return { error: matrixError(401, 'M_MISSING_TOKEN', 'Missing access token') };
  const token = own(homeserver.state.accessTokens, presented);
  const account = token && homeserver.findAccount(token.userId.slice(1, token.userId.indexOf(':')));
  if (!token || !account) {
    return { error: matrixError(401, 'M_UNKNOWN_TOKEN', 'Invalid access token passed.', { soft_logout: false }) };
  }
  if (token.expiresAt !== undefined && homeserver.env.now() >= token.expiresAt) {
    return { error: matrixError(401, 'M_UNKNOWN_TOKEN', 'Access token has expired', { soft_logout: true }) };
  }
  // As Synapse's introspection of a MAS token marks it used (MAS introspection.rs): a refresh retry depends on it.
  noteAccessTokenUse(homeserver, presented);
  if (account.guest && !options.allowGuest) {
    return { error: matrixError(403, 'M_GUEST_ACCESS_FORBIDDEN', 'Guest access not allowed') };
  }
  return { requester: { account, token } };
}

/** Synapse's `assert_requester_is_admin`. */
export function authenticateAdmin(
  homeserver: MockHomeserver,
  request: ModelRequest,
): { requester: Requester } | { error: ModelResponse } {
  const result = authenticate(homeserver, request, { allowGuest: false });
  if ('error' in result) return result;
  if (result.requester.account.admin !== true) {
    return { error: matrixError(403, 'M_FORBIDDEN', 'You are not a server admin') };
  }
  return result;
}

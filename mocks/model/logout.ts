import type { MockHomeserver } from './homeserver.js';
import { unrecognized } from './family-endpoints.js';
import { accessTokenOf, type ModelRequest } from './request.js';
import { matrixError, ok, type ModelResponse } from './response.js';
import { own } from './records.js';

/**
 * `POST /logout` and `POST /logout/all` (spec v1.18 "Logging out"; Synapse v1.94.0
 * `synapse/rest/client/logout.py`). The token is found as `get_user_by_req(allow_expired=True)`
 * finds it (logout.py:43-45): an expired token may still log out, a guest may not (`allow_guest`
 * is false there). One device goes with its tokens (`delete_devices`, logout.py:53-55); `all`
 * takes every device and token of the user (logout.py:75-82). Both answer `{}`. Synapse with its
 * accounts delegated to MAS does not route them (logout.py:87-88): tokens are revoked at MAS.
 */
export function logout(homeserver: MockHomeserver, request: ModelRequest, scope: 'device' | 'all'): ModelResponse {
  if (homeserver.config.oauth) return unrecognized();
  const presented = accessTokenOf(request);
  if (presented === undefined) return matrixError(401, 'M_MISSING_TOKEN', 'Missing access token');
  const token = own(homeserver.state.accessTokens, presented);
  const account = token && homeserver.findAccount(token.userId.slice(1, token.userId.indexOf(':')));
  if (!token || !account) {
    return matrixError(401, 'M_UNKNOWN_TOKEN', 'Invalid access token passed.', { soft_logout: false });
  }
  if (account.guest) return matrixError(403, 'M_GUEST_ACCESS_FORBIDDEN', 'Guest access not allowed');
  const goes = (userId: string, deviceId: string) =>
    userId === token.userId && (scope === 'all' || deviceId === token.deviceId);
  const { state } = homeserver;
  state.devices = state.devices.filter((device) => !goes(device.userId, device.deviceId));
  for (const [key, each] of Object.entries(state.accessTokens)) {
    if (goes(each.userId, each.deviceId)) Reflect.deleteProperty(state.accessTokens, key);
  }
  return ok({});
}

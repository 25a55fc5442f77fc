import type { MockHomeserver } from './homeserver';
import type { ModelRequest } from './request';
import { matrixError, ok, rateLimited, type ModelResponse } from './response';
import { checkUsername } from './user-id';

/** `GET /register/available` in Synapse's order (§6). The name is not lower-cased here. */
export function usernameAvailable(homeserver: MockHomeserver, request: ModelRequest): ModelResponse {
  const { config } = homeserver;
  if (config.oauth) return matrixError(404, 'M_UNRECOGNIZED', 'Unrecognized request');
  if (!config.enableRegistration) return matrixError(403, 'M_FORBIDDEN', 'Registration has been disabled');
  if (config.inhibitUserInUseError) return ok({ available: true });
  const limit = homeserver.rateLimit('availability', request.clientIp, true);
  if (!limit.allowed) return rateLimited(limit.retryAfterMs);
  const username = request.query.get('username');
  if (username === null) return matrixError(400, 'M_MISSING_PARAM', 'Missing string query parameter: username');
  const problem = checkUsername(username, {
    serverName: config.serverName,
    allowUnderscorePrefix: config.allowUnderscorePrefix,
    inhibitUserInUseError: false,
    isExclusive: (userId) => homeserver.isExclusive(userId),
    exists: (localpart) => homeserver.findAccount(localpart) !== undefined,
  });
  if (problem) return matrixError(problem.status, problem.errcode, problem.error);
  return ok({ available: true });
}

/** `GET /v1/register/m.login.registration_token/validity` (§8): throttle, then 403, then the token. */
export function registrationTokenValidity(homeserver: MockHomeserver, request: ModelRequest): ModelResponse {
  const limit = homeserver.rateLimit('registrationTokenValidity', request.clientIp, true);
  if (!limit.allowed) return rateLimited(limit.retryAfterMs);
  if (!homeserver.config.enableRegistration) return matrixError(403, 'M_FORBIDDEN', 'Registration has been disabled');
  const token = request.query.get('token');
  if (token === null) return matrixError(400, 'M_MISSING_PARAM', 'Missing string query parameter: token');
  return ok({ valid: homeserver.tokenIsValid(token) });
}

import type { MockHomeserver } from './homeserver.js';
import type { ModelRequest } from './request.js';
import { matrixError, ok, rateLimited, type ModelResponse } from './response.js';
import { checkUsername } from './user-id.js';

/** `GET /register/available` in Synapse's order (§6). The name is not lower-cased here. */
export function usernameAvailable(homeserver: MockHomeserver, request: ModelRequest): ModelResponse {
  if (!homeserver.config.enableRegistration) return matrixError(403, 'M_FORBIDDEN', 'Registration has been disabled');
  return checkAvailability(homeserver, request);
}

/** The checks behind `/register/available` (the OAuth sign-up page's live check makes them too). */
export function checkAvailability(homeserver: MockHomeserver, request: ModelRequest): ModelResponse {
  if (homeserver.config.inhibitUserInUseError) return ok({ available: true });
  const limit = homeserver.rateLimit('availability', request.clientIp, true);
  if (!limit.allowed) return rateLimited(limit.retryAfterMs);
  const username = asciiQueryParameter(request, 'username');
  if (typeof username !== 'string') return username.error;
  const problem = checkUsername(username, { ...homeserver.usernameContext(), inhibitUserInUseError: false });
  if (problem) return matrixError(problem.status, problem.errcode, problem.error);
  return ok({ available: true });
}

/** `GET /v1/register/m.login.registration_token/validity` (§8): throttle, then 403, then the token. */
export function registrationTokenValidity(homeserver: MockHomeserver, request: ModelRequest): ModelResponse {
  const limit = homeserver.rateLimit('registrationTokenValidity', request.clientIp, true);
  if (!limit.allowed) return rateLimited(limit.retryAfterMs);
  if (!homeserver.config.enableRegistration) return matrixError(403, 'M_FORBIDDEN', 'Registration has been disabled');
  const token = asciiQueryParameter(request, 'token');
  if (typeof token !== 'string') return token.error;
  return ok({ valid: homeserver.tokenIsValid(token) });
}

/** Synapse's `parse_string(request, name, required=True)`: present, and ASCII. */
function asciiQueryParameter(request: ModelRequest, name: string): string | { error: ModelResponse } {
  const value = request.query.get(name);
  if (value === null) return { error: matrixError(400, 'M_MISSING_PARAM', `Missing string query parameter '${name}'`) };
  // Control characters are ASCII too: they pass here and fail the username's own check.
  // eslint-disable-next-line no-control-regex
  if (!/^[\x00-\x7f]*$/.test(value)) {
    return { error: matrixError(400, 'M_UNKNOWN', `Query parameter '${name}' must be ascii`) };
  }
  return value;
}

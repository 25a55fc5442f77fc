import { deviceNameProblem } from './device.js';
import type { MockHomeserver } from './homeserver.js';
import { validateLogin } from './login-submission.js';
import { accessTokenOf, parseJsonObject, type JsonObject, type ModelRequest } from './request.js';
import { authenticate } from './requester.js';
import { awaitingApproval } from './register.js';
import { matrixError, ok, type ModelResponse } from './response.js';

export function loginFlows(homeserver: MockHomeserver): ModelResponse {
  if (homeserver.config.oauth) {
    // MAS's compatibility layer: OAuth first, and passwords for the accounts its page made.
    return ok({
      flows: [
        { type: 'm.login.sso', oauth_aware_preferred: true },
        { type: 'm.login.token' },
        { type: 'm.login.password' },
      ],
    });
  }
  return ok({ flows: [{ type: 'm.login.password' }, { type: 'm.login.application_service' }] });
}

/**
 * `POST /login` in the order of Synapse's `LoginRestServlet.on_POST` (v1.94.0
 * `synapse/rest/client/login.py:185-266`), so that an account just made can be shown to work (on an
 * OAuth server too: MAS answers it for accounts with a password).
 */
export async function login(homeserver: MockHomeserver, request: ModelRequest): Promise<ModelResponse> {
  const parsed = parseJsonObject(request.body);
  if ('error' in parsed) return parsed.error;
  const body = parsed.value;
  if ('refresh_token' in body && typeof body.refresh_token !== 'boolean') {
    return matrixError(400, 'M_UNKNOWN', '`refresh_token` should be true or false.');
  }
  // `login_submission["type"]`: a KeyError, answered "Missing JSON keys." (login.py:252-253).
  if (!('type' in body)) return matrixError(400, 'M_UNKNOWN', 'Missing JSON keys.');
  if (body.type === 'm.login.application_service') return appserviceLogin(homeserver, request, body);
  if (body.type === 'm.login.token') {
    // No login token is ever issued here (login.py:234-240, 485-506; synapse/handlers/auth.py:1469-1479).
    return 'token' in body
      ? matrixError(403, 'M_FORBIDDEN', 'Invalid login token')
      : matrixError(400, 'M_UNKNOWN', 'Missing JSON keys.');
  }
  const outcome = await validateLogin(homeserver, body);
  if ('error' in outcome) return outcome.error;
  if ('failed' in outcome) return matrixError(outcome.failed.status, outcome.failed.errcode, outcome.failed.error);
  return completeLogin(homeserver, outcome.userId, body);
}

/** `_complete_login` (login.py:352-483): the device, with its checks, and the well-known. */
function completeLogin(homeserver: MockHomeserver, userId: string, body: JsonObject): ModelResponse {
  const deviceId = body.device_id;
  if (deviceId !== undefined && deviceId !== null && typeof deviceId !== 'string') {
    // `len(device_id)` of a number crashes Synapse (500): 4xx here.
    return matrixError(400, 'M_BAD_JSON', '`device_id` must be a string');
  }
  if (deviceId && deviceId.length > 512) {
    return matrixError(400, 'M_INVALID_PARAM', 'device_id cannot be longer than 512 characters.');
  }
  // MSC3866: the right password, but no device until an admin approves (login.py:255-261, 425-433
  // at v1.94.0; recorded: ap.login_before_approval).
  if (homeserver.config.requireApproval && homeserver.findAccount(localpartOf(userId))?.approved === false) {
    return awaitingApproval('This account is pending approval by a server administrator.');
  }
  const tooLong = deviceNameProblem(body.initial_device_display_name);
  if (tooLong) return tooLong;
  return ok({
    user_id: userId,
    home_server: homeserver.config.serverName,
    ...homeserver.issueLogin(userId, {
      deviceId: typeof deviceId === 'string' ? deviceId : undefined,
      displayName: typeof body.initial_device_display_name === 'string' ? body.initial_device_display_name : undefined,
      refreshToken: body.refresh_token === true,
    }),
    // Synapse tells a client where it lives once `public_baseurl` is set, as the mock's always is.
    well_known: { 'm.homeserver': { base_url: homeserver.config.publicBaseUrl } },
  });
}

/** `_do_appservice_login` (login.py:202-216, 268-311): the service's token, then a user in its namespace. */
function appserviceLogin(homeserver: MockHomeserver, request: ModelRequest, body: JsonObject): ModelResponse {
  const token = accessTokenOf(request);
  const service = homeserver.config.appservices.find((candidate) => candidate.asToken === token);
  if (!service) {
    const user = authenticate(homeserver, request, { allowGuest: true });
    if ('error' in user) return user.error;
    return matrixError(401, 'M_UNKNOWN_TOKEN', 'This login method is only valid for application services', {
      soft_logout: false,
    });
  }
  const identifier = body.identifier;
  if (typeof identifier !== 'object' || identifier === null || Array.isArray(identifier)) {
    return matrixError(400, 'M_INVALID_PARAM', 'Invalid identifier in login submission');
  }
  const { type, user } = identifier as JsonObject;
  if (type !== 'm.id.user') return matrixError(400, 'M_INVALID_PARAM', 'Unknown login identifier type');
  if (typeof user !== 'string') return matrixError(400, 'M_INVALID_PARAM', 'Invalid user in identifier');
  const userId = user.startsWith('@') ? user : `@${user}:${homeserver.config.serverName}`;
  if (!new RegExp(`^${service.userRegex}$`).test(userId)) {
    return matrixError(403, 'M_FORBIDDEN', 'Invalid access_token');
  }
  // `get_user_deactivated_status` finds no row for a user that does not exist (exact ID).
  const account = homeserver.findAccount(localpartOf(userId));
  if (account?.userId !== userId) return matrixError(404, 'M_UNKNOWN', 'No row found');
  return completeLogin(homeserver, userId, body);
}

/** A login's user: a localpart, or a full `@localpart:server` ID. */
export function localpartOf(user: string): string {
  return user.startsWith('@') ? user.slice(1, user.includes(':') ? user.indexOf(':') : undefined) : user;
}

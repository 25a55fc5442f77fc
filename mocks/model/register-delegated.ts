import { refuse } from './family-uia.js';
import type { MockHomeserver } from './homeserver.js';
import { registerAppserviceUser } from './register.js';
import { parseJsonObject, type ModelRequest } from './request.js';
import { matrixError, ok, rateLimited, type ModelResponse } from './response.js';
import { codePointLength, MAX_RAW_LENGTH } from './user-id.js';

const APPSERVICE = 'm.login.application_service';

/**
 * `POST /register` of a Synapse whose accounts an OAuth server makes: `RegisterAppServiceOnlyRestServlet`
 * (homeservers.md §2.4). Never a 401: people are refused, application services register.
 * - With MAS (≥1.126, `register.py:907-982`): the rate limit, then any body that is not an
 *   application service's is 403 `M_FORBIDDEN`, before `kind` and the username are looked at; since
 *   1.139 an application service must set `inhibit_login`; then guests are refused.
 * - With MSC3861 (1.86–1.125, v1.86.0 `register.py:872-937`): the rate limit, `kind`, the username,
 *   and only then the type.
 */
export function registerDelegated(homeserver: MockHomeserver, request: ModelRequest): ModelResponse {
  const limit = homeserver.rateLimit('registration', request.clientIp, false);
  if (!limit.allowed) return rateLimited(limit.retryAfterMs);
  const parsed = parseJsonObject(request.body);
  if ('error' in parsed) return parsed.error;
  const body = parsed.value;
  const kind = request.query.get('kind') ?? 'user';
  const guestRefused = matrixError(403, 'M_UNKNOWN', 'Guest access is disabled');

  if (homeserver.family.name === 'synapse-mas') {
    if (body.type !== APPSERVICE) return refuse(homeserver, homeserver.family.disabled);
    if (body.inhibit_login !== true) {
      // The text as Synapse 1.139's users quote it (its changelog names the errcode).
      return matrixError(
        400,
        'IO.ELEMENT.MSC4190.M_APPSERVICE_LOGIN_UNSUPPORTED',
        'This server uses OAuth2, so the inhibit_login parameter must be set to true for appservice registrations.',
      );
    }
    if (kind === 'guest') return guestRefused;
  } else {
    if (kind === 'guest') return guestRefused;
    if (kind !== 'user') return matrixError(400, 'M_UNRECOGNIZED', `Do not understand membership kind: ${kind}`);
    if (typeof body.username !== 'string' || codePointLength(body.username) > MAX_RAW_LENGTH) {
      return matrixError(400, 'M_UNKNOWN', 'Invalid username');
    }
    if (body.type !== APPSERVICE) return refuse(homeserver, homeserver.family.disabled);
  }
  const registered = registerAppserviceUser(homeserver, request, body);
  // No device and no token: `{"user_id"}` alone (homeservers.md §2.4 "Appservice success").
  if (registered.status !== 200 || !('body' in registered)) return registered;
  return ok({ user_id: registered.body.user_id });
}

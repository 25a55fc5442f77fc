import type { MockHomeserver } from './homeserver.js';
import { verifyPassword } from './password.js';
import { parseJsonObject, type ModelRequest } from './request.js';
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
 * `POST /login` with `m.login.password`, so that an account just made can be shown to work (on an
 * OAuth server too: MAS answers it for accounts with a password).
 */
export async function login(homeserver: MockHomeserver, request: ModelRequest): Promise<ModelResponse> {
  const parsed = parseJsonObject(request.body);
  if ('error' in parsed) return parsed.error;
  const body = parsed.value;
  if (body.type !== 'm.login.password') return matrixError(400, 'M_INVALID_PARAM', 'Invalid login submission');
  const identifier = body.identifier as { type?: unknown; user?: unknown } | undefined;
  const user = identifier?.type === 'm.id.user' ? identifier.user : body.user;
  if (typeof user !== 'string' || typeof body.password !== 'string') {
    return matrixError(400, 'M_MISSING_PARAM', 'Missing params: identifier, password');
  }
  const account = homeserver.findAccount(localpartOf(user));
  if (!account?.passwordHash || !(await verifyPassword(body.password, account.passwordHash, homeserver.env))) {
    return matrixError(403, 'M_FORBIDDEN', 'Invalid username or password');
  }
  return ok({
    user_id: account.userId,
    home_server: homeserver.config.serverName,
    ...homeserver.issueLogin(account.userId, {
      deviceId: typeof body.device_id === 'string' ? body.device_id : undefined,
      displayName: typeof body.initial_device_display_name === 'string' ? body.initial_device_display_name : undefined,
      refreshToken: body.refresh_token === true,
    }),
    // Synapse tells a client where it lives once `public_baseurl` is set, as the mock's always is.
    well_known: { 'm.homeserver': { base_url: homeserver.config.publicBaseUrl } },
  });
}

/** A login's user: a localpart, or a full `@localpart:server` ID. */
export function localpartOf(user: string): string {
  return user.startsWith('@') ? user.slice(1, user.includes(':') ? user.indexOf(':') : undefined) : user;
}

import type { MockHomeserver } from './homeserver.js';
import { verifyPassword } from './password.js';
import { parseJsonObject, type ModelRequest } from './request.js';
import { canonicalEmail } from './email.js';
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
 * `POST /login` with `m.login.password`, so that an account just made can be shown to work (on an
 * OAuth server too: MAS answers it for accounts with a password).
 */
export async function login(homeserver: MockHomeserver, request: ModelRequest): Promise<ModelResponse> {
  const parsed = parseJsonObject(request.body);
  if ('error' in parsed) return parsed.error;
  const body = parsed.value;
  if (body.type !== 'm.login.password') return matrixError(400, 'M_INVALID_PARAM', 'Invalid login submission');
  const identifier = body.identifier as
    { type?: unknown; user?: unknown; medium?: unknown; address?: unknown } | undefined;
  const user = identifier?.type === 'm.id.user' ? identifier.user : body.user;
  // An email address bound to an account signs in as that account (recorded: er.login_by_email).
  const address =
    identifier?.type === 'm.id.thirdparty' && identifier.medium === 'email' && typeof identifier.address === 'string'
      ? canonicalEmail(identifier.address)
      : undefined;
  if ((typeof user !== 'string' && address === undefined) || typeof body.password !== 'string') {
    return matrixError(400, 'M_MISSING_PARAM', 'Missing params: identifier, password');
  }
  const { threepids } = homeserver.state;
  const account =
    address !== undefined
      ? Object.hasOwn(threepids, address)
        ? homeserver.findAccount(localpartOf(threepids[address] ?? ''))
        : undefined
      : homeserver.findAccount(localpartOf(user as string));
  if (!account?.passwordHash || !(await verifyPassword(body.password, account.passwordHash, homeserver.env))) {
    return matrixError(403, 'M_FORBIDDEN', 'Invalid username or password');
  }
  // MSC3866: the right password, but no device until an admin approves (login.py:255-261 at v1.94.0).
  if (homeserver.config.requireApproval && account.approved === false) {
    return awaitingApproval('This account is pending approval by a server administrator.');
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

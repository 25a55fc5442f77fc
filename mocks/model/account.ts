import type { MockHomeserver } from './homeserver.js';
import type { Account } from './state.js';
import type { ModelRequest } from './request.js';
import { authenticate } from './requester.js';
import { ok, type ModelResponse } from './response.js';

/** `GET /account/whoami`: whose token this is, so a client can check the account it just made. */
export function whoami(homeserver: MockHomeserver, request: ModelRequest): ModelResponse {
  const result = authenticate(homeserver, request, { allowGuest: true });
  if ('error' in result) return result.error;
  const { account, token } = result.requester;
  return ok({ user_id: account.userId, is_guest: account.guest, device_id: token.deviceId });
}

/** `GET /capabilities`, as a new account of Synapse's sees it. */
export function capabilities(homeserver: MockHomeserver, request: ModelRequest): ModelResponse {
  const result = authenticate(homeserver, request, { allowGuest: true });
  if ('error' in result) return result.error;
  return ok({
    capabilities: {
      'm.change_password': { enabled: !result.requester.account.guest },
      'm.set_displayname': { enabled: true },
      'm.set_avatar_url': { enabled: true },
      'm.3pid_changes': { enabled: true },
      'm.room_versions': { default: '10', available: { '9': 'stable', '10': 'stable', '11': 'stable' } },
    },
  });
}

/** `GET /account/3pid`: the addresses bound to the account (recorded: er.account_3pid). */
export function accountThreepids(homeserver: MockHomeserver, request: ModelRequest): ModelResponse {
  const result = authenticate(homeserver, request, { allowGuest: false });
  if ('error' in result) return result.error;
  return ok({
    threepids: threepidsOf(result.requester.account),
  });
}

/** An account's bound addresses as Synapse lists them, in `/account/3pid` and the admin API alike. */
export function threepidsOf(account: Account): Record<string, unknown>[] {
  return (account.threepids ?? []).map((threepid) => ({
    medium: threepid.medium,
    address: threepid.address,
    validated_at: threepid.validatedAt,
    added_at: threepid.addedAt,
  }));
}

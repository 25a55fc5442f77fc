import type { OAuthConfig } from '../config.js';
import { sha256Hex } from '../environment.js';
import type { MockHomeserver } from '../homeserver.js';
import { base64url, bytesOfHex, crockford } from './encoding.js';
import { signJwt } from './signing-key.js';

/** MAS's id_tokens last an hour (`generate_id_token` in its `oauth2/mod.rs`). */
const ID_TOKEN_LIFETIME_S = 3600;

export const localpartOfUserId = (userId: string): string => userId.slice(1, userId.indexOf(':'));

/**
 * The `sub` of an account. MAS's is its user's ULID (`storage-pg/src/user/mod.rs`: `sub: id.to_string()`),
 * opaque and never the Matrix ID, so that no client learns to read one as the other. The mock keeps no
 * such ID, so it makes one that stays the same for the account: the ULID's time part is when the account
 * was made (as MAS's is), its 80 other bits come from the Matrix ID's hash instead of randomness.
 */
export async function subjectOf(homeserver: MockHomeserver, userId: string): Promise<string> {
  const createdAt = homeserver.findAccount(localpartOfUserId(userId))?.createdAt ?? 0;
  const hash = await sha256Hex(userId, homeserver.env);
  return crockford(BigInt(createdAt), 10) + crockford(BigInt(`0x${hash.slice(0, 20)}`), 16);
}

/** OIDC Core §3.1.3.6 `at_hash` and §3.3.2.11 `c_hash` for RS256: the left half of the token's SHA-256. */
async function tokenHash(homeserver: MockHomeserver, token: string): Promise<string> {
  return base64url(bytesOfHex((await sha256Hex(token, homeserver.env)).slice(0, 32)));
}

export interface IdTokenGrant {
  clientId: string;
  userId: string;
  nonce?: string;
  /** Milliseconds, when the person signed in or up; MAS too leaves `auth_time` out when it has none. */
  authTime?: number;
  accessToken: string;
  code: string;
}

/**
 * The id_token of a code exchange whose scope has `openid`, with the claims MAS's `generate_id_token`
 * puts in (iss, sub, aud, iat, exp, nonce, auth_time, at_hash, c_hash), signed RS256 with the
 * server's key. MAS sends none on a refresh, and neither does the mock.
 */
export async function idToken(homeserver: MockHomeserver, oauth: OAuthConfig, grant: IdTokenGrant): Promise<string> {
  const now = Math.floor(homeserver.env.now() / 1000);
  return signJwt(homeserver.state.oauth, {
    iss: oauth.issuer,
    sub: await subjectOf(homeserver, grant.userId),
    aud: grant.clientId,
    iat: now,
    exp: now + ID_TOKEN_LIFETIME_S,
    ...(grant.nonce === undefined ? {} : { nonce: grant.nonce }),
    ...(grant.authTime === undefined ? {} : { auth_time: Math.floor(grant.authTime / 1000) }),
    at_hash: await tokenHash(homeserver, grant.accessToken),
    c_hash: await tokenHash(homeserver, grant.code),
  });
}

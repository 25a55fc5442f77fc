import type { MockHomeserver } from '../homeserver.js';
import type { OAuthSession } from './state.js';
import { BOUNDS, own, remember } from '../records.js';

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** MAS's token shapes: `mat_` access tokens, `mar_` refresh tokens (without MAS's checksum part). */
function newTokens(homeserver: MockHomeserver) {
  const { env } = homeserver;
  return {
    accessToken: `mat_${env.randomString(30, ALNUM)}`,
    accessTokenExpiresAt: env.now() + homeserver.config.accessTokenLifetimeMs,
    refreshToken: `mar_${env.randomString(30, ALNUM)}`,
  };
}

/**
 * The access token is also a homeserver access token (MAS's are, through Synapse's introspection),
 * so `whoami` and every other endpoint know it without knowing OAuth. Only with the Client-Server
 * API scope, which is what gives a session its device: Synapse refuses any other token of MAS's.
 */
function installAccessToken(homeserver: MockHomeserver, session: OAuthSession): void {
  if (session.deviceId === undefined) return;
  homeserver.state.accessTokens[session.accessToken] = {
    token: session.accessToken,
    userId: session.userId,
    deviceId: session.deviceId,
    expiresAt: session.accessTokenExpiresAt,
  };
}

/** A new session (for the device the scope named, if any), as a successful code exchange opens it. */
export function openSession(
  homeserver: MockHomeserver,
  grant: Pick<OAuthSession, 'clientId' | 'userId' | 'deviceId' | 'scope'>,
): OAuthSession {
  const { state } = homeserver;
  const session: OAuthSession = { id: homeserver.env.randomString(24, ALNUM), ...grant, ...newTokens(homeserver) };
  remember(state.oauth.sessions, session.id, session, BOUNDS.oauthSessions);
  const { deviceId } = grant;
  if (
    deviceId !== undefined &&
    !state.devices.some((device) => device.userId === grant.userId && device.deviceId === deviceId)
  ) {
    const displayName = own(state.oauth.clients, grant.clientId)?.clientName;
    state.devices.push({ userId: grant.userId, deviceId, displayName });
  }
  installAccessToken(homeserver, session);
  return session;
}

/**
 * The refresh token grant: both tokens replaced, the access token dead at once (MAS rotates them too
 * and revokes the consumed token's access token). `consumed`, the refresh token presented, is then
 * the one a retry may present again: the current one, or on a retry the previous one itself, whose
 * lost successors this replaces.
 */
export function rotateSession(homeserver: MockHomeserver, session: OAuthSession, consumed: string): void {
  Reflect.deleteProperty(homeserver.state.accessTokens, session.accessToken);
  Object.assign(session, newTokens(homeserver), { previousRefreshToken: consumed, accessTokenUsedAt: undefined });
  installAccessToken(homeserver, session);
}

/**
 * An OAuth access token was presented to an endpoint: MAS records its first use when Synapse
 * introspects it or one of MAS's own endpoints takes it (`mark_used` in `introspection.rs` and
 * `axum-utils/src/user_authorization.rs`). Once used, the refresh token before it no longer works.
 */
export function noteAccessTokenUse(homeserver: MockHomeserver, accessToken: string): void {
  const session = sessionWithToken(homeserver, accessToken, 'access');
  if (session) session.accessTokenUsedAt ??= homeserver.env.now();
}

/** Revocation: the access and refresh tokens and the device go (MAS ends the session, Synapse deletes the device). */
export function endSession(homeserver: MockHomeserver, session: OAuthSession): void {
  const { state } = homeserver;
  Reflect.deleteProperty(state.accessTokens, session.accessToken);
  Reflect.deleteProperty(state.oauth.sessions, session.id);
  state.devices = state.devices.filter(
    (device) => !(device.userId === session.userId && device.deviceId === session.deviceId),
  );
}

export function sessionWithToken(
  homeserver: MockHomeserver,
  token: string,
  kind: 'access' | 'refresh' | 'either' = 'either',
): OAuthSession | undefined {
  return Object.values(homeserver.state.oauth.sessions).find(
    (session) =>
      (kind !== 'refresh' && session.accessToken === token) || (kind !== 'access' && session.refreshToken === token),
  );
}

/** RFC 6749 §5.1, as spec v1.18's sample answer; with an `id_token` where OpenID Connect asks for one. */
export function tokenAnswer(
  homeserver: MockHomeserver,
  session: OAuthSession,
  idToken?: string,
): Record<string, unknown> {
  return {
    access_token: session.accessToken,
    token_type: 'Bearer',
    expires_in: Math.floor(homeserver.config.accessTokenLifetimeMs / 1000),
    refresh_token: session.refreshToken,
    scope: session.scope,
    ...(idToken === undefined ? {} : { id_token: idToken }),
  };
}

/** The session whose previous refresh token this is: a refresh retried after its answer was lost, or a replay. */
export function sessionWithPreviousRefreshToken(homeserver: MockHomeserver, token: string): OAuthSession | undefined {
  return Object.values(homeserver.state.oauth.sessions).find((session) => session.previousRefreshToken === token);
}

import type { MockHomeserver } from '../homeserver.js';
import type { OAuthSession } from './state.js';

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** MAS's token shapes: `mat_` access tokens, `mar_` refresh tokens. */
function newTokens(homeserver: MockHomeserver) {
  const { env } = homeserver;
  return { accessToken: `mat_${env.randomString(30, ALNUM)}`, refreshToken: `mar_${env.randomString(30, ALNUM)}` };
}

/**
 * The access token is also a homeserver access token (MAS's are, through Synapse's introspection),
 * so `whoami` and every other endpoint know it without knowing OAuth.
 */
function installAccessToken(homeserver: MockHomeserver, session: OAuthSession): void {
  homeserver.state.accessTokens[session.accessToken] = {
    token: session.accessToken,
    userId: session.userId,
    deviceId: session.deviceId,
    expiresAt: homeserver.env.now() + homeserver.config.accessTokenLifetimeMs,
  };
}

/** A new session for the device the scope named, as a successful code exchange opens it. */
export function openSession(
  homeserver: MockHomeserver,
  grant: Pick<OAuthSession, 'clientId' | 'userId' | 'deviceId' | 'scope'>,
): OAuthSession {
  const { state } = homeserver;
  const session: OAuthSession = { id: homeserver.env.randomString(24, ALNUM), ...grant, ...newTokens(homeserver) };
  state.oauth.sessions[session.id] = session;
  if (!state.devices.some((device) => device.userId === grant.userId && device.deviceId === grant.deviceId)) {
    const displayName = state.oauth.clients[grant.clientId]?.clientName;
    state.devices.push({ userId: grant.userId, deviceId: grant.deviceId, displayName });
  }
  installAccessToken(homeserver, session);
  return session;
}

/** The refresh token grant: both tokens replaced, the old ones dead at once (MAS rotates them too). */
export function rotateSession(homeserver: MockHomeserver, session: OAuthSession): void {
  Reflect.deleteProperty(homeserver.state.accessTokens, session.accessToken);
  Object.assign(session, newTokens(homeserver));
  installAccessToken(homeserver, session);
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

/** RFC 6749 §5.1, as spec v1.18's sample answer. */
export function tokenAnswer(homeserver: MockHomeserver, session: OAuthSession): Record<string, unknown> {
  return {
    access_token: session.accessToken,
    token_type: 'Bearer',
    expires_in: Math.floor(homeserver.config.accessTokenLifetimeMs / 1000),
    refresh_token: session.refreshToken,
    scope: session.scope,
  };
}

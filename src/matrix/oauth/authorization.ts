import type { DiscoveredServer } from '../discovery';
import { clientMetadata, redirectUriOf, registerClient } from './client-registration';
import { OAuthError } from './errors';
import type { OAuthServer } from './metadata';
import { createPkce, randomDeviceId, randomUrlSafe } from './pkce';
import { saveRoundTrip } from './round-trip';

export interface StartOptions {
  server: DiscoveredServer;
  oauth: OAuthServer;
  /** This page (`window.location`). */
  page: URL;
  clientName: string;
  links?: { logo?: string; tos?: string; policy?: string };
  /** A Matrix ID the person already chose (an invite's username), as `login_hint`. */
  userId?: string;
  /** The page's language, as `ui_locales`, so the server's pages speak it where they can. */
  language?: string;
}

/**
 * Everything before leaving for the OAuth server (spec v1.18 "OAuth 2.0 API"): registers this page
 * as a client, makes the PKCE verifier and the state, keeps them for the way back, and returns the
 * authorization URL to go to.
 */
export async function startOAuthSignup(options: StartOptions): Promise<string> {
  const endpoints = options.oauth.endpoints;
  if (!options.oauth.canCreate || !endpoints) throw new OAuthError('create_not_supported');
  const metadata = clientMetadata(options.page, options.clientName, options.links);
  const clientId = await registerClient(endpoints.registration, metadata);
  const { verifier, challenge } = await createPkce();
  const state = randomUrlSafe(16);
  const redirectUri = redirectUriOf(options.page);
  saveRoundTrip({
    state,
    verifier,
    clientId,
    redirectUri,
    issuer: options.oauth.issuer,
    ...(options.oauth.issInAnswer ? { issRequired: true } : {}),
    tokenEndpoint: endpoints.token,
    ...(endpoints.revocation ? { revocationEndpoint: endpoints.revocation } : {}),
    baseUrl: options.server.baseUrl,
    prefix: options.server.prefix,
    serverName: options.server.userIdDomain ?? options.server.serverName,
    ...(options.language ? { language: options.language } : {}),
  });
  const url = new URL(endpoints.authorization);
  const params: Record<string, string> = {
    response_type: 'code',
    response_mode: options.oauth.responseMode,
    client_id: clientId,
    redirect_uri: redirectUri,
    scope: `urn:matrix:client:api:* urn:matrix:client:device:${randomDeviceId()}`,
    state,
    code_challenge: challenge,
    code_challenge_method: 'S256',
    prompt: 'create',
    ...(options.userId ? { login_hint: `mxid:${options.userId}` } : {}),
    ...(options.language ? { ui_locales: options.language } : {}),
  };
  for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
  return url.href;
}

import type { HomeserverConfig, OAuthConfig } from '../config.js';

/** The endpoints below the issuer, by the name the route table and `isApiPath` use. */
export const ISSUER_ENDPOINTS = ['register', 'authorize', 'token', 'revoke', 'username-available'] as const;

/** The issuer's path (`/oauth2/`): the model sees paths only, so the OAuth routes are matched below it. */
export function issuerPath(oauth: OAuthConfig): string {
  return new URL(oauth.issuer).pathname;
}

export function authorizationEndpoint(oauth: OAuthConfig): string {
  return oauth.authorizationEndpoint ?? `${oauth.issuer}authorize`;
}

/**
 * A configured authorization endpoint the model serves itself: one on the issuer's origin at another
 * path. (The browser mock's is its shell page on the app's origin, which the model never sees.)
 */
export function ownAuthorizationPath(oauth: OAuthConfig): string | undefined {
  if (oauth.authorizationEndpoint === undefined) return undefined;
  const endpoint = new URL(oauth.authorizationEndpoint);
  return endpoint.origin === new URL(oauth.issuer).origin ? endpoint.pathname : undefined;
}

/** The issuer's JSON endpoints, which pages on other origins call: they answer with CORS. */
export function isOAuthApiPath(path: string, config: HomeserverConfig): boolean {
  if (!config.oauth) return false;
  const base = issuerPath(config.oauth);
  if (!path.startsWith(base)) return false;
  const rest = path.slice(base.length);
  return ISSUER_ENDPOINTS.some((name) => rest === name || rest.startsWith(`${name}/`));
}

/** The account management actions of spec v1.18 (the mock serves no page for them). */
const ACCOUNT_ACTIONS = [
  'org.matrix.profile',
  'org.matrix.devices_list',
  'org.matrix.device_view',
  'org.matrix.device_delete',
  'org.matrix.account_deactivate',
  'org.matrix.cross_signing_reset',
];

/** RFC 8414 server metadata as `auth_metadata` serves it (spec v1.18), with MAS's values. */
export function serverMetadata(oauth: OAuthConfig): Record<string, unknown> {
  return {
    issuer: oauth.issuer,
    authorization_endpoint: authorizationEndpoint(oauth),
    token_endpoint: `${oauth.issuer}token`,
    registration_endpoint: `${oauth.issuer}register`,
    revocation_endpoint: `${oauth.issuer}revoke`,
    account_management_uri: oauth.accountUrl,
    account_management_actions_supported: ACCOUNT_ACTIONS,
    response_types_supported: ['code'],
    response_modes_supported: ['query', 'fragment'],
    grant_types_supported: ['authorization_code', 'refresh_token'],
    code_challenge_methods_supported: ['S256'],
    token_endpoint_auth_methods_supported: ['none'],
    revocation_endpoint_auth_methods_supported: ['none'],
    // MAS lists `create` only while password registration is on.
    prompt_values_supported: oauth.promptCreate ? ['none', 'login', 'create'] : ['none', 'login'],
  };
}

import type { HomeserverConfig, OAuthConfig } from '../config.js';

/** The endpoints below the issuer, by the name the route table and `isApiPath` use. */
export const ISSUER_ENDPOINTS = [
  'register',
  'authorize',
  'token',
  'revoke',
  'username-available',
  '.well-known/openid-configuration',
  'keys.json',
  'userinfo',
  // MAS's admin API (`admin-api.ts`), which a page on another origin calls too.
  'api/admin/v1/user-registration-tokens',
] as const;

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

/**
 * The account management actions MAS lists (`oauth2/discovery.rs`), with MSC4191's unstable names; not
 * `org.matrix.account_deactivate`, which MAS's account page does not offer. The mock serves no page for them.
 */
const ACCOUNT_ACTIONS = [
  'org.matrix.profile',
  'org.matrix.devices_list',
  'org.matrix.device_view',
  'org.matrix.device_delete',
  'org.matrix.cross_signing_reset',
  'org.matrix.sessions_list',
  'org.matrix.session_view',
  'org.matrix.session_end',
];

/**
 * RFC 8414 server metadata, which is also OpenID Connect Discovery's document: MAS serves one
 * document at `{issuer}.well-known/openid-configuration`, and Synapse's `auth_metadata` passes it on.
 * The values are MAS's (`oauth2/discovery.rs`) where the mock does the same; where it does less (no
 * `form_post`, no `plain` PKCE, no client secrets, no implicit `id_token` responses, no introspection)
 * it lists only what it does, so a client that trusts the list is not misled.
 */
export function serverMetadata(oauth: OAuthConfig): Record<string, unknown> {
  return {
    issuer: oauth.issuer,
    authorization_endpoint: authorizationEndpoint(oauth),
    token_endpoint: `${oauth.issuer}token`,
    jwks_uri: `${oauth.issuer}keys.json`,
    registration_endpoint: `${oauth.issuer}register`,
    scopes_supported: ['openid', 'email'],
    response_types_supported: ['code'],
    response_modes_supported: ['query', 'fragment'],
    grant_types_supported: ['authorization_code', 'refresh_token'],
    token_endpoint_auth_methods_supported: ['none'],
    revocation_endpoint: `${oauth.issuer}revoke`,
    revocation_endpoint_auth_methods_supported: ['none'],
    code_challenge_methods_supported: ['S256'],
    userinfo_endpoint: `${oauth.issuer}userinfo`,
    subject_types_supported: ['public'],
    id_token_signing_alg_values_supported: ['RS256'],
    display_values_supported: ['page'],
    claim_types_supported: ['normal'],
    claims_supported: ['iss', 'sub', 'aud', 'iat', 'exp', 'nonce', 'auth_time', 'at_hash', 'c_hash'],
    claims_parameter_supported: false,
    request_parameter_supported: false,
    request_uri_parameter_supported: false,
    // MAS lists `create` only while password registration is on, and never `none`, which it refuses
    // with `login_required` (as the mock does).
    prompt_values_supported: oauth.promptCreate ? ['login', 'create'] : ['login'],
    account_management_uri: oauth.accountUrl,
    account_management_actions_supported: ACCOUNT_ACTIONS,
  };
}

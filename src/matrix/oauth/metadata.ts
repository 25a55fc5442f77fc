import * as z from 'zod/mini';
import { parseHttpUrl } from '../url';

/** OAuth 2.0 authorization server metadata (RFC 8414) as `GET /auth_metadata` serves it (spec v1.15+). */
export const authMetadataSchema = z.looseObject({
  issuer: z.string(),
  authorization_endpoint: z.optional(z.string()),
  token_endpoint: z.optional(z.string()),
  registration_endpoint: z.optional(z.string()),
  revocation_endpoint: z.optional(z.string()),
  userinfo_endpoint: z.optional(z.string()),
  account_management_uri: z.optional(z.string()),
  prompt_values_supported: z.optional(z.array(z.string())),
  code_challenge_methods_supported: z.optional(z.array(z.string())),
  response_modes_supported: z.optional(z.array(z.string())),
  authorization_response_iss_parameter_supported: z.optional(z.boolean()),
});
export type AuthMetadata = z.infer<typeof authMetadataSchema>;

/** What the page needs to sign someone up at an OAuth 2.0 server, its links already checked. */
export interface OAuthServer {
  issuer: string;
  /** Where to manage (or, on a server without `prompt=create`, perhaps create) an account. */
  accountUrl?: string;
  /** All of these are present when `canCreate`: the page can run the whole flow itself. */
  endpoints?: {
    authorization: string;
    token: string;
    registration: string;
    revocation?: string;
  };
  /** `prompt=create` is offered and every endpoint the flow needs is there, with PKCE S256. */
  canCreate: boolean;
  /** The fragment keeps the code out of the request line (and the static host's logs). */
  responseMode: 'fragment' | 'query';
  /** RFC 9207: the server says its answers carry `iss`, so an answer without it is refused. */
  issInAnswer: boolean;
  /**
   * OIDC Core §5.3, on the issuer's origin only: who a token belongs to (the invite desk's admin,
   * signed in with `openid`). Apart from `endpoints`: the sign-up flow never uses it.
   */
  userinfo?: string;
}

const httpUrl = (value: string | undefined) => (value === undefined ? undefined : parseHttpUrl(value)?.href);

/**
 * An endpoint the page may use: http(s), and on the issuer's origin. The page sends the code and
 * the PKCE verifier to the token endpoint and the access token to the revocation endpoint; metadata
 * that puts them anywhere else lets whoever serves it (the homeserver's `auth_metadata`) take the
 * person's new session at the real issuer (security review 2026-12, P1, an OAuth mix-up). MAS's
 * endpoints are all below its issuer (its `crates/handlers/src/oauth2/discovery.rs`), as are the
 * mock's. The one exception is the authorization endpoint on this page's own origin: the in-browser
 * mock's sign-up page lives there (decision 011), and this origin is the operator's own, not the
 * server's; nothing secret goes to the authorization endpoint either way.
 */
function endpointOf(value: string | undefined, issuerOrigin: string, alsoHere = false): string | undefined {
  const url = value === undefined ? undefined : parseHttpUrl(value);
  if (!url) return undefined;
  if (url.origin === issuerOrigin) return url.href;
  return alsoHere && typeof location !== 'undefined' && url.origin === location.origin ? url.href : undefined;
}

/**
 * The metadata as the page uses it; undefined when the issuer is not an http(s) URL. A listed
 * endpoint off the issuer's origin makes the whole set untrusted: the page then cannot create the
 * account itself, and only says where accounts are made (the "no create" view).
 */
export function describeOAuthServer(metadata: AuthMetadata): OAuthServer | undefined {
  const issuerUrl = parseHttpUrl(metadata.issuer);
  if (!issuerUrl) return undefined;
  const listed = [
    metadata.authorization_endpoint,
    metadata.token_endpoint,
    metadata.registration_endpoint,
    metadata.revocation_endpoint,
  ].filter((value) => value !== undefined).length;
  const authorization = endpointOf(metadata.authorization_endpoint, issuerUrl.origin, true);
  const token = endpointOf(metadata.token_endpoint, issuerUrl.origin);
  const registration = endpointOf(metadata.registration_endpoint, issuerUrl.origin);
  const revocation = endpointOf(metadata.revocation_endpoint, issuerUrl.origin);
  const userinfo = endpointOf(metadata.userinfo_endpoint, issuerUrl.origin);
  const kept = [authorization, token, registration, revocation].filter((value) => value !== undefined).length;
  const endpoints =
    authorization && token && registration && kept === listed
      ? { authorization, token, registration, ...(revocation ? { revocation } : {}) }
      : undefined;
  // PKCE is required by the spec; a server that lists methods must list S256.
  const pkce = metadata.code_challenge_methods_supported?.includes('S256') ?? true;
  return {
    issuer: metadata.issuer,
    ...(httpUrl(metadata.account_management_uri) ? { accountUrl: httpUrl(metadata.account_management_uri) } : {}),
    ...(endpoints ? { endpoints } : {}),
    canCreate: endpoints !== undefined && pkce && (metadata.prompt_values_supported?.includes('create') ?? false),
    responseMode: metadata.response_modes_supported?.includes('fragment') ? 'fragment' : 'query',
    issInAnswer: metadata.authorization_response_iss_parameter_supported === true,
    ...(userinfo ? { userinfo } : {}),
  };
}

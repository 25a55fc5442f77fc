import * as z from 'zod/mini';
import { parseHttpUrl } from '../url';

/** OAuth 2.0 authorization server metadata (RFC 8414) as `GET /auth_metadata` serves it (spec v1.15+). */
export const authMetadataSchema = z.looseObject({
  issuer: z.string(),
  authorization_endpoint: z.optional(z.string()),
  token_endpoint: z.optional(z.string()),
  registration_endpoint: z.optional(z.string()),
  revocation_endpoint: z.optional(z.string()),
  account_management_uri: z.optional(z.string()),
  prompt_values_supported: z.optional(z.array(z.string())),
  code_challenge_methods_supported: z.optional(z.array(z.string())),
  response_modes_supported: z.optional(z.array(z.string())),
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
}

const httpUrl = (value: string | undefined) => (value === undefined ? undefined : parseHttpUrl(value)?.href);

/** The metadata as the page uses it; undefined when the issuer is not an http(s) URL. */
export function describeOAuthServer(metadata: AuthMetadata): OAuthServer | undefined {
  if (!parseHttpUrl(metadata.issuer)) return undefined;
  const authorization = httpUrl(metadata.authorization_endpoint);
  const token = httpUrl(metadata.token_endpoint);
  const registration = httpUrl(metadata.registration_endpoint);
  const revocation = httpUrl(metadata.revocation_endpoint);
  const endpoints =
    authorization && token && registration
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
  };
}

import * as z from 'zod/mini';
import type { DiscoveredServer } from '../discovery';
import { requestJson } from '../http';
import { parseHttpUrl } from '../url';
import { authMetadataSchema, describeOAuthServer, type OAuthServer } from './metadata';

/** Spec v1.15 (Synapse ≥1.138, Tuwunel ≥1.6, continuwuity 26.6): homeservers.md §2.4, §2.7, §2.8. */
export const AUTH_METADATA_V1 = '/_matrix/client/v1/auth_metadata';
/** MSC2965's unstable path: Synapse 1.123–1.137 with MAS serve only this one (homeservers.md §2.4, §3). */
const AUTH_METADATA_UNSTABLE = '/_matrix/client/unstable/org.matrix.msc2965/auth_metadata';
/** `{"issuer"}`: Synapse ≥1.99 under delegation, the only pointer 1.99–1.122 serve (homeservers.md §2.4, §3). */
const AUTH_ISSUER = '/_matrix/client/unstable/org.matrix.msc2965/auth_issuer';

const authIssuerSchema = z.looseObject({ issuer: z.string() });

/**
 * `GET auth_metadata` at one path; undefined when it is not served (Synapse and Conduit: 404
 * `M_UNRECOGNIZED`; Tuwunel without an OIDC server: 404 `M_UNRECOGNIZED`, its
 * `src/api/oidc/auth_metadata.rs`) or not usable metadata.
 */
export async function fetchAuthMetadata(
  baseUrl: string,
  path: string,
  signal?: AbortSignal,
): Promise<OAuthServer | undefined> {
  try {
    const parsed = authMetadataSchema.safeParse((await requestJson(`${baseUrl}${path}`, { signal })).body);
    return parsed.success ? describeOAuthServer(parsed.data) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Where an issuer publishes its metadata (OpenID Connect Discovery 1.0 §4: any terminating `/` of
 * the issuer removed, then `/.well-known/openid-configuration`). MAS serves it there (its
 * `crates/handlers/src/oauth2/discovery.rs`, `prompt_values_supported` included). matrix-js-sdk
 * 37.5 resolves `.well-known/openid-configuration` against the issuer as a relative URL
 * (`src/oidc/discovery.ts`): the same address for an issuer ending in `/`, as MAS's does.
 */
export function openIdConfigurationUrl(issuer: string): string {
  return `${issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`;
}

/**
 * The issuer's own metadata, accepted only when its `issuer` is exactly the issuer the homeserver
 * named: RFC 8414 §3.3 and OpenID Connect Discovery 1.0 §4.3 require the client to check this, or
 * a document found at one address could send the person to another server's endpoints.
 */
export async function fetchIssuerMetadata(issuer: string, signal?: AbortSignal): Promise<OAuthServer | undefined> {
  if (!parseHttpUrl(issuer)) return undefined;
  try {
    const parsed = authMetadataSchema.safeParse((await requestJson(openIdConfigurationUrl(issuer), { signal })).body);
    return parsed.success && parsed.data.issuer === issuer ? describeOAuthServer(parsed.data) : undefined;
  } catch {
    return undefined;
  }
}

async function fetchAuthIssuer(baseUrl: string, signal?: AbortSignal): Promise<string | undefined> {
  try {
    const parsed = authIssuerSchema.safeParse((await requestJson(`${baseUrl}${AUTH_ISSUER}`, { signal })).body);
    return parsed.success ? parsed.data.issuer : undefined;
  } catch {
    return undefined;
  }
}

export interface FindOptions {
  /** The v1 answer, already asked beside `POST /register`. */
  v1: Promise<OAuthServer | undefined>;
  /**
   * Whether `auth_issuer` may be asked. Only Synapse 1.99–1.125 with MSC3861 needs it, and those
   * answer `POST /register {}` with 400, never 403 (homeservers.md §2.1), so a plain closed
   * server's 403 costs no request for it.
   */
  askAuthIssuer: boolean;
  signal?: AbortSignal;
}

/**
 * The OAuth 2.0 server a homeserver hands its accounts to, asked only once `/register` refused:
 * `auth_metadata` (v1, then unstable), else an issuer (the well-known's, read already, or
 * `auth_issuer`) and that issuer's own metadata. An issuer whose metadata cannot be had still
 * counts: the page then says where accounts are made, without starting a sign-up there.
 */
export async function findOAuthServer(
  server: DiscoveredServer,
  { v1, askAuthIssuer, signal }: FindOptions,
): Promise<OAuthServer | undefined> {
  const wellKnownIssuer = server.oauthIssuer && parseHttpUrl(server.oauthIssuer) ? server.oauthIssuer : undefined;
  // Where the well-known names an issuer, `auth_metadata` must describe that one (RFC 8414 §3.3's
  // rule, applied to the homeserver's copy): otherwise the issuer's own document is asked instead.
  const named = (found: OAuthServer | undefined) =>
    found && (wellKnownIssuer === undefined || found.issuer === wellKnownIssuer) ? found : undefined;
  const described = named(await v1) ?? named(await fetchAuthMetadata(server.baseUrl, AUTH_METADATA_UNSTABLE, signal));
  if (described) return described;
  const issuer = wellKnownIssuer ?? (askAuthIssuer ? await fetchAuthIssuer(server.baseUrl, signal) : undefined);
  if (!issuer || !parseHttpUrl(issuer)) return undefined;
  const own = await fetchIssuerMetadata(issuer, signal);
  if (own) return own;
  const account =
    issuer === wellKnownIssuer && server.oauthAccountUrl ? parseHttpUrl(server.oauthAccountUrl) : undefined;
  return {
    issuer,
    ...(account ? { accountUrl: account.href } : {}),
    canCreate: false,
    responseMode: 'query',
    issInAnswer: false,
  };
}

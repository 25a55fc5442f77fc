import type { DiscoveredServer } from '../discovery';
import { AUTH_METADATA_V1, fetchAuthMetadata, findOAuthServer } from '../oauth/find-oauth-server';
import type { OAuthServer } from '../oauth/metadata';
import { AdminProblem } from './desk-api';

/**
 * Which admin API a homeserver's registration tokens are made with, and where. `homeserver` is the
 * client-server API's base URL (no trailing slash); `serverName` the name after the `:` in its user
 * IDs, to name the signed-in admin where the API does not (MAS's userinfo gives a username only).
 */
export type AdminApi =
  | { world: 'synapse'; homeserver: string; serverName?: string }
  | {
      world: 'mas';
      homeserver: string;
      /** The OAuth 2.0 issuer, as its metadata names it. */
      issuer: string;
      /** `<issuer>api/admin/v1/`, ending with `/`. */
      adminBase: string;
      oauth: OAuthServer;
      serverName?: string;
    };

export type MasAdminApi = Extract<AdminApi, { world: 'mas' }>;
export type SynapseAdminApi = Extract<AdminApi, { world: 'synapse' }>;

/**
 * MAS serves its admin API below its HTTP base, which is the issuer unless configured apart
 * (`crates/handlers/src/admin/mod.rs`: `.nest("/api/admin/v1", …)`; the `adminapi` listener resource).
 */
export function masAdminBase(issuer: string): string {
  return new URL('api/admin/v1/', issuer.endsWith('/') ? issuer : `${issuer}/`).href;
}

/**
 * Found from the server, never configured: a homeserver that hands its accounts to an OAuth 2.0
 * server (`auth_metadata`, or the older `auth_issuer` and well-known pointers, as the sign-up page
 * finds it) has them made by MAS, whose admin API makes the tokens; any other has Synapse's own
 * `/_synapse/admin` (whether it is exposed shows at sign-in). Rejects only with `AdminProblem`:
 * `unreachable` when an issuer is named but its metadata cannot be read from this page.
 */
export async function findAdminApi(server: DiscoveredServer): Promise<AdminApi> {
  const serverName = server.userIdDomain ?? server.serverName;
  let oauth: OAuthServer | undefined;
  try {
    oauth = await findOAuthServer(server, {
      v1: fetchAuthMetadata(server.baseUrl, AUTH_METADATA_V1),
      // Synapse 1.99–1.122 with MAS name the issuer only there (homeservers.md §2.4, §3).
      askAuthIssuer: true,
    });
  } catch {
    // Each lookup already reads a failure as "not served"; nothing else is expected here.
    oauth = undefined;
  }
  if (!oauth) return { world: 'synapse', homeserver: server.baseUrl, serverName };
  // Without the issuer's endpoints (its metadata unreadable here, or naming endpoints off its
  // origin) there is no way to sign in: say so now rather than at the first click.
  if (!oauth.endpoints) throw new AdminProblem('unreachable');
  return {
    world: 'mas',
    homeserver: server.baseUrl,
    issuer: oauth.issuer,
    adminBase: masAdminBase(oauth.issuer),
    oauth,
    serverName,
  };
}

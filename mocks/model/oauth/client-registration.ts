import { BOUNDS, remember } from '../records.js';
import type { OAuthConfig } from '../config.js';
import type { MockHomeserver } from '../homeserver.js';
import { parseJsonObject, type ModelRequest } from '../request.js';
import type { ModelResponse } from '../response.js';
import { ULID_ALPHABET } from './encoding.js';
import { oauthError, oauthOk } from './responses.js';
import type { OAuthClient } from './state.js';
import { isOnHostOf, isSecureUri, parseUrl } from './uris.js';

const SUPPORTED_GRANTS = ['authorization_code', 'refresh_token'];
/**
 * Bounds on what a client may make the server keep (security review M7). Our choice, not MAS's
 * (whose database columns are unbounded text): far beyond any real client's name and addresses.
 */
export const CLIENT_LIMITS = { nameLength: 256, uriLength: 2048, redirectUris: 16 } as const;

type Refusal = { error: 'invalid_client_metadata' | 'invalid_redirect_uri'; description: string };
const metadata = (description: string): Refusal => ({ error: 'invalid_client_metadata', description });
const redirect = (description: string): Refusal => ({ error: 'invalid_redirect_uri', description });

/**
 * `POST {issuer}register`: RFC 7591 dynamic client registration with the checks of spec v1.18
 * "Client metadata" and MAS's client registration policy, for web clients (the ones a sign-up page is).
 */
export function registerClient(homeserver: MockHomeserver, oauth: OAuthConfig, request: ModelRequest): ModelResponse {
  // The Matrix API's 64 KB cap: a client's metadata is a few hundred bytes, and every client is kept.
  const parsed = parseJsonObject(request.body);
  if ('error' in parsed) {
    return parsed.error.status === 413
      ? oauthError(413, 'invalid_request', 'The client metadata is too large')
      : oauthError(400, 'invalid_client_metadata', 'The body must be a JSON object of client metadata');
  }
  const checked = checkMetadata(parsed.value, oauth.allowInsecureUris);
  if ('error' in checked) return oauthError(400, checked.error, checked.description);
  const { env, state } = homeserver;
  // MAS's client IDs are ULIDs: 26 characters of Crockford's base 32.
  const client: OAuthClient = { clientId: env.randomString(26, ULID_ALPHABET), ...checked, createdAt: env.now() };
  remember(state.oauth.clients, client.clientId, client, BOUNDS.oauthClients);
  return oauthOk(
    {
      client_id: client.clientId,
      client_id_issued_at: Math.floor(client.createdAt / 1000),
      ...(client.clientName !== undefined ? { client_name: client.clientName } : {}),
      client_uri: client.clientUri,
      ...(client.logoUri !== undefined ? { logo_uri: client.logoUri } : {}),
      ...(client.tosUri !== undefined ? { tos_uri: client.tosUri } : {}),
      ...(client.policyUri !== undefined ? { policy_uri: client.policyUri } : {}),
      redirect_uris: client.redirectUris,
      token_endpoint_auth_method: 'none',
      response_types: ['code'],
      // Only what the server supports is registered (spec v1.18's example drops token exchange).
      grant_types: client.grantTypes,
      application_type: 'web',
    },
    201,
  );
}

function checkMetadata(
  body: Record<string, unknown>,
  allowInsecure: boolean,
): Omit<OAuthClient, 'clientId' | 'createdAt'> | Refusal {
  const secureRule = allowInsecure ? 'https (or http on localhost, 127.0.0.1 or [::1])' : 'https';
  if (body.client_uri === undefined) return metadata('client_uri is required');
  const clientUri = parseUrl(body.client_uri);
  if (!clientUri || !isSecureUri(clientUri, allowInsecure)) {
    return metadata(`client_uri must be an ${secureRule} URL without a user or password`);
  }
  if (body.application_type !== undefined && body.application_type !== 'web') {
    return metadata('application_type must be web: this server registers web clients only');
  }
  if (body.token_endpoint_auth_method !== 'none') {
    // RFC 7591's default when absent is client_secret_basic: a page in a browser can keep no secret.
    return metadata('token_endpoint_auth_method must be none (a public client)');
  }
  const grantTypes = stringList(body.grant_types, ['authorization_code']);
  if (!grantTypes?.includes('authorization_code')) return metadata('grant_types must include authorization_code');
  if (!stringList(body.response_types, ['code'])?.includes('code')) {
    return metadata('response_types must include code');
  }
  if (body.client_name !== undefined && typeof body.client_name !== 'string') {
    return metadata('client_name must be a string');
  }
  if (typeof body.client_name === 'string' && body.client_name.length > CLIENT_LIMITS.nameLength) {
    return metadata(`client_name must be at most ${CLIENT_LIMITS.nameLength} characters`);
  }
  const tooLong = ['client_uri', 'logo_uri', 'tos_uri', 'policy_uri'].find(
    (field) => typeof body[field] === 'string' && body[field].length > CLIENT_LIMITS.uriLength,
  );
  if (tooLong) return metadata(`${tooLong} must be at most ${CLIENT_LIMITS.uriLength} characters`);

  const redirectUris = stringList(body.redirect_uris, []);
  if (!redirectUris || redirectUris.length === 0) return redirect('redirect_uris must list at least one URI');
  if (redirectUris.length > CLIENT_LIMITS.redirectUris) {
    return redirect(`redirect_uris may list at most ${CLIENT_LIMITS.redirectUris} URIs`);
  }
  const longRedirect = redirectUris.find((text) => text.length > CLIENT_LIMITS.uriLength);
  if (longRedirect !== undefined)
    return redirect(`Each redirect URI must be at most ${CLIENT_LIMITS.uriLength} characters`);
  for (const text of redirectUris) {
    const url = parseUrl(text);
    if (!url) return redirect(`${text} is not a URL`);
    if (text.includes('#')) return redirect(`${text} must not have a fragment`);
    if (!isSecureUri(url, allowInsecure)) return redirect(`${text} must be ${secureRule}`);
    if (!isOnHostOf(clientUri, url)) return redirect(`${text} is not on ${clientUri.hostname} or a subdomain of it`);
  }

  const links: Partial<Record<'logoUri' | 'tosUri' | 'policyUri', string>> = {};
  for (const [field, key] of [
    ['logo_uri', 'logoUri'],
    ['tos_uri', 'tosUri'],
    ['policy_uri', 'policyUri'],
  ] as const) {
    const value = body[field];
    if (value === undefined) continue;
    const url = parseUrl(value);
    if (!url || !isSecureUri(url, allowInsecure)) return metadata(`${field} must be an ${secureRule} URL`);
    if (!isOnHostOf(clientUri, url)) return metadata(`${field} is not on ${clientUri.hostname} or a subdomain of it`);
    links[key] = value as string;
  }
  return {
    ...(typeof body.client_name === 'string' ? { clientName: body.client_name } : {}),
    // Kept as given: the authorization request's redirect URI must match a registered one exactly.
    clientUri: body.client_uri as string,
    ...links,
    redirectUris,
    grantTypes: SUPPORTED_GRANTS.filter((grant) => grantTypes.includes(grant)),
  };
}

/** A list of strings, `fallback` when absent, undefined when it is anything else. */
function stringList(value: unknown, fallback: string[]): string[] | undefined {
  if (value === undefined) return fallback;
  return Array.isArray(value) && value.every((item) => typeof item === 'string') ? value : undefined;
}

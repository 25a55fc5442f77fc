import * as z from 'zod/mini';
import { requestJson } from '../http';
import { oauthErrorOf, OAuthError } from './errors';

/** RFC 7591 client metadata, as the spec's "Client registration" asks of a web client. */
export interface ClientMetadata {
  client_name: string;
  client_uri: string;
  redirect_uris: string[];
  application_type: 'web';
  token_endpoint_auth_method: 'none';
  response_types: ['code'];
  grant_types: ['authorization_code', 'refresh_token'];
  logo_uri?: string;
  tos_uri?: string;
  policy_uri?: string;
}

const registeredClientSchema = z.looseObject({ client_id: z.string() });

/** This page as a client: its origin, itself as the redirect URI, and the brand's links where they are on this host. */
export function clientMetadata(page: URL, name: string, links: { logo?: string; tos?: string; policy?: string } = {}) {
  const onThisHost = (href: string | undefined) => {
    if (href === undefined) return undefined;
    // The spec: these URIs must be on the client URI's host (or a subdomain of it).
    const url = new URL(href, page);
    return url.protocol === page.protocol && (url.host === page.host || url.hostname.endsWith(`.${page.hostname}`))
      ? url.href
      : undefined;
  };
  const logo = onThisHost(links.logo);
  const tos = onThisHost(links.tos);
  const policy = onThisHost(links.policy);
  const metadata: ClientMetadata = {
    client_name: name,
    client_uri: new URL('/', page).href,
    redirect_uris: [redirectUriOf(page)],
    application_type: 'web',
    token_endpoint_auth_method: 'none',
    response_types: ['code'],
    grant_types: ['authorization_code', 'refresh_token'],
    ...(logo ? { logo_uri: logo } : {}),
    ...(tos ? { tos_uri: tos } : {}),
    ...(policy ? { policy_uri: policy } : {}),
  };
  return metadata;
}

/** The page itself, without its query and fragment (those carry the answer on the way back). */
export function redirectUriOf(page: URL): string {
  return `${page.origin}${page.pathname}`;
}

/** Dynamic client registration (RFC 7591): the client ID this server gives this page. */
export async function registerClient(registrationEndpoint: string, metadata: ClientMetadata): Promise<string> {
  const response = await requestJson(registrationEndpoint, {
    method: 'POST',
    json: metadata,
    acceptStatuses: [400, 401, 403],
  });
  if (response.status >= 400) throw oauthErrorOf(response.body);
  const parsed = registeredClientSchema.safeParse(response.body);
  if (!parsed.success) throw new OAuthError('bad_answer');
  return parsed.data.client_id;
}

/** The API prefixes this client can speak, newest first. */
export type ApiPrefix = '/_matrix/client/v3' | '/_matrix/client/r0' | '/_matrix/client/api/v2_alpha';

export interface Homeserver {
  /** Origin (and optional path) of the client-server API, without a trailing slash. */
  baseUrl: string;
  prefix: ApiPrefix;
}

export function homeserverAt(baseUrl: string, prefix: ApiPrefix = '/_matrix/client/v3'): Homeserver {
  return { baseUrl: baseUrl.replace(/\/+$/, ''), prefix };
}

export function endpoint(server: Homeserver, path: string, query?: Record<string, string>): string {
  const search = query ? `?${new URLSearchParams(query).toString()}` : '';
  return `${server.baseUrl}${server.prefix}${path}${search}`;
}

/**
 * Whether `/register` still reads `bind_email` at this prefix: only under the seed's v2_alpha
 * contract, which defined it. r0.6.0 removed it (MSC2140; register-semantics.md §2.2), Synapse 1.94
 * ignores it (homeservers.md §4.7), and the r0 prefix alone does not tell r0.5 from r0.6, so the page
 * promises it nowhere else (docs/decisions/017).
 */
export function keepsBindEmail(server: Homeserver): boolean {
  return server.prefix === '/_matrix/client/api/v2_alpha';
}

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

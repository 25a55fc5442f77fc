import type { AppConfig } from '../../config/app-config';

/** The server the desk left for MAS from, for the return (whose address MAS writes without `hs=`). */
const LEFT_FROM_KEY = 'matrix-signup.desk-server';

/**
 * Which homeserver the desk manages: as the sign-up page chooses (initial-form.ts), `?hs=` where
 * `allow_custom_servers` lets a link name one, else the configured server. Back from MAS's sign-in
 * the address holds only its answer, so the server this tab left from counts (a server name: not a
 * secret, and only in this tab's sessionStorage).
 */
export function deskServer(config: AppConfig, page: URL, returning: boolean): string {
  if (!config.allowCustomServers) return config.defaultServer;
  // Read as readLinkParams reads `hs`; not imported, so that the sign-up page's start-up code stays as it was.
  const asked = page.searchParams.get('hs')?.trim();
  if (asked) return asked;
  if (!returning) return config.defaultServer;
  try {
    return sessionStorage.getItem(LEFT_FROM_KEY) ?? config.defaultServer;
  } catch {
    return config.defaultServer;
  }
}

export function rememberDeskServer(serverName: string): void {
  try {
    sessionStorage.setItem(LEFT_FROM_KEY, serverName);
  } catch {
    // Without storage the return goes to the configured server, which is where most desks are.
  }
}

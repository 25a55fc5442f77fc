import { useQuery } from '@tanstack/react-query';
import type { DiscoveredServer } from '../../../matrix/discovery';
import type { PasswordPolicy, Requirements } from '../../../matrix/requirements';
import type { PageError } from '../page-error';
import { loadProtocol } from '../protocol';

/** What the server needs, before anyone types (`POST /register {}` and `GET /login`). */
export function useRequirements(server: DiscoveredServer | undefined) {
  return useQuery<Requirements, PageError>({
    queryKey: ['requirements', server?.baseUrl, server?.prefix],
    queryFn: async ({ signal }) => {
      const protocol = await loadProtocol();
      return protocol.worded(
        () => protocol.fetchRequirements(server as DiscoveredServer, signal),
        signal,
        server?.serverName,
      );
    },
    enabled: server !== undefined,
  });
}

export function usePasswordPolicy(server: DiscoveredServer | undefined) {
  return useQuery<PasswordPolicy, PageError>({
    queryKey: ['password-policy', server?.baseUrl],
    queryFn: async ({ signal }) => (await loadProtocol()).fetchPasswordPolicy(server as DiscoveredServer, signal),
    enabled: server !== undefined && server.prefix !== '/_matrix/client/api/v2_alpha',
    staleTime: Infinity,
  });
}

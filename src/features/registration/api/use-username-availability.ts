import { useQuery } from '@tanstack/react-query';
import type { Homeserver } from '../../../matrix/homeserver';
import { useDebounced } from '../../../lib/use-debounced';
import type { PageError } from '../page-error';
import { loadProtocol } from '../protocol';

/** `/register/available` while the person types (Element: on change; Cinny: never). Not on the seed's API. */
export function useUsernameAvailability(server: Homeserver | undefined, localpart: string, wellFormed: boolean) {
  const settled = useDebounced(localpart, 400);
  const enabled =
    server !== undefined &&
    wellFormed &&
    settled !== '' &&
    settled === localpart &&
    server.prefix !== '/_matrix/client/api/v2_alpha';
  return useQuery<true, PageError>({
    queryKey: ['available', server?.baseUrl, settled],
    queryFn: async ({ signal }) => {
      const protocol = await loadProtocol();
      return protocol.worded(() => protocol.checkUsernameAvailable(server as Homeserver, settled, signal), signal);
    },
    enabled,
    staleTime: 10_000,
  });
}

import { useQuery } from '@tanstack/react-query';
import type { Homeserver } from '../../../matrix/homeserver';
import { useDebounced } from '../../../lib/use-debounced';
import type { PageError } from '../page-error';
import { loadProtocol } from '../protocol';

/** The token checked as soon as it is typed or prefilled (no other client does this). */
export function useTokenValidity(server: Homeserver | undefined, token: string, wanted: boolean) {
  const settled = useDebounced(token.trim(), 400);
  return useQuery<boolean, PageError>({
    queryKey: ['token-validity', server?.baseUrl, settled],
    queryFn: async ({ signal }) => {
      const protocol = await loadProtocol();
      return protocol.worded(() => protocol.checkRegistrationToken(server as Homeserver, settled, signal), signal);
    },
    enabled: wanted && server !== undefined && settled !== '' && settled === token.trim(),
    staleTime: 10_000,
  });
}

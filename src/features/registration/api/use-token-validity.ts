import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { Homeserver } from '../../../matrix/homeserver';
import type { TokenVerdict } from '../../../matrix/registration-token-validity';
import { useDebounced } from '../../../lib/use-debounced';
import type { PageError } from '../page-error';
import { loadProtocol } from '../protocol';

function validityQuery(server: Homeserver | undefined, token: string) {
  return {
    queryKey: ['token-validity', server?.baseUrl, token],
    queryFn: async ({ signal }: { signal: AbortSignal }): Promise<TokenVerdict> => {
      const protocol = await loadProtocol();
      return protocol.worded(() => protocol.checkRegistrationToken(server as Homeserver, token, signal), signal);
    },
    staleTime: 10_000,
  };
}

/**
 * The token checked as soon as it is typed or prefilled (no other client does this), only where
 * the form asks for one (`wanted`: a UIA server with a token stage). As with the username, what
 * is returned is about the token as it is now.
 */
export function useTokenValidity(server: Homeserver | undefined, token: string, wanted: boolean) {
  const queryClient = useQueryClient();
  const trimmed = token.trim();
  const settled = useDebounced(trimmed, 400);
  const current = settled === trimmed;
  const query = useQuery<TokenVerdict, PageError>({
    ...validityQuery(server, settled),
    enabled: wanted && server !== undefined && settled !== '' && current,
  });
  return {
    checking: current && query.isFetching,
    verdict: current && !query.isFetching ? query.data : undefined,
    /** On submit: the verdict on `token`, awaited or asked now; undefined when it could not be had. */
    async settle(value: string): Promise<TokenVerdict | undefined> {
      if (!wanted || server === undefined || value.trim() === '') return undefined;
      try {
        return await queryClient.query(validityQuery(server, value.trim()));
      } catch {
        return undefined;
      }
    },
  };
}

import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { Homeserver } from '../../../matrix/homeserver';
import { useDebounced } from '../../../lib/use-debounced';
import type { PageError } from '../page-error';
import { loadProtocol } from '../protocol';

const FRESH_MS = 10_000;

function availabilityQuery(server: Homeserver | undefined, name: string) {
  return {
    queryKey: ['available', server?.baseUrl, name],
    queryFn: async ({ signal }: { signal: AbortSignal }): Promise<true> => {
      const protocol = await loadProtocol();
      return protocol.worded(() => protocol.checkUsernameAvailable(server as Homeserver, name, signal), signal);
    },
    staleTime: FRESH_MS,
  };
}

/** A username problem (taken, invalid, reserved, forbidden) from an availability answer, if it is one. */
function nameProblem(error: unknown): PageError | undefined {
  // Every failure here was worded into a PageError (`worded`); not `instanceof`, so that the class
  // stays out of the page's chunk.
  const worded = error as PageError | null | undefined;
  return worded?.field === 'username' ? worded : undefined;
}

/**
 * `/register/available` while the person types (Element: on change; Cinny: never), only where
 * sign-up is UIA (`wanted`): MAS and other OAuth-only servers answer 404 there, and the seed's
 * v2_alpha API has no such endpoint. Everything returned is about the name as it is now: while a
 * new name waits out the debounce, the answer about the previous one is neither shown nor used.
 */
export function useUsernameAvailability(
  server: Homeserver | undefined,
  localpart: string,
  wellFormed: boolean,
  wanted: boolean,
) {
  const queryClient = useQueryClient();
  const settled = useDebounced(localpart, 400);
  const served = wanted && server !== undefined && server.prefix !== '/_matrix/client/api/v2_alpha';
  const current = settled === localpart && wellFormed;
  const query = useQuery<true, PageError>({
    ...availabilityQuery(server, settled),
    enabled: served && current && settled !== '',
  });
  const problem = current ? nameProblem(query.error) : undefined;
  return {
    checking: current && query.isFetching,
    problem,
    /** The check itself failed (network, rate limit): the name may still be free. */
    failed: current && query.isError && !problem,
    free: current && query.isSuccess && !query.isFetching,
    /**
     * On submit: the answer about `name`, awaited if it is on its way, asked now if it was never
     * asked; a problem with the name, or undefined when it is free or could not be checked (the
     * server checks again anyway).
     */
    async settle(name: string): Promise<PageError | undefined> {
      if (!served || name === '') return undefined;
      const options = availabilityQuery(server, name);
      const known = queryClient.getQueryState(options.queryKey);
      // A fresh "taken" is an answer too: not asked again.
      if (known?.status === 'error' && known.fetchStatus === 'idle' && Date.now() - known.errorUpdatedAt < FRESH_MS)
        return nameProblem(known.error);
      try {
        await queryClient.query(options);
        return undefined;
      } catch (error) {
        return nameProblem(error);
      }
    },
  };
}

import { useQuery } from '@tanstack/react-query';
import { useDebounced } from '../../../lib/use-debounced';
import { displayServerName } from '../../../matrix/url';
import type { PageError } from '../page-error';
import { loadProtocol } from '../protocol';

/** Discovery of what the person typed, debounced so that each keystroke is not a lookup, aborted when they type on. */
export function useHomeserver(input: string) {
  const settled = useDebounced(input.trim(), 500);
  const query = useQuery<
    Awaited<ReturnType<Awaited<ReturnType<typeof loadProtocol>>['discoverHomeserver']>>,
    PageError
  >({
    queryKey: ['homeserver', settled],
    queryFn: async ({ signal }) => {
      const protocol = await loadProtocol();
      return protocol.worded(() => protocol.discoverHomeserver(settled, signal), signal, displayServerName(settled));
    },
    enabled: settled !== '',
    staleTime: 5 * 60_000,
  });
  return { ...query, settling: settled !== input.trim() };
}

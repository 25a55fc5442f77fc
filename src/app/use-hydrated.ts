import { useSyncExternalStore } from 'react';

const subscribe = () => () => undefined;

/**
 * False while React hydrates the prerendered page (the first render must be exactly what was
 * prerendered), true right after, and from the start in a page rendered afresh. React renders the
 * difference as an update of its own once hydration is done, without an effect setting state.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
}

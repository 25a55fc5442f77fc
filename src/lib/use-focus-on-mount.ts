import { useEffect, useRef } from 'react';

/** Moves focus to the element when it appears: each new step's heading, so screen readers announce it. */
export function useFocusOnMount<T extends HTMLElement>(enabled = true) {
  const ref = useRef<T>(null);
  useEffect(() => {
    if (enabled) ref.current?.focus();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- on mount only
  }, []);
  return ref;
}

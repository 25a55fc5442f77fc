import { createContext, useContext, useEffect } from 'react';

/**
 * Tells the page frame that the account exists (made, or waiting for approval), so that its heading
 * stops saying "Create a Matrix account" over a finished journey (audit 2026-12 item 16).
 */
export const JourneyEndContext = createContext<(ended: boolean) => void>(() => undefined);

export function useJourneyEnd(ended: boolean): void {
  const announce = useContext(JourneyEndContext);
  useEffect(() => {
    announce(ended);
  }, [announce, ended]);
}

import { useEffect, useState } from 'react';

function secondsLeft(untilMs: number | undefined): number {
  return untilMs === undefined ? 0 : Math.max(0, Math.ceil((untilMs - Date.now()) / 1000));
}

/** Whole seconds left until `untilMs` (a `Date.now()` time), re-rendering as it ticks; 0 when past. */
export function useCountdown(untilMs: number | undefined): number {
  const [, setTick] = useState(0);
  useEffect(() => {
    if (untilMs === undefined) return;
    const timer = setInterval(() => {
      // The value is read from the clock at render; this only asks for the render.
      setTick((count) => count + 1);
      if (secondsLeft(untilMs) === 0) clearInterval(timer);
    }, 250);
    return () => clearInterval(timer);
  }, [untilMs]);
  return secondsLeft(untilMs);
}

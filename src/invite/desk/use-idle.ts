import { useEffect, useRef, useState } from 'react';

/** The desk signs out after this long without a key, a click or a touch (issue 25: "after a quiet while"). */
export const IDLE_MS = 15 * 60_000;
/** ...and says so this long before, so that the admin can stay. */
export const IDLE_WARNING_MS = 60_000;

const ACTIVITY = ['keydown', 'pointerdown', 'input', 'wheel', 'touchstart'] as const;

/**
 * Calls `onIdle` after `IDLE_MS` without input on the page while `enabled`, and returns whether the
 * warning time has come. Plain `setTimeout`s, so tests drive them with fake timers.
 */
export function useIdle(enabled: boolean, onIdle: () => void): boolean {
  const [warning, setWarning] = useState(false);
  const onIdleRef = useRef(onIdle);
  useEffect(() => {
    onIdleRef.current = onIdle;
  }, [onIdle]);
  useEffect(() => {
    if (!enabled) return;
    let warnTimer: ReturnType<typeof setTimeout> | undefined;
    let idleTimer: ReturnType<typeof setTimeout> | undefined;
    const restart = () => {
      clearTimeout(warnTimer);
      clearTimeout(idleTimer);
      setWarning(false);
      warnTimer = setTimeout(() => setWarning(true), IDLE_MS - IDLE_WARNING_MS);
      idleTimer = setTimeout(() => onIdleRef.current(), IDLE_MS);
    };
    restart();
    for (const event of ACTIVITY) window.addEventListener(event, restart, { capture: true, passive: true });
    return () => {
      clearTimeout(warnTimer);
      clearTimeout(idleTimer);
      setWarning(false);
      for (const event of ACTIVITY) window.removeEventListener(event, restart, { capture: true });
    };
  }, [enabled]);
  return warning;
}

import { lazy, type ComponentType } from 'react';

/**
 * A component in its own chunk that, once the chunk is in, renders without suspending. `React.lazy`
 * suspends on its first render even when the chunk was loaded long before, and React 19 then holds
 * the fallback for up to 300 ms (its Suspense throttle): every step change and the success screen
 * paid that. Render it inside a Suspense boundary for the case where the chunk is not in yet.
 */
export function preloadable<P extends object>(load: () => Promise<{ default: ComponentType<P> }>) {
  let loaded: ComponentType<P> | undefined;
  const preload = () =>
    load().then((module) => {
      loaded = module.default;
      return module;
    });
  const Lazy = lazy(preload);
  function Preloaded(props: P) {
    const Ready = loaded ?? Lazy;
    return <Ready {...props} />;
  }
  return { preload, loaded: () => loaded !== undefined, Component: Preloaded };
}

import { useEffect, useState } from 'react';
import type { AppConfig, LinkParams } from '../../config/app-config';
import type { Branding } from '../../config/community';
import { preloadable } from './preloadable';
import { SignupShell } from './signup-shell';

const fullPage = preloadable(() => import('./signup-page'));

/** Starts loading the full page (main.tsx asks for it at once, beside the config and the messages). */
export const preloadSignupPage = () => fullPage.preload().then(() => undefined);

/** The shell for the first paint, then the full page as soon as it is in. */
export function Signup(props: { config: AppConfig; branding?: Branding; link: LinkParams; hydrating: boolean }) {
  const [ready, setReady] = useState(fullPage.loaded);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    if (ready) return;
    let current = true;
    fullPage.preload().then(
      () => current && setReady(true),
      () => current && setFailed(true),
    );
    return () => {
      current = false;
    };
  }, [ready]);
  // The full page never takes over the render that hydrates: that one must match the prerendered HTML.
  return ready && !props.hydrating ? (
    <fullPage.Component config={props.config} branding={props.branding} link={props.link} />
  ) : (
    <SignupShell {...props} failed={failed} />
  );
}

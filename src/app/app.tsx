import { lazy, Suspense } from 'react';
import { useHydrated } from './use-hydrated';
import { ConfigError, type AppConfig, type LinkParams } from '../config/app-config';
import type { Branding } from '../config/community';
import { Signup } from '../features/registration/signup';
import type { OAuthAccount } from '../matrix/oauth/complete';
import { useI18n } from '../i18n/i18n';
import { PageFrame } from './page-frame';

// Only for someone coming back from an OAuth server.
const OAuthReturn = lazy(() => import('../features/oauth/oauth-return'));

export interface AppProps {
  config: AppConfig;
  branding?: Branding;
  link: LinkParams;
  /** This load is the way back from an OAuth server (main.tsx started the code's exchange). */
  oauthReturn?: { completion: Promise<OAuthAccount>; host?: string };
}

export function App({ config, branding, link, oauthReturn, hydrating = false }: AppProps & { hydrating?: boolean }) {
  return (
    <PageFrame branding={branding}>
      {oauthReturn ? (
        <Suspense fallback={null}>
          <OAuthReturn {...oauthReturn} clients={config.clients} />
        </Suspense>
      ) : (
        <Signup config={config} branding={branding} link={link} hydrating={hydrating} />
      )}
    </PageFrame>
  );
}

/**
 * Hydrates the page prerendered at build time: first exactly what was prerendered (so React keeps
 * every node, and what was typed, focused and selected in it), then at once what this deployment,
 * link and tab say (another default server, an invite's name, the brand), as an update.
 */
export function HydratedApp({ prerendered, now }: { prerendered: AppProps; now: AppProps }) {
  return useHydrated() ? <App {...now} /> : <App {...prerendered} hydrating />;
}

/** A `config.json` the page cannot use: said plainly, with what is wrong for whoever runs it. */
export function ConfigProblem({ problem }: { problem: unknown }) {
  const { t } = useI18n();
  return (
    <PageFrame>
      <p className="form-error" role="alert">
        {t('app.configFailed')}
      </p>
      {problem instanceof ConfigError ? (
        <details>
          <summary>{t('common.details')}</summary>
          <p className="details-text">{problem.message}</p>
        </details>
      ) : null}
    </PageFrame>
  );
}

import { ConfigError, type AppConfig, type LinkParams } from '../config/app-config';
import type { Branding } from '../config/community';
import { Signup } from '../features/registration/signup';
import { useI18n } from '../i18n/i18n';
import { PageFrame } from './page-frame';

export function App({ config, branding, link }: { config: AppConfig; branding?: Branding; link: LinkParams }) {
  return (
    <PageFrame branding={branding}>
      <Signup config={config} link={link} />
    </PageFrame>
  );
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

import { useEffect, useState } from 'react';
import { fallbackUrl } from '../../../matrix/fallback';
import { useI18n } from '../../../i18n/i18n';
import { StepHeading } from '../components/step-heading';
import type { StageProps } from './stage-view';

function pageFor({ step, registration, server }: StageProps): string {
  return fallbackUrl(server, step.stage, registration.driver()?.sessionId ?? step.uia.session ?? '');
}

/**
 * Opens the server's fallback page for a stage (spec: UIA fallback) and goes on when it reports
 * `authDone`, or when the person says they are done (the opener link can be cut by the server).
 * Either way the server is asked with the session alone; a stage it has not recorded is said to
 * be unfinished rather than shown again as if nothing happened.
 */
export function FallbackLink(props: StageProps) {
  const { t } = useI18n();
  const { registration, server } = props;
  const [blocked, setBlocked] = useState(false);
  useEffect(() => {
    const origin = new URL(server.baseUrl).origin;
    const onMessage = (event: MessageEvent) => {
      if (event.origin === origin && event.data === 'authDone') registration.checkOutOfBand();
    };
    window.addEventListener('message', onMessage);
    return () => window.removeEventListener('message', onMessage);
  }, [server.baseUrl, registration]);
  return (
    <div>
      <p>
        <button
          type="button"
          onClick={() =>
            setBlocked(window.open(pageFor(props), 'matrix-auth-fallback', 'popup,width=520,height=720') === null)
          }
        >
          {t('fallback.open')}
        </button>{' '}
        <button
          type="button"
          className="secondary"
          onClick={() => registration.checkOutOfBand()}
          disabled={registration.pending}
        >
          {t('fallback.done')}
        </button>
      </p>
      {blocked ? (
        <p className="form-error" role="alert">
          {t('fallback.blocked')}
        </p>
      ) : null}
    </div>
  );
}

export function FallbackStage(props: StageProps) {
  const { t } = useI18n();
  return (
    <div>
      <StepHeading title={t('fallback.heading')} position={props.step.position} total={props.step.total} />
      <p>{t('fallback.intro', { stage: props.step.stage })}</p>
      <FallbackLink {...props} />
    </div>
  );
}

import { useEffect, useState } from 'react';
import { useI18n } from '../../../i18n/i18n';
import { StepHeading } from '../components/step-heading';
import type { StageProps } from './stage-view';

function fallbackUrl({ step, registration, server }: StageProps): string {
  const session = registration.driver()?.sessionId ?? step.uia.session ?? '';
  return `${server.baseUrl}${server.prefix}/auth/${encodeURIComponent(step.stage)}/fallback/web?${new URLSearchParams({ session }).toString()}`;
}

/**
 * Opens the server's fallback page for a stage (spec: UIA fallback) and goes on when it reports
 * `authDone`, or when the person says they are done (the opener link can be cut by the server).
 */
export function FallbackLink(props: StageProps) {
  const { t } = useI18n();
  const { registration, server } = props;
  const [blocked, setBlocked] = useState(false);
  useEffect(() => {
    const origin = new URL(server.baseUrl).origin;
    const onMessage = (event: MessageEvent) => {
      if (event.origin === origin && event.data === 'authDone') registration.resume();
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
            setBlocked(window.open(fallbackUrl(props), 'matrix-auth-fallback', 'popup,width=520,height=720') === null)
          }
        >
          {t('fallback.open')}
        </button>{' '}
        <button
          type="button"
          className="secondary"
          onClick={() => registration.resume()}
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

import { fallbackUrl } from '../../../matrix/fallback';
import { useI18n } from '../../../i18n/i18n';
import { StepHeading } from '../components/step-heading';
import type { StageProps } from './stage-view';

function pageFor({ step, registration, server }: StageProps): string {
  return fallbackUrl(server, step.stage, registration.driver()?.sessionId ?? step.uia.session ?? '');
}

/**
 * Opens the server's fallback page for a stage (spec: UIA fallback) in a new window without
 * `opener` (`noopener`), and goes on when the person says they are done: the server is then asked
 * with the session alone, and a stage it has not recorded is said to be unfinished rather than
 * shown again as if nothing happened.
 *
 * With an opener, the server's page could navigate this tab elsewhere (`opener.location = …`, a
 * reverse tabnabbing: security review 2026-12, P2). Without it, the spec's `authDone` message
 * (`window.opener.postMessage("authDone", "*")`) cannot reach this tab either, so the page does not
 * listen for it: the "done" button is the way back. `window.open` returns null for a `noopener`
 * window, so whether a pop-up blocker stopped it cannot be told; the click is a user activation,
 * which browsers let open a window.
 */
export function FallbackLink(props: StageProps) {
  const { t } = useI18n();
  const { registration } = props;
  return (
    <div>
      <p>
        <button
          type="button"
          onClick={() => window.open(pageFor(props), '_blank', 'popup,width=520,height=720,noopener')}
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

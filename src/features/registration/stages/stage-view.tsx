import type { DiscoveredServer } from '../../../matrix/discovery';
import { useI18n, useMessages } from '../../../i18n/i18n';
import { STAGE } from '../../../matrix/stages';
import { FormError } from '../components/form-error';
import type { Registration, StageStep } from '../use-registration';
import { CaptchaStage } from './captcha-stage';
import { EmailStage } from './email-stage';
import { FallbackStage } from './fallback-stage';
import { TermsStage } from './terms-stage';

export interface StageProps {
  step: StageStep;
  registration: Registration;
  server: DiscoveredServer;
}

/** The step the server asks for now; any stage this page does not know opens the server's fallback page. */
export default function StageView(props: {
  step: StageStep;
  registration: Registration;
  server: DiscoveredServer | undefined;
  email: string;
  onChangeEmail: () => void;
  /** Back to the form, values kept (audit item 14); also what the browser's Back does. */
  onBack: () => void;
}) {
  const { step, registration, server } = props;
  // The steps' words come with the `later` messages, fetched right after the form showed.
  const ready = useMessages('later') !== undefined;
  const { t } = useI18n();
  if (!server || !ready) return null;
  const stageProps: StageProps = { step, registration, server };
  const error = registration.error;
  return (
    <section aria-labelledby="step-heading" className="stage">
      {step.stage === STAGE.terms ? <TermsStage {...stageProps} /> : null}
      {step.stage === STAGE.recaptcha ? <CaptchaStage {...stageProps} /> : null}
      {step.stage === STAGE.email ? (
        <EmailStage {...stageProps} email={props.email} onChangeEmail={props.onChangeEmail} />
      ) : null}
      {![STAGE.terms, STAGE.recaptcha, STAGE.email].includes(step.stage as 'm.login.terms') ? (
        <FallbackStage {...stageProps} />
      ) : null}
      {error && error.field !== 'captcha' && error.field !== 'terms' ? (
        <FormError key={error.code} error={error} onRetry={() => registration.resume()} focus />
      ) : null}
      <p>
        <button type="button" className="link" onClick={props.onBack}>
          {t('stage.back')}
        </button>
      </p>
    </section>
  );
}

import { useEffect, useRef, useState } from 'react';
import {
  emailNotConfirmedYet,
  newClientSecret,
  requestEmailToken,
  submitEmailCode,
  type EmailValidation,
} from '../../../matrix/email-token';
import { STAGE } from '../../../matrix/stages';
import { useCountdown } from '../../../lib/use-countdown';
import { useI18n } from '../../../i18n/i18n';
import { StepHeading } from '../components/step-heading';
import type { Registration } from '../use-registration';
import type { StageProps } from './stage-view';

const POLL_MS = 3_000;
const RESEND_COOLDOWN_MS = 60_000;

/**
 * Asks the server whether the address is confirmed; "not yet" keeps waiting, anything else moves
 * on. "Not yet" has three errcodes across the families (see `emailNotConfirmedYet`).
 */
async function checkConfirmed(registration: Registration, validation: EmailValidation): Promise<void> {
  const driver = registration.driver();
  if (!driver) return;
  const next = await driver.submit({
    type: STAGE.email,
    threepid_creds: { sid: validation.sid, client_secret: validation.clientSecret },
  });
  if (next.kind === 'stage' && next.stage === STAGE.email && next.failure && emailNotConfirmedYet(next.failure)) return;
  registration.onStep(next);
}

/**
 * "Check your email": sends the message, then asks the server every few seconds whether the link was
 * opened (in this tab or on another device), so the page goes on by itself (Element's fix for its
 * two-tab races). Resend with a cooldown, a code box when the server takes codes, and a way back to
 * change the address.
 */
export function EmailStage({
  step,
  registration,
  server,
  email,
  onChangeEmail,
}: StageProps & { email: string; onChangeEmail: () => void }) {
  const { t } = useI18n();
  const [validation, setValidation] = useState<EmailValidation>();
  const [resendAt, setResendAt] = useState<number>();
  const [resent, setResent] = useState(false);
  const [code, setCode] = useState('');
  const [codeWrong, setCodeWrong] = useState(false);
  const attempt = useRef(1);
  const secret = useRef(newClientSecret());
  const cooldown = useCountdown(resendAt);

  // One request per address on this step, kept across the effect's runs: StrictMode runs the effect
  // twice in development, and aborting the first to send a second would mail twice (and, in the
  // mock, spend a forced error on the dropped request; audit item 11).
  const sent = useRef<{ key: string; request: Promise<EmailValidation> }>(undefined);
  useEffect(() => {
    const key = `${server.baseUrl}\n${email}`;
    if (sent.current?.key !== key) {
      sent.current = { key, request: requestEmailToken(server, email, secret.current, attempt.current) };
    }
    let current = true;
    sent.current.request.then(
      (result) => {
        if (!current) return;
        setValidation(result);
        setResendAt(Date.now() + RESEND_COOLDOWN_MS);
      },
      (error: unknown) => {
        if (current) registration.fail(error);
      },
    );
    return () => {
      current = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- one request per address
  }, [server, email]);

  useEffect(() => {
    if (!validation) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout>;
    const poll = () => {
      timer = setTimeout(() => {
        checkConfirmed(registration, validation).then(
          () => {
            if (!stopped) poll();
          },
          (error: unknown) => {
            if (!stopped) registration.fail(error);
          },
        );
      }, POLL_MS);
    };
    poll();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- restart only for a new validation
  }, [validation]);

  return (
    <div>
      <StepHeading title={t('emailStage.heading')} position={step.position} total={step.total} />
      <p>{validation ? t('emailStage.sent', { email }) : t('emailStage.sending', { email })}</p>
      {validation ? (
        <p className="status info" role="status">
          <span className="spinner" aria-hidden="true" /> {t('emailStage.waiting')}
        </p>
      ) : null}
      {validation?.submitUrl ? (
        <form
          noValidate
          className="field"
          onSubmit={(event) => {
            event.preventDefault();
            setCodeWrong(false);
            submitEmailCode(validation, code).then(
              (ok) => (ok ? void checkConfirmed(registration, validation) : setCodeWrong(true)),
              () => setCodeWrong(true),
            );
          }}
        >
          <label htmlFor="email-code">{t('emailStage.codeLabel')}</label>
          <input
            id="email-code"
            dir="ltr"
            inputMode="numeric"
            autoComplete="one-time-code"
            value={code}
            onChange={(event) => setCode(event.target.value)}
            aria-invalid={codeWrong || undefined}
            aria-describedby={codeWrong ? 'email-code-error' : undefined}
          />
          {codeWrong ? (
            <p id="email-code-error" className="field-error" role="alert">
              {t('emailStage.codeWrong')}
            </p>
          ) : null}
          <p>
            <button type="submit" className="secondary">
              {t('emailStage.codeSubmit')}
            </button>
          </p>
        </form>
      ) : null}
      <p>
        <button
          type="button"
          className="secondary"
          disabled={!validation || cooldown > 0}
          onClick={() => {
            attempt.current += 1;
            setResent(false);
            requestEmailToken(server, email, secret.current, attempt.current).then(
              () => {
                setResent(true);
                setResendAt(Date.now() + RESEND_COOLDOWN_MS);
              },
              (error: unknown) => registration.fail(error),
            );
          }}
        >
          {cooldown > 0 ? t('emailStage.resendIn', { seconds: cooldown }) : t('emailStage.resend')}
        </button>{' '}
        <button type="button" className="link" onClick={onChangeEmail}>
          {t('emailStage.change')}
        </button>
      </p>
      <p aria-live="polite">{resent ? t('emailStage.resent') : ''}</p>
    </div>
  );
}

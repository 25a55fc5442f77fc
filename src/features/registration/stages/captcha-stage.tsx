import { useEffect, useRef, useState } from 'react';
import { STAGE } from '../../../matrix/stages';
import { useI18n } from '../../../i18n/i18n';
import { StepHeading } from '../components/step-heading';
import { errorText } from '../page-error';
import { FallbackLink } from './fallback-stage';
import { MOCK_CAPTCHA_KEY, MockCaptcha } from './mock-captcha';
import type { StageProps } from './stage-view';

interface ReCaptcha {
  ready(callback: () => void): void;
  render(
    element: HTMLElement,
    options: { sitekey: string; callback: (response: string) => void; theme?: string },
  ): number;
}

/** Google reCAPTCHA for real servers; the mock homeserver's own widget when its key says so. */
export function CaptchaStage({ step, registration, server }: StageProps) {
  const { t } = useI18n();
  const params = step.uia.params?.[STAGE.recaptcha] as { public_key?: unknown } | undefined;
  const key = typeof params?.public_key === 'string' ? params.public_key : '';
  const error = registration.error?.field === 'captcha' ? registration.error : undefined;
  const submit = (response: string) => registration.submitStage({ type: STAGE.recaptcha, response });
  return (
    <div>
      <StepHeading title={t('captcha.heading')} position={step.position} total={step.total} />
      <p>{t('captcha.intro')}</p>
      {error ? (
        <p className="form-error" role="alert">
          {errorText(t, error)}
        </p>
      ) : null}
      {key === MOCK_CAPTCHA_KEY ? (
        <MockCaptcha key={error?.code ?? 'fresh'} onSolved={submit} disabled={registration.pending} />
      ) : (
        <GoogleReCaptcha
          siteKey={key}
          onSolved={submit}
          fallback={<FallbackLink step={step} registration={registration} server={server} />}
        />
      )}
    </div>
  );
}

/** The theme the page shows: the person's choice, else the device's. */
function pageIsDark(): boolean {
  const chosen = document.documentElement.dataset.theme;
  return chosen === undefined ? matchMedia('(prefers-color-scheme: dark)').matches : chosen === 'dark';
}

function GoogleReCaptcha({
  siteKey,
  onSolved,
  fallback,
}: {
  siteKey: string;
  onSolved: (response: string) => void;
  fallback: React.ReactNode;
}) {
  const { t, language } = useI18n();
  const box = useRef<HTMLDivElement>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    const global = window as unknown as { grecaptcha?: ReCaptcha };
    const render = () => {
      const grecaptcha = global.grecaptcha;
      if (!grecaptcha || !box.current) return setFailed(true);
      grecaptcha.ready(() => {
        if (box.current)
          grecaptcha.render(box.current, {
            sitekey: siteKey,
            callback: onSolved,
            theme: pageIsDark() ? 'dark' : 'light',
          });
      });
    };
    if (global.grecaptcha) return render();
    // recaptcha.net rather than google.com: reachable where Google is blocked (Element does the same).
    const script = document.createElement('script');
    script.src = `https://www.recaptcha.net/recaptcha/api.js?render=explicit&hl=${encodeURIComponent(language)}`;
    script.async = true;
    script.onload = render;
    script.onerror = () => setFailed(true);
    document.head.appendChild(script);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- render once per key
  }, [siteKey]);
  return failed ? (
    <div>
      <p className="form-error" role="alert">
        {t('captcha.loadFailed')}
      </p>
      {fallback}
    </div>
  ) : (
    <div ref={box} />
  );
}

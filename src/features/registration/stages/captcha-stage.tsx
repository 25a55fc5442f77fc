import { useEffect, useRef, useState } from 'react';
import { STAGE } from '../../../matrix/stages';
import { stageMessages as messages } from '../../../messages/stages';
import { StepHeading } from '../components/step-heading';
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
  const params = step.uia.params?.[STAGE.recaptcha] as { public_key?: unknown } | undefined;
  const key = typeof params?.public_key === 'string' ? params.public_key : '';
  const error = registration.error?.field === 'captcha' ? registration.error : undefined;
  const submit = (response: string) => registration.submitStage({ type: STAGE.recaptcha, response });
  return (
    <div>
      <StepHeading title={messages.captcha.heading} position={step.position} total={step.total} />
      <p>{messages.captcha.intro}</p>
      {error ? (
        <p className="form-error" role="alert">
          {error.text}
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

function GoogleReCaptcha({
  siteKey,
  onSolved,
  fallback,
}: {
  siteKey: string;
  onSolved: (response: string) => void;
  fallback: React.ReactNode;
}) {
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
            theme: matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light',
          });
      });
    };
    if (global.grecaptcha) return render();
    // recaptcha.net rather than google.com: reachable where Google is blocked (Element does the same).
    const script = document.createElement('script');
    script.src = 'https://www.recaptcha.net/recaptcha/api.js?render=explicit';
    script.async = true;
    script.onload = render;
    script.onerror = () => setFailed(true);
    document.head.appendChild(script);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- render once per key
  }, [siteKey]);
  return failed ? (
    <div>
      <p className="form-error" role="alert">
        {messages.captcha.loadFailed}
      </p>
      {fallback}
    </div>
  ) : (
    <div ref={box} />
  );
}

import { useEffect, useRef, useState } from 'react';
import { captchaProvider, fallbackServed, fallbackUrl } from '../../../matrix/fallback';
import { STAGE } from '../../../matrix/stages';
import type { MessageId } from '../../../i18n/catalogs';
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

/**
 * Whether the server's own page for this stage is there to offer: undefined while that is being
 * found out (see `fallbackServed`; continuwuity has none, and a link to a 404 helps nobody).
 */
function useFallbackServed(url: string): boolean | undefined {
  const [served, setServed] = useState<{ url: string; served: boolean }>();
  useEffect(() => {
    const controller = new AbortController();
    void fallbackServed(url, controller.signal).then((answer) => {
      if (!controller.signal.aborted) setServed({ url, served: answer });
    });
    return () => controller.abort();
  }, [url]);
  return served?.url === url ? served.served : undefined;
}

/**
 * The captcha, and always the server's own page for it (spec: UIA fallback) where the server has
 * one: Google's widget in the page for a reCAPTCHA key (the mock's widget for the mock's key), with
 * the server's page beside it; for any other key (hCaptcha, Turnstile: Dendrite can be set up with
 * them and sends only the key) the server's page is the way, since Google's widget cannot use it.
 */
export function CaptchaStage(props: StageProps) {
  const { step, registration, server } = props;
  const { t } = useI18n();
  const params = step.uia.params[STAGE.recaptcha] as { public_key?: unknown } | null | undefined;
  const key = typeof params?.public_key === 'string' ? params.public_key : '';
  const error = registration.error?.field === 'captcha' ? registration.error : undefined;
  const submit = (response: string) => registration.submitStage({ type: STAGE.recaptcha, response });
  const served = useFallbackServed(
    fallbackUrl(server, STAGE.recaptcha, registration.driver()?.sessionId ?? step.uia.session ?? ''),
  );
  const inPage = key === MOCK_CAPTCHA_KEY || captchaProvider(key) === 'recaptcha';
  const serverPage = served === true ? <FallbackLink {...props} /> : null;
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
      ) : inPage ? (
        <GoogleReCaptcha
          siteKey={key}
          onSolved={submit}
          failed={served === false ? 'captcha.loadFailedNoPage' : 'captcha.loadFailed'}
        />
      ) : null}
      {inPage && serverPage ? <p>{t('captcha.orServerPage')}</p> : null}
      {!inPage && serverPage ? <p>{t('captcha.serverPage')}</p> : null}
      {!inPage && served === false ? (
        <p className="form-error" role="alert">
          {t('error.flow:no-flow')}
        </p>
      ) : null}
      {serverPage}
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
  failed: failedMessage,
}: {
  siteKey: string;
  onSolved: (response: string) => void;
  /** What to say when Google's script cannot load: with or without the server's page to turn to. */
  failed: MessageId;
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
    <p className="form-error" role="alert">
      {t(failedMessage)}
    </p>
  ) : (
    <div ref={box} />
  );
}

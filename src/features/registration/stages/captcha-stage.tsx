import { useEffect, useRef, useState } from 'react';
import { captchaProvider, fallbackServed, fallbackUrl } from '../../../matrix/fallback';
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
 *
 * Where Google's script cannot load (a network that blocks it), the server's page is offered, but
 * Synapse's loads the same script (`ca.fallback_get`), and this page cannot see into that window:
 * so the step says what it can only suspect, and what the person can do about it. "I have finished
 * that step" always gets an answer at the step, with focus on it (docs/decisions/017).
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
  const [widgetFailed, setWidgetFailed] = useState(false);
  const inPage = key === MOCK_CAPTCHA_KEY || captchaProvider(key) === 'recaptcha';
  const serverPage = served === true ? <FallbackLink {...props} /> : null;
  const admins = { server: server.serverName };
  // The server's answer to "I have finished that step" is news each time, even the same words twice:
  // focus goes to it, so that it is seen and read out where the person is.
  const errorLine = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (error?.code === 'stage:unfinished') errorLine.current?.focus();
  }, [error]);
  return (
    <div>
      <StepHeading title={t('captcha.heading')} position={step.position} total={step.total} />
      <p>{t('captcha.intro')}</p>
      {error ? (
        <p className="form-error" role="alert" tabIndex={-1} ref={errorLine}>
          {errorText(t, error)}
        </p>
      ) : null}
      {key === MOCK_CAPTCHA_KEY ? (
        <MockCaptcha key={error?.code ?? 'fresh'} onSolved={submit} disabled={registration.pending} />
      ) : inPage ? (
        <GoogleReCaptcha siteKey={key} onSolved={submit} onFailed={setWidgetFailed} />
      ) : null}
      {widgetFailed ? (
        <p className="form-error" role="alert">
          {served === false ? t('captcha.blockedNoPage', admins) : t('captcha.blocked')}
        </p>
      ) : null}
      {inPage && serverPage && !widgetFailed ? <p>{t('captcha.orServerPage')}</p> : null}
      {!inPage && serverPage ? <p>{t('captcha.serverPage')}</p> : null}
      {!inPage && served === false ? (
        <p className="form-error" role="alert">
          {t('error.flow:no-flow')}
        </p>
      ) : null}
      {serverPage}
      {widgetFailed && serverPage ? <p>{t('captcha.ifNoPuzzle', admins)}</p> : null}
    </div>
  );
}

/** The theme the page shows: the person's choice, else the device's. */
function pageIsDark(): boolean {
  const chosen = document.documentElement.dataset.theme;
  return chosen === undefined ? matchMedia('(prefers-color-scheme: dark)').matches : chosen === 'dark';
}

/**
 * How long Google's script may take before the step says it could not load: a network that drops
 * the connection silently would otherwise leave an empty box with no word. If it loads later, the
 * widget still shows and the message goes.
 */
const SCRIPT_PATIENCE_MS = 15_000;

function GoogleReCaptcha({
  siteKey,
  onSolved,
  onFailed,
}: {
  siteKey: string;
  onSolved: (response: string) => void;
  /** Whether Google's script could not load (refused, or not there in time). */
  onFailed: (failed: boolean) => void;
}) {
  const { t, language } = useI18n();
  const box = useRef<HTMLDivElement>(null);
  const [state, setState] = useState<'loading' | 'shown' | 'failed'>('loading');
  useEffect(() => {
    const global = window as unknown as { grecaptcha?: ReCaptcha };
    let current = true;
    const fail = () => {
      if (!current) return;
      setState((now) => (now === 'shown' ? now : 'failed'));
    };
    const render = () => {
      const grecaptcha = global.grecaptcha;
      if (!grecaptcha || !box.current) return fail();
      grecaptcha.ready(() => {
        if (!current || !box.current) return;
        grecaptcha.render(box.current, {
          sitekey: siteKey,
          callback: onSolved,
          theme: pageIsDark() ? 'dark' : 'light',
        });
        setState('shown');
      });
    };
    if (global.grecaptcha) {
      render();
      return () => {
        current = false;
      };
    }
    // recaptcha.net rather than google.com: reachable where Google is blocked (Element does the same).
    const script = document.createElement('script');
    script.src = `https://www.recaptcha.net/recaptcha/api.js?render=explicit&hl=${encodeURIComponent(language)}`;
    script.async = true;
    script.onload = render;
    script.onerror = fail;
    document.head.appendChild(script);
    const patience = setTimeout(fail, SCRIPT_PATIENCE_MS);
    return () => {
      current = false;
      clearTimeout(patience);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- render once per key
  }, [siteKey]);
  useEffect(() => onFailed(state === 'failed'), [state, onFailed]);
  return (
    <>
      {state === 'loading' ? <p>{t('common.loading')}</p> : null}
      <div ref={box} hidden={state === 'failed'} />
    </>
  );
}

import { useEffect, useRef, useState } from 'react';
import { useCountdown } from '../../../lib/use-countdown';
import { parseHttpUrl } from '../../../matrix/url';
import { useI18n, useMessages, type Translate } from '../../../i18n/i18n';
import { errorText, type PageError } from '../page-error';

/** Only http(s) and mailto: an admin contact from a server is not trusted to be a safe link. */
function safeContactHref(contact: string): string | undefined {
  if (/^mailto:[^\s]+$/i.test(contact)) return contact;
  return parseHttpUrl(contact)?.href;
}

/**
 * A form-level error: the message, what to do, the server's words under "Details", a retry when
 * retrying can help, and for 429 a live countdown while the caller keeps submit disabled.
 */
export function FormError({
  error,
  onRetry,
  focus = false,
}: {
  error: PageError;
  onRetry?: () => void;
  /**
   * Takes focus when it appears: an answer to what the person just did (submit, a step). Without
   * it the next Tab started from `<body>`, in the footer (audit 2026-12 item 3). Callers key the
   * box by the attempt, so that each new answer is a new box and takes focus again.
   */
  focus?: boolean;
}) {
  const t = useMessages('later');
  const { t: tStart } = useI18n();
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (focus) box.current?.focus();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once, when the answer appears
  }, []);
  const seconds = useCountdown(error.retryUntil);
  const [firstWait] = useState(() => Math.ceil(Math.max(error.retryAfterMs ?? 0, 1000) / 1000));
  // Its words load just after the form; an error that comes sooner waits for them (a moment).
  if (!t) return <div className="form-error" role="alert" ref={box} tabIndex={-1} />;
  const contact = error.adminContact ? safeContactHref(error.adminContact) : undefined;
  return (
    <div className="form-error" role="alert" ref={box} tabIndex={-1}>
      {error.messages.length > 0 ? <p>{errorText(t, error)}</p> : null}
      {contact ? (
        <p>
          <a href={contact}>{t('error.adminContact')}</a>
        </p>
      ) : null}
      {error.retryUntil !== undefined ? <RateLimitLine t={t} seconds={seconds} firstWait={firstWait} /> : null}
      {error.details ? (
        <details>
          <summary>{tStart('common.details')}</summary>
          <p className="details-text" dir="auto">
            {error.details}
          </p>
        </details>
      ) : null}
      {onRetry && error.retryable && seconds === 0 ? (
        <button type="button" className="secondary" onClick={onRetry}>
          {tStart('common.retry')}
        </button>
      ) : null}
    </div>
  );
}

/** Waits longer than this are said in whole minutes (rounded up): "600 seconds" is not read at a glance. */
const SECONDS_SAID_AS_SECONDS = 90;

/** "You can try again in 45 seconds", or above 90 seconds "in 10 minutes" (review 2026-12 §2 item 11). */
export function waitText(t: Translate, seconds: number): string {
  return seconds > SECONDS_SAID_AS_SECONDS
    ? t('error.rateLimit.waitMinutes', { minutes: Math.ceil(seconds / 60) })
    : t('error.rateLimit.wait', { seconds });
}

/** The wait, ticking for the eyes; announced once when it starts and once when it ends. */
function RateLimitLine({ t, seconds, firstWait }: { t: Translate; seconds: number; firstWait: number }) {
  const wait = (left: number) => waitText(t, left);
  return (
    <p>
      <span aria-hidden="true">{seconds > 0 ? wait(seconds) : t('error.rateLimit.ready')}</span>
      <span className="visually-hidden" aria-live="polite">
        {seconds > 0 ? wait(firstWait) : t('error.rateLimit.ready')}
      </span>
    </p>
  );
}

/** The seconds of a 429 still to wait out (0 when none): submit waits until then. */
export function useRateLimitWait(error: PageError | undefined | null): number {
  return useCountdown(error?.retryUntil);
}

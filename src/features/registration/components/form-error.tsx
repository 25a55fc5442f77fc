import { useState } from 'react';
import { useCountdown } from '../../../lib/use-countdown';
import { parseHttpUrl } from '../../../matrix/url';
import { messages } from '../../../messages/form';
import type { PageError } from '../page-error';

/** Only http(s) and mailto: an admin contact from a server is not trusted to be a safe link. */
function safeContactHref(contact: string): string | undefined {
  if (/^mailto:[^\s]+$/i.test(contact)) return contact;
  return parseHttpUrl(contact)?.href;
}

/**
 * A form-level error: the message, what to do, the server's words under "Details", a retry when
 * retrying can help, and for 429 a live countdown while the caller keeps submit disabled.
 */
export function FormError({ error, onRetry }: { error: PageError; onRetry?: () => void }) {
  const seconds = useCountdown(error.retryUntil);
  const [firstWait] = useState(() => Math.ceil(Math.max(error.retryAfterMs ?? 0, 1000) / 1000));
  // Announce the wait once and its end once; the ticking number is for eyes only.
  const announcement =
    error.retryUntil === undefined ? '' : seconds > 0 ? messages.rateLimit.wait(firstWait) : messages.rateLimit.ready;
  const contact = error.adminContact ? safeContactHref(error.adminContact) : undefined;
  return (
    <div className="form-error" role="alert">
      <p>{error.text}</p>
      {contact ? (
        <p>
          <a href={contact}>{messages.adminContact}</a>
        </p>
      ) : null}
      {error.retryUntil !== undefined ? (
        <p>
          <span aria-hidden="true">{seconds > 0 ? messages.rateLimit.wait(seconds) : messages.rateLimit.ready}</span>
          <span className="visually-hidden" aria-live="polite">
            {announcement}
          </span>
        </p>
      ) : null}
      {error.details ? (
        <details>
          <summary>{messages.details}</summary>
          <p className="details-text">{error.details}</p>
        </details>
      ) : null}
      {onRetry && error.retryable && seconds === 0 ? (
        <button type="button" className="secondary" onClick={onRetry}>
          {messages.retry}
        </button>
      ) : null}
    </div>
  );
}

/** Whether a 429 is still being waited out: submit stays disabled until then. */
export function useRateLimitActive(error: PageError | undefined | null): boolean {
  return useCountdown(error?.retryUntil) > 0;
}

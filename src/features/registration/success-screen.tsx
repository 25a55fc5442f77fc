import { useState } from 'react';
import { useI18n, useMessages } from '../../i18n/i18n';
import { StepHeading } from './components/step-heading';

/**
 * The account, ready: its full ID with a copy button, where it lives, and where to go next. No
 * token is shown, kept or logged here (the page asks for none: `inhibit_login`).
 */
export default function SuccessScreen({
  userId,
  serverName,
  clients,
}: {
  userId: string;
  serverName: string;
  clients: { name: string; url: string }[];
}) {
  const { t } = useI18n();
  const ready = useMessages('later') !== undefined;
  const [copied, setCopied] = useState(false);
  if (!ready) return null;
  return (
    <section aria-labelledby="step-heading" className="success">
      <StepHeading title={t('success.heading')} />
      <p>{t('success.yourId')}</p>
      <p className="matrix-id big" data-testid="matrix-id" dir="ltr">
        {userId}
      </p>
      <p>
        <button
          type="button"
          className="secondary"
          onClick={() => {
            void navigator.clipboard.writeText(userId).then(
              () => setCopied(true),
              () => setCopied(false),
            );
          }}
        >
          {t('success.copy')}
        </button>{' '}
        <span aria-live="polite">{copied ? t('success.copied') : ''}</span>
      </p>
      <p>{t('success.server', { server: serverName })}</p>
      <h3>{t('success.next')}</h3>
      <p>{t('success.signIn')}</p>
      {clients.length > 0 ? (
        <ul className="clients">
          {clients.map((client) => (
            <li key={client.url}>
              <a href={client.url} rel="noopener noreferrer">
                {t('success.openIn', { name: client.name })}
              </a>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

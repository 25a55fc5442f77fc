import { useI18n, useMessages } from '../../i18n/i18n';
import { AccountId } from './components/account-id';
import { StepHeading } from './components/step-heading';

/**
 * The account, ready: its full ID with a copy button, where it lives, and where to go next. No
 * token is shown, kept or logged here (the page asks for none: `inhibit_login`).
 */
export default function SuccessScreen({
  userId,
  serverName,
  clients,
  emailNotPublished = false,
}: {
  userId: string;
  serverName: string;
  clients: { name: string; url: string }[];
  /**
   * An email was given where the page did not offer to publish it (docs/decisions/017): said once,
   * so that nobody expects to be found by it.
   */
  emailNotPublished?: boolean;
}) {
  const { t } = useI18n();
  const ready = useMessages('later') !== undefined;
  if (!ready) return null;
  return (
    <section aria-labelledby="step-heading" className="success">
      <StepHeading title={t('success.heading')} />
      <AccountId t={t} label={t('success.yourId')} id={userId} />
      <p>{t('success.server', { server: serverName })}</p>
      {emailNotPublished ? <p>{t('success.emailNotPublished')}</p> : null}
      <h3>{t('success.next')}</h3>
      <p>{t('success.signIn')}</p>
      {/* Said, not carried: Element Web reads no homeserver from a link except to finish an email
          validation or a mobile registration (element-web src/vector/app.tsx, verifyServerConfig:
          "we only respect these in the context of email validation"; MatrixChat.startRegistration),
          so a link cannot take the person to this server (docs/decisions/020-journey.md). */}
      {serverName ? <p>{t('success.whichServer', { server: serverName })}</p> : null}
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

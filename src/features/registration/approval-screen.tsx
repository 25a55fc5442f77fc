import type { ApprovalNotice } from '../../matrix/approval';
import { fullUserId } from '../../matrix/user-id';
import { useI18n, useMessages } from '../../i18n/i18n';
import { AccountId } from './components/account-id';
import { StepHeading } from './components/step-heading';

/**
 * The end when the server's admins approve new accounts (MSC3866): the account exists and waits
 * for them. Not an error, and no form: sending it again could only say the name is taken, by this
 * very account (recording `ap.register_taken_username`). What happens next follows
 * `approval_notice_medium`: an email, or nothing the server sends (then: try signing in later).
 */
export default function ApprovalScreen({
  username,
  userIdDomain,
  serverName,
  notice,
}: {
  username: string;
  /** Undefined when the server has not said its user-ID name: the name alone is shown then. */
  userIdDomain: string | undefined;
  serverName: string;
  notice: ApprovalNotice;
}) {
  const { t } = useI18n();
  const ready = useMessages('later') !== undefined;
  if (!ready) return null;
  return (
    <section aria-labelledby="step-heading" className="success">
      <StepHeading title={t('approval.heading')} />
      <p>{t('approval.created', { server: serverName })}</p>
      {userIdDomain !== undefined ? (
        <AccountId t={t} label={t('success.yourId')} id={fullUserId(username, userIdDomain)} />
      ) : (
        <AccountId t={t} label={t('username.label')} id={username} />
      )}
      <h3>{t('success.next')}</h3>
      <p>{t(notice === 'email' ? 'approval.noticeEmail' : 'approval.noticeNone')}</p>
      <p>{t('approval.nothingMore')}</p>
    </section>
  );
}

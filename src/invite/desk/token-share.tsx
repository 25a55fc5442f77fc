import { useId, useState } from 'react';
import { refusedCharactersMessage } from '../../features/registration/username-check';
import { useI18n } from '../../i18n/i18n';
import type { AdminWorld, InviteToken } from '../../matrix/admin/desk-api';
import { CopyButton } from '../../lib/copy-button';
import { inviteLink, inviteProblems, linkUsername } from '../invite-link';
import { Field } from './field';
import { QrCode, useQrCode } from './qr-code';
import { formatTime } from './token-time';

/**
 * One token's invite: its link (with a username and, where the server can use one, an email), the
 * link's QR code and a message to send, in the page's language (the community's).
 */
export function TokenShare({
  token,
  world,
  serverName,
  withServer,
  community,
}: {
  token: InviteToken;
  world: AdminWorld;
  serverName: string;
  /** `allow_custom_servers`: where it is off the sign-up page ignores `hs=`, so the link names none. */
  withServer: boolean;
  community: string;
}) {
  const { t, language } = useI18n();
  const id = useId();
  const [username, setUsername] = useState('');
  const [email, setEmail] = useState('');
  // On MAS the sign-up page passes only the username on (as `login_hint`, oauth-signup.tsx); MAS
  // asks for the email itself, so a link there carries none.
  const takesEmail = world === 'synapse';
  const invite = { server: serverName, token: token.token, username, email: takesEmail ? email : '' };
  const signupPage = new URL('./', window.location.href).href;
  const link = inviteLink(signupPage, invite, withServer);
  const qr = useQrCode(link);
  const problems = inviteProblems(invite);
  const usernameError = problems.includes('username')
    ? refusedCharactersMessage(t, language, linkUsername(username))
    : undefined;
  const message = link
    ? [
        t('invite.desk.message', { community, link }),
        ...(token.expiresAt !== null
          ? [t('invite.desk.messageExpiry', { date: formatTime(language, token.expiresAt) })]
          : []),
      ].join(' ')
    : undefined;

  return (
    <section className="token-share" aria-labelledby={`${id}-heading`}>
      <h4 id={`${id}-heading`}>{t('invite.link')}</h4>
      {token.valid ? null : <p className="notice">{t('invite.desk.shareNotUsable')}</p>}
      <Field
        id={`${id}-username`}
        label={t('invite.username')}
        value={username}
        onChange={setUsername}
        optional
        error={usernameError}
        input={{ autoCapitalize: 'none' }}
      />
      {takesEmail ? (
        <Field
          id={`${id}-email`}
          label={t('invite.email')}
          hint={t('invite.desk.emailHint')}
          value={email}
          onChange={setEmail}
          optional
          input={{ type: 'email' }}
        />
      ) : null}
      {link && message ? (
        <>
          <p className="matrix-id" dir="ltr" data-testid="invite-link">
            {link}
          </p>
          <p>
            <CopyButton text={link} label={t('invite.copy')} copiedLabel={t('invite.copied')} />
          </p>
          {qr === 'too-long' ? (
            <p className="hint" role="status">
              {t('invite.qrTooLong')}
            </p>
          ) : qr ? (
            <QrCode matrix={qr} label={t('invite.qr')} />
          ) : (
            <p className="hint">{t('invite.qrLoading')}</p>
          )}
          <h5>{t('invite.desk.messageHeading')}</h5>
          <p className="invite-message" data-testid="invite-message">
            {message}
          </p>
          <p>
            <CopyButton text={message} label={t('invite.desk.copyMessage')} copiedLabel={t('invite.copied')} />
          </p>
          <p className="notice">{t('invite.warning')}</p>
        </>
      ) : (
        <p className="hint" aria-live="polite">
          {problems.includes('token') ? t('invite.desk.tokenNotLinkable') : t('invite.fixFirst')}
        </p>
      )}
    </section>
  );
}

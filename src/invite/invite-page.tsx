import { useEffect, useId, useState } from 'react';
import type { AppConfig } from '../config/app-config';
import { refusedCharactersMessage } from '../features/registration/username-check';
import { useI18n } from '../i18n/i18n';
import { inviteLink, inviteProblems, linkUsername, type Invite } from './invite-link';

/**
 * Synapse's admin API request that makes a token (synapse/rest/admin/registration_tokens.py,
 * `NewRegistrationTokenRestServlet`), a value of the hint so that right-to-left text isolates it.
 */
const TOKEN_REQUEST = 'POST /_synapse/admin/v1/registration_tokens/new';

type QrMatrix = boolean[][];

/** The QR code of a link, or `too-long` when no QR code can hold it (uqr throws `Data too long`). */
type QrState = QrMatrix | 'too-long';

/**
 * The QR code library loads on this page only, and only once there is a link to draw. A token of
 * a few thousand characters makes a link no QR version holds: that is said, not left "loading"
 * with an unhandled rejection (security review 2026-12, P6).
 */
function useQrCode(text: string | undefined): QrState | undefined {
  const [matrix, setMatrix] = useState<{ text: string; data: QrState }>();
  useEffect(() => {
    if (text === undefined) return;
    let current = true;
    void import('uqr')
      .then(({ encode }) => encode(text, { border: 2 }).data)
      .then(
        (data): QrState => data,
        (): QrState => 'too-long',
      )
      .then((data) => {
        if (current) setMatrix({ text, data });
      });
    return () => {
      current = false;
    };
  }, [text]);
  return matrix !== undefined && matrix.text === text ? matrix.data : undefined;
}

function QrCode({ matrix, label }: { matrix: QrMatrix; label: string }) {
  const size = matrix.length;
  const path = matrix
    .flatMap((row, y) => row.map((dark, x) => (dark ? `M${String(x)} ${String(y)}h1v1h-1z` : '')))
    .join('');
  return (
    <svg className="qr" viewBox={`0 0 ${String(size)} ${String(size)}`} role="img" aria-label={label}>
      <rect width={size} height={size} fill="#fff" />
      <path d={path} fill="#000" />
    </svg>
  );
}

/** For admins: an invite link (and its QR code) from a registration token, to send to one person. */
export function InvitePage({ config }: { config: AppConfig }) {
  const { t, language } = useI18n();
  const id = useId();
  const [invite, setInvite] = useState<Invite>({ server: config.defaultServer, token: '', username: '', email: '' });
  const [copied, setCopied] = useState(false);
  const signupPage = new URL('./', window.location.href).href;
  // Where people may not pick a server, the sign-up page ignores `hs=` (initial-form.ts): the link
  // then names none, and the server is not asked for here.
  const withServer = config.allowCustomServers;
  const link = inviteLink(signupPage, invite, withServer);
  const qr = useQrCode(link);
  const problems = inviteProblems(invite);
  // Said at the field, as it is typed: what the sign-up page or the server would refuse later.
  const errors: Partial<Record<keyof Invite, string>> = {
    ...(problems.includes('token') ? { token: t('invite.tokenInvalid') } : {}),
    ...(problems.includes('username')
      ? { username: refusedCharactersMessage(t, language, linkUsername(invite.username)) }
      : {}),
  };
  const field = (name: keyof Invite, label: string, hint?: string, optional = false) => {
    const error = errors[name];
    const described = [hint ? `${id}-${name}-hint` : '', error ? `${id}-${name}-error` : ''].filter(Boolean);
    return (
      <div className="field">
        <label htmlFor={`${id}-${name}`}>
          {label} {optional ? <span className="hint">{t('invite.optional')}</span> : null}
        </label>
        <input
          id={`${id}-${name}`}
          value={invite[name]}
          autoComplete="off"
          spellCheck={false}
          // A server, a token, a username, an email: Latin text, left to right in any language.
          dir="ltr"
          aria-invalid={error ? true : undefined}
          aria-describedby={described.length > 0 ? described.join(' ') : undefined}
          onChange={(event) => {
            setInvite({ ...invite, [name]: event.target.value });
            setCopied(false);
          }}
        />
        {hint ? (
          <p id={`${id}-${name}-hint`} className="hint">
            {hint}
          </p>
        ) : null}
        <div aria-live="polite">
          {error ? (
            <p id={`${id}-${name}-error`} className="field-error">
              {error}
            </p>
          ) : null}
        </div>
      </div>
    );
  };
  return (
    <>
      <p>{t('invite.intro')}</p>
      {withServer ? (
        field('server', t('invite.server'), t('invite.serverHint'))
      ) : (
        <p>{t('invite.serverFixed', { server: config.defaultServer })}</p>
      )}
      {field('token', t('invite.token'), t('invite.tokenHint', { request: TOKEN_REQUEST }))}
      {field('username', t('invite.username'), undefined, true)}
      {field('email', t('invite.email'), undefined, true)}
      <h2>{t('invite.link')}</h2>
      {link ? (
        <>
          <p className="matrix-id" dir="ltr" data-testid="invite-link">
            {link}
          </p>
          <p>
            <button
              type="button"
              className="secondary"
              onClick={() => void navigator.clipboard.writeText(link).then(() => setCopied(true))}
            >
              {t('invite.copy')}
            </button>{' '}
            <span aria-live="polite">{copied ? t('invite.copied') : ''}</span>
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
          <p className="notice">{t('invite.warning')}</p>
        </>
      ) : (
        <p className="hint" aria-live="polite">
          {problems.length > 0
            ? t('invite.fixFirst')
            : withServer
              ? t('invite.incomplete')
              : t('invite.incompleteToken')}
        </p>
      )}
      <p>
        <a href={signupPage}>{t('invite.back')}</a>
      </p>
    </>
  );
}

import { useEffect, useId, useRef, type ReactNode } from 'react';
import { useI18n } from '../../i18n/i18n';
import type { AdminWorld, InviteToken } from '../../matrix/admin/desk-api';
import { formatTime } from './token-time';

export type Panel = 'share' | 'edit' | 'delete';

/** One token: its text, what matters about it in its world, and what can be done with it. */
export function TokenItem({
  token,
  world,
  open,
  focus,
  busy,
  onOpen,
  onRevoke,
  onRestore,
  children,
}: {
  token: InviteToken;
  world: AdminWorld;
  open: Panel | undefined;
  /** Move focus to this token's heading (it is new, or its panel just closed). */
  focus: boolean;
  busy: boolean;
  onOpen: (panel: Panel | undefined) => void;
  onRevoke: () => void;
  onRestore: () => void;
  children?: ReactNode;
}) {
  const { t, language } = useI18n();
  const id = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focus) heading.current?.focus();
  }, [focus]);
  const toggle = (panel: Panel) => onOpen(open === panel ? undefined : panel);
  const fact = (label: string, value: string) => (
    <div>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
  return (
    <li className="token" aria-labelledby={`${id}-token`}>
      <h3 id={`${id}-token`} ref={heading} tabIndex={-1}>
        <span className="matrix-id" dir="ltr">
          {token.token}
        </span>{' '}
        <span className={token.valid ? 'status ok' : 'status problem'}>
          {token.valid ? t('invite.desk.usable') : t('invite.desk.notUsable')}
        </span>
      </h3>
      <dl className="token-facts">
        {fact(
          t('invite.desk.usesAllowed'),
          token.usesAllowed === null ? t('invite.desk.noLimit') : String(token.usesAllowed),
        )}
        {world === 'synapse' ? (
          <>
            {fact(t('invite.desk.completed'), String(token.timesUsed))}
            {fact(t('invite.desk.pending'), String(token.pending ?? 0))}
          </>
        ) : (
          fact(t('invite.desk.timesUsed'), String(token.timesUsed))
        )}
        {fact(
          t('invite.desk.expires'),
          token.expiresAt === null ? t('invite.desk.never') : formatTime(language, token.expiresAt),
        )}
        {token.revokedAt !== null ? fact(t('invite.desk.revokedAt'), formatTime(language, token.revokedAt)) : null}
      </dl>
      <div role="group" aria-labelledby={`${id}-token`} className="token-actions">
        <button type="button" className="secondary" aria-expanded={open === 'share'} onClick={() => toggle('share')}>
          {t('invite.link')}
        </button>{' '}
        <button type="button" className="secondary" aria-expanded={open === 'edit'} onClick={() => toggle('edit')}>
          {t('invite.desk.edit')}
        </button>{' '}
        {world === 'synapse' ? (
          <button
            type="button"
            className="secondary"
            aria-expanded={open === 'delete'}
            onClick={() => toggle('delete')}
          >
            {t('invite.desk.delete')}
          </button>
        ) : token.revokedAt === null ? (
          <button type="button" className="secondary" disabled={busy} onClick={onRevoke}>
            {t('invite.desk.revoke')}
          </button>
        ) : (
          <button type="button" className="secondary" disabled={busy} onClick={onRestore}>
            {t('invite.desk.restore')}
          </button>
        )}
      </div>
      {children}
    </li>
  );
}

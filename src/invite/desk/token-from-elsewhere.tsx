import { useId, useState } from 'react';
import { useI18n } from '../../i18n/i18n';
import type { AdminWorld, InviteToken } from '../../matrix/admin/desk-api';
import { Field } from './field';
import { TokenShare } from './token-share';

/** A token the desk knows nothing of but its text: the server checks it when the account is made. */
function tokenMadeElsewhere(text: string): InviteToken {
  return {
    id: text,
    token: text,
    usesAllowed: null,
    timesUsed: 0,
    pending: null,
    expiresAt: null,
    revokedAt: null,
    createdAt: null,
    lastUsedAt: null,
    valid: true,
  };
}

/**
 * The link of a token made elsewhere, without signing in: for servers whose admin API this page
 * cannot use (Conduit, continuwuity and Tuwunel keep their tokens in the config file) or admins
 * without the rights here. What the old invite page did, kept beside the desk.
 */
export function TokenFromElsewhere({
  world,
  serverName,
  withServer,
  community,
}: {
  world: AdminWorld;
  serverName: string;
  withServer: boolean;
  community: string;
}) {
  const { t } = useI18n();
  const id = useId();
  const [text, setText] = useState('');
  const token = text.trim();
  return (
    <details className="token-elsewhere">
      <summary>{t('invite.desk.haveToken')}</summary>
      <Field
        id={`${id}-token`}
        label={t('invite.token')}
        hint={t('invite.desk.haveTokenHint')}
        value={text}
        onChange={setText}
        input={{ dir: 'ltr', autoCapitalize: 'none', spellCheck: false }}
      />
      {token === '' ? null : (
        <TokenShare
          token={tokenMadeElsewhere(token)}
          world={world}
          serverName={serverName}
          withServer={withServer}
          community={community}
        />
      )}
    </details>
  );
}

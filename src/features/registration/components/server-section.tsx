import { useId, useState, type ReactNode } from 'react';
import type { DiscoveredServer } from '../../../matrix/discovery';
import { displayServerName } from '../../../matrix/url';
import { useI18n } from '../../../i18n/i18n';
import { SERVER_FIELD_ID } from '../initial-form';

interface Props {
  input: string;
  onInput: (value: string) => void;
  allowCustom: boolean;
  suggested: string[];
  server: DiscoveredServer | undefined;
  /** Still looking for the server (the requirements card says so): no problem is shown meanwhile. */
  checking: boolean;
  /** What went wrong finding the server, worded by the page. */
  problem?: ReactNode;
}

/** Where the account will live, how to change it, and what went wrong finding it. */
export function ServerSection({ input, onInput, allowCustom, suggested, server, checking, problem }: Props) {
  const { t } = useI18n();
  const [editing, setEditing] = useState(false);
  const id = useId();
  const name = server?.serverName ?? displayServerName(input);
  return (
    <section className="server" aria-label={t('server.sectionLabel')}>
      <p>
        {t('server.hostedOn')}{' '}
        <strong data-testid="server-name" dir="ltr">
          {name}
        </strong>
        {allowCustom && !editing ? (
          <>
            {' '}
            <button type="button" className="link" onClick={() => setEditing(true)}>
              {t('server.change')}
            </button>
          </>
        ) : null}
      </p>
      {editing ? (
        <div className="field">
          <label htmlFor={SERVER_FIELD_ID}>{t('server.label')}</label>
          <input
            id={SERVER_FIELD_ID}
            // A server name or https:// address: left to right even on a right-to-left page.
            dir="ltr"
            value={input}
            onChange={(event) => onInput(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === 'Enter') {
                event.preventDefault();
                setEditing(false);
              }
            }}
            list={suggested.length > 0 ? `${id}-suggested` : undefined}
            autoComplete="url"
            autoCapitalize="none"
            spellCheck={false}
            aria-describedby={`${id}-hint`}
          />
          <p id={`${id}-hint`} className="hint">
            {t('server.hint')}
          </p>
          {suggested.length > 0 ? (
            <datalist id={`${id}-suggested`}>
              {suggested.map((option) => (
                <option key={option} value={option} />
              ))}
            </datalist>
          ) : null}
          <p>
            <button type="button" className="secondary" onClick={() => setEditing(false)}>
              {t('server.use')}
            </button>
          </p>
        </div>
      ) : null}
      {checking ? null : problem}
    </section>
  );
}

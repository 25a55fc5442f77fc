import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
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
  // The server before "Change server": Escape puts it back.
  const [before, setBefore] = useState(input);
  const id = useId();
  // Focus follows the change: into the field when it opens, back to "Change server" when it
  // closes (the button that had focus is gone either way; focus fell to `<body>`, audit item 3).
  const field = useRef<HTMLInputElement>(null);
  const change = useRef<HTMLButtonElement>(null);
  const toggled = useRef(false);
  useEffect(() => {
    if (!toggled.current) return;
    if (editing) field.current?.focus();
    else change.current?.focus();
  }, [editing]);
  const open = () => {
    toggled.current = true;
    setBefore(input);
    setEditing(true);
  };
  const close = () => {
    toggled.current = true;
    setEditing(false);
  };
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
            <button type="button" className="link" ref={change} onClick={open}>
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
            ref={field}
            // A server name or https:// address: left to right even on a right-to-left page.
            dir="ltr"
            value={input}
            onChange={(event) => onInput(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === 'Enter') {
                event.preventDefault();
                close();
              } else if (event.key === 'Escape') {
                // Cancels the change: the server before it, as if nothing was typed.
                event.preventDefault();
                onInput(before);
                close();
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
            <button type="button" className="secondary" onClick={close}>
              {t('server.use')}
            </button>
          </p>
        </div>
      ) : null}
      {checking ? null : problem}
    </section>
  );
}

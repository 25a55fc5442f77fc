import { useId, useState } from 'react';
import type { DiscoveredServer } from '../../../matrix/discovery';
import { displayServerName } from '../../../matrix/url';
import { messages } from '../../../messages/form';
import type { PageError } from '../page-error';
import { FormError } from './form-error';

interface Props {
  input: string;
  onInput: (value: string) => void;
  allowCustom: boolean;
  suggested: string[];
  server: DiscoveredServer | undefined;
  checking: boolean;
  error: PageError | null;
  onRetry: () => void;
}

/** Where the account will live, how to change it, and what went wrong finding it. */
export function ServerSection({ input, onInput, allowCustom, suggested, server, checking, error, onRetry }: Props) {
  const [editing, setEditing] = useState(false);
  const id = useId();
  const name = server?.serverName ?? displayServerName(input);
  return (
    <section className="server" aria-label={messages.server.sectionLabel}>
      <p>
        {messages.server.hostedOn} <strong data-testid="server-name">{name}</strong>
        {allowCustom && !editing ? (
          <>
            {' '}
            <button type="button" className="link" onClick={() => setEditing(true)}>
              {messages.server.change}
            </button>
          </>
        ) : null}
      </p>
      {editing ? (
        <div className="field">
          <label htmlFor={`${id}-input`}>{messages.server.label}</label>
          <input
            id={`${id}-input`}
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
            {messages.server.hint}. {messages.server.whatIsThis}
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
              {messages.server.use}
            </button>
          </p>
        </div>
      ) : null}
      <div aria-live="polite">{checking && name ? <p className="hint">{messages.server.checking(name)}</p> : null}</div>
      {!checking && error ? <FormError error={error} onRetry={onRetry} /> : null}
    </section>
  );
}

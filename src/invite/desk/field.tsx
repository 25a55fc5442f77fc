import type { InputHTMLAttributes, Ref } from 'react';
import { useI18n } from '../../i18n/i18n';

export interface FieldProps {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  hint?: string;
  /** What is wrong with the value, said under it and announced (a live region). */
  error?: string;
  /** The server's own words on it, as text. */
  serverMessage?: string;
  optional?: boolean;
  inputRef?: Ref<HTMLInputElement>;
  input?: Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'value' | 'onChange'>;
}

/** A labelled input with its hint and its error tied to it (`aria-describedby`), as the sign-up form has them. */
export function Field({
  id,
  label,
  value,
  onChange,
  hint,
  error,
  serverMessage,
  optional,
  inputRef,
  input,
}: FieldProps) {
  const { t } = useI18n();
  const described = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean);
  return (
    <div className="field">
      <label htmlFor={id}>
        {label} {optional ? <span className="hint">{t('invite.optional')}</span> : null}
      </label>
      <input
        id={id}
        ref={inputRef}
        value={value}
        // Tokens, names, addresses: Latin text, left to right in any language.
        dir="ltr"
        spellCheck={false}
        autoComplete="off"
        {...input}
        aria-invalid={error ? true : undefined}
        aria-describedby={described.length > 0 ? described.join(' ') : undefined}
        onChange={(event) => onChange(event.target.value)}
      />
      {hint ? (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      ) : null}
      <div aria-live="polite">
        {error ? (
          <p id={`${id}-error`} className="field-error">
            {error}
            {serverMessage ? <ServerSaid message={serverMessage} /> : null}
          </p>
        ) : null}
      </div>
    </div>
  );
}

/** The server's own words, as text, isolated so that its direction does not scramble ours. */
export function ServerSaid({ message }: { message: string }) {
  const { t } = useI18n();
  return (
    <>
      {' '}
      {t('invite.desk.serverSaid')} <bdi>{message}</bdi>
    </>
  );
}

import { useId, useRef, useState } from 'react';
import { useI18n } from '../../i18n/i18n';
import type { InviteToken, TokenChange, TokenDraft } from '../../matrix/admin/desk-api';
import { TOKEN_PATTERN } from '../invite-link';
import { Field } from './field';
import { FormProblem } from './form-problem';
import { wordProblem, type AdminPlace, type WordedProblem } from './problem-words';
import { dayOf, endOfDay } from './token-time';

type FormField = 'token' | 'usesAllowed' | 'expiresAt';

/** A whole number of sign-ups, at least one; empty is no limit. */
function usesOf(typed: string): number | null | 'invalid' {
  const text = typed.trim();
  if (text === '') return null;
  if (!/^\d{1,9}$/.test(text) || Number(text) < 1) return 'invalid';
  return Number(text);
}

/**
 * Making a token (random or chosen text, uses, expiry) or changing one's uses and expiry. What the
 * page can tell is wrong is said before sending; what the server refuses is said at its field.
 */
export function TokenForm({
  place,
  editing,
  onSubmit,
  onDone,
  onCancel,
  onProblem,
}: {
  place: AdminPlace;
  /** The token to change; absent to make a new one. */
  editing?: InviteToken;
  onSubmit: (request: { draft: TokenDraft } | { change: TokenChange }) => Promise<InviteToken>;
  onDone: (token: InviteToken) => void;
  onCancel: () => void;
  /** A failure the form does not word itself (the session ended, the token is gone): true when taken. */
  onProblem: (error: unknown) => boolean;
}) {
  const { t } = useI18n();
  const id = useId();
  const initialUses = editing ? (editing.usesAllowed === null ? '' : String(editing.usesAllowed)) : '1';
  const initialDay = editing?.expiresAt != null ? dayOf(editing.expiresAt) : '';
  const [random, setRandom] = useState(true);
  const [text, setText] = useState('');
  const [uses, setUses] = useState(initialUses);
  const [day, setDay] = useState(initialDay);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<WordedProblem>();
  const tokenInput = useRef<HTMLInputElement>(null);
  const usesInput = useRef<HTMLInputElement>(null);
  const expiryInput = useRef<HTMLInputElement>(null);

  /** What the page can tell is wrong before sending, or the values to send. */
  const read = (): WordedProblem | { usesAllowed: number | null; expiresAt: number | null } => {
    if (!editing && !random) {
      if (text.trim() === '') return { field: 'token', messages: [{ id: 'invite.desk.tokenMissing' }] };
      if (!TOKEN_PATTERN.test(text.trim())) return { field: 'token', messages: [{ id: 'invite.tokenInvalid' }] };
    }
    const usesAllowed = usesOf(uses);
    if (usesAllowed === 'invalid') return { field: 'usesAllowed', messages: [{ id: 'invite.desk.usesInvalid' }] };
    const expiresAt = day === '' ? null : endOfDay(day);
    if (expiresAt === undefined) return { field: 'expiresAt', messages: [{ id: 'invite.desk.expiryInvalid' }] };
    return { usesAllowed, expiresAt };
  };

  const show = (worded: WordedProblem) => {
    setProblem(worded);
    const field = worded.field;
    const input = { token: tokenInput, usesAllowed: usesInput, expiresAt: expiryInput };
    if (field === 'token' || field === 'usesAllowed' || field === 'expiresAt') input[field].current?.focus();
  };

  const submit = () => {
    if (busy) return;
    const values = read();
    if ('messages' in values) return show(values);
    setProblem(undefined);
    const { usesAllowed, expiresAt } = values;
    let request: { draft: TokenDraft } | { change: TokenChange };
    if (editing) {
      // Only what was changed: an untouched expiry keeps its exact time, not the end of its day.
      request = {
        change: {
          ...(uses !== initialUses ? { usesAllowed } : {}),
          ...(day !== initialDay ? { expiresAt } : {}),
        },
      };
    } else {
      request = { draft: { ...(random ? {} : { token: text.trim() }), usesAllowed, expiresAt } };
    }
    setBusy(true);
    onSubmit(request).then(onDone, (error: unknown) => {
      setBusy(false);
      if (!onProblem(error)) show(wordProblem(error, place));
    });
  };

  const errorAt = (field: FormField) =>
    problem?.field === field ? problem.messages.map((message) => t(message.id, message.values)).join(' ') : undefined;
  const saidAt = (field: FormField) => (problem?.field === field ? problem.serverMessage : undefined);
  const formProblem =
    problem && !(problem.field === 'token' || problem.field === 'usesAllowed' || problem.field === 'expiresAt')
      ? problem
      : undefined;
  const heading = editing ? t('invite.desk.editHeading', { token: editing.token }) : t('invite.desk.createHeading');

  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
      noValidate
      aria-label={heading}
      className="token-form"
    >
      <FormProblem problem={formProblem} />
      {editing ? null : (
        <fieldset>
          <legend>{t('invite.token')}</legend>
          <label>
            <input type="radio" name={`${id}-text`} checked={random} onChange={() => setRandom(true)} />{' '}
            {t('invite.desk.tokenRandom')}
          </label>
          <label>
            <input type="radio" name={`${id}-text`} checked={!random} onChange={() => setRandom(false)} />{' '}
            {t('invite.desk.tokenChosen')}
          </label>
          {random ? null : (
            <Field
              id={`${id}-token`}
              label={t('invite.desk.tokenText')}
              value={text}
              onChange={setText}
              error={errorAt('token')}
              serverMessage={saidAt('token')}
              inputRef={tokenInput}
            />
          )}
          {random && problem?.field === 'token' ? (
            <p className="field-error" role="alert">
              {errorAt('token')}
            </p>
          ) : null}
        </fieldset>
      )}
      <Field
        id={`${id}-uses`}
        label={t('invite.desk.usesAllowed')}
        hint={t('invite.desk.usesHint')}
        value={uses}
        onChange={setUses}
        error={errorAt('usesAllowed')}
        serverMessage={saidAt('usesAllowed')}
        inputRef={usesInput}
        input={{ inputMode: 'numeric' }}
      />
      <Field
        id={`${id}-expiry`}
        label={t('invite.desk.expiresOn')}
        hint={t('invite.desk.expiryHint')}
        value={day}
        onChange={setDay}
        error={errorAt('expiresAt')}
        serverMessage={saidAt('expiresAt')}
        inputRef={expiryInput}
        input={{ type: 'date' }}
      />
      <p>
        <button type="submit" disabled={busy} aria-disabled={busy}>
          {editing ? t('invite.desk.save') : t('invite.desk.create')}
        </button>{' '}
        <button type="button" className="secondary" onClick={onCancel}>
          {t('invite.desk.cancel')}
        </button>
      </p>
    </form>
  );
}

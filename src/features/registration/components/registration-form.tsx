import { useState } from 'react';
import type { UseFormReturn } from 'react-hook-form';
import type { Need } from '../../../matrix/flow';
import type { PasswordPolicy } from '../../../matrix/requirements';
import { fullUserId } from '../../../matrix/user-id';
import { messages } from '../../../messages/form';
import { passwordRules, passwordStrength } from '../password-rules';
import type { PageError } from '../page-error';
import type { RegistrationValues } from '../registration-schema';
import { ErrorSummary, type SummaryItem } from './error-summary';
import { FormError } from './form-error';
import { StepHeading } from './step-heading';

export const FIELD_IDS: Record<keyof RegistrationValues, string> = {
  username: 'field-username',
  password: 'field-password',
  confirm: 'field-confirm',
  email: 'field-email',
  bindEmail: 'field-bind-email',
  token: 'field-token',
};

export interface FieldStatus {
  tone: 'info' | 'ok' | 'problem';
  text: string;
}

interface Props {
  form: UseFormReturn<RegistrationValues>;
  serverName: string;
  email: Need;
  token: Need;
  policy: PasswordPolicy | undefined;
  usernameStatus: FieldStatus | undefined;
  tokenStatus: FieldStatus | undefined;
  lowercased: boolean;
  onUsernameInput: (value: string) => void;
  pending: boolean;
  blocked: boolean;
  error: PageError | undefined;
  /** Back from a later step: the heading takes focus. On first load focus stays where the browser put it. */
  focusHeading: boolean;
  onRetry: () => void;
  onSubmit: (values: RegistrationValues) => void;
  stepTotal: number;
}

export function RegistrationForm(props: Props) {
  const { form, serverName, email, token, policy, pending, blocked, error, stepTotal } = props;
  const { errors, submitCount } = form.formState;
  const [showPassword, setShowPassword] = useState(false);
  const username = form.watch('username');
  const password = form.watch('password');
  const rules = passwordRules(policy);
  const strength = passwordStrength(password, username);

  const summary: SummaryItem[] = (Object.keys(FIELD_IDS) as (keyof RegistrationValues)[]).flatMap((name) => {
    const message = errors[name]?.message;
    return message ? [{ fieldId: FIELD_IDS[name], message }] : [];
  });
  const describedBy = (name: keyof RegistrationValues, ...more: (string | false | undefined)[]) =>
    [errors[name] ? `${FIELD_IDS[name]}-error` : undefined, ...more].filter(Boolean).join(' ') || undefined;
  const fieldError = (name: keyof RegistrationValues) =>
    errors[name]?.message ? (
      <p id={`${FIELD_IDS[name]}-error`} className="field-error">
        {errors[name].message}
      </p>
    ) : null;
  // An error about a field this server's form does not show (email, token) is shown for the form.
  const fieldShown = (field: string) =>
    field === 'email' ? email !== 'none' : field === 'token' ? token !== 'none' : true;
  const needLabel = (name: keyof RegistrationValues, text: string, need: Need) => (
    <label htmlFor={FIELD_IDS[name]}>
      {text} <span className="hint">{need === 'required' ? messages.required : messages.optional}</span>
    </label>
  );
  const status = (id: string, value: FieldStatus | undefined) => (
    <p id={id} className={`status ${value?.tone ?? ''}`} aria-live="polite">
      {value?.text}
    </p>
  );

  return (
    <form noValidate onSubmit={form.handleSubmit(props.onSubmit)} aria-busy={pending}>
      <StepHeading title={messages.formHeading} position={1} total={stepTotal} focus={props.focusHeading} />
      <ErrorSummary items={summary} attempt={submitCount} />
      {error && (error.field === 'form' || !fieldShown(error.field)) ? (
        <FormError key={`${error.code}-${submitCount}`} error={error} onRetry={props.onRetry} />
      ) : null}

      <div className="field">
        <label htmlFor={FIELD_IDS.username}>{messages.username.label}</label>
        <input
          id={FIELD_IDS.username}
          autoComplete="username"
          autoCapitalize="none"
          autoCorrect="off"
          spellCheck={false}
          aria-invalid={errors.username ? true : undefined}
          aria-describedby={describedBy(
            'username',
            'username-preview',
            'username-status',
            props.lowercased && 'username-lowercased',
          )}
          {...form.register('username', {
            onChange: (event: { target: { value: string } }) => props.onUsernameInput(event.target.value),
          })}
        />
        {fieldError('username')}
        {props.lowercased ? (
          <p id="username-lowercased" className="hint">
            {messages.username.lowercased}
          </p>
        ) : null}
        <p id="username-preview" className="hint">
          {messages.username.preview} <span className="matrix-id">{fullUserId(username || '…', serverName)}</span>
        </p>
        {status('username-status', props.usernameStatus)}
      </div>

      <div className="field">
        <label htmlFor={FIELD_IDS.password}>{messages.password.label}</label>
        {rules.length > 0 ? (
          <div id="password-rules">
            <p className="hint">{messages.password.policyHeading}</p>
            <ul className="rules">
              {rules.map((rule) => {
                const met = rule.met(password);
                return (
                  <li key={rule.text} className={met ? 'met' : undefined}>
                    <span aria-hidden="true">{met ? '✓ ' : '○ '}</span>
                    {rule.text}
                    <span className="visually-hidden">
                      {' '}
                      ({met ? messages.password.ruleMet : messages.password.ruleUnmet})
                    </span>
                  </li>
                );
              })}
            </ul>
          </div>
        ) : null}
        <input
          id={FIELD_IDS.password}
          type={showPassword ? 'text' : 'password'}
          autoComplete="new-password"
          aria-invalid={errors.password ? true : undefined}
          aria-describedby={describedBy('password', rules.length > 0 && 'password-rules', 'password-strength')}
          {...form.register('password')}
        />
        {fieldError('password')}
        <div className="strength" aria-hidden="true">
          <div
            className={`strength-bar level-${strength}`}
            style={{ width: `${password ? (strength + 1) * 20 : 0}%` }}
          />
        </div>
        <p id="password-strength" className="hint" aria-live="polite">
          {password ? `${messages.password.strengthLabel}: ${messages.password.strength[strength] ?? ''}` : ''}
        </p>
      </div>

      <div className="field">
        <label htmlFor={FIELD_IDS.confirm}>{messages.password.confirmLabel}</label>
        <input
          id={FIELD_IDS.confirm}
          type={showPassword ? 'text' : 'password'}
          autoComplete="new-password"
          aria-invalid={errors.confirm ? true : undefined}
          aria-describedby={describedBy('confirm')}
          {...form.register('confirm')}
        />
        {fieldError('confirm')}
      </div>
      <div className="field checkbox">
        <input
          id="field-show-password"
          type="checkbox"
          checked={showPassword}
          onChange={(event) => setShowPassword(event.target.checked)}
        />
        <label htmlFor="field-show-password">{messages.password.show}</label>
      </div>

      {email !== 'none' ? (
        <>
          <div className="field">
            {needLabel('email', messages.email.label, email)}
            <input
              id={FIELD_IDS.email}
              type="email"
              autoComplete="email"
              aria-required={email === 'required'}
              aria-invalid={errors.email ? true : undefined}
              aria-describedby={describedBy('email', 'email-hint')}
              {...form.register('email')}
            />
            <p id="email-hint" className="hint">
              {messages.email.hint}
            </p>
            {fieldError('email')}
          </div>
          <div className="field checkbox">
            <input id={FIELD_IDS.bindEmail} type="checkbox" {...form.register('bindEmail')} />
            <label htmlFor={FIELD_IDS.bindEmail}>{messages.email.bind}</label>
          </div>
        </>
      ) : null}

      {token !== 'none' ? (
        <div className="field">
          {needLabel('token', messages.token.label, token)}
          <input
            id={FIELD_IDS.token}
            autoComplete="off"
            autoCapitalize="none"
            spellCheck={false}
            aria-required={token === 'required'}
            aria-invalid={errors.token ? true : undefined}
            aria-describedby={describedBy('token', 'token-hint', 'token-status')}
            {...form.register('token')}
          />
          <p id="token-hint" className="hint">
            {messages.token.hint}
          </p>
          {fieldError('token')}
          {status('token-status', props.tokenStatus)}
        </div>
      ) : null}

      <button type="submit" disabled={pending || blocked}>
        {pending ? messages.submitting : messages.submit}
      </button>
    </form>
  );
}

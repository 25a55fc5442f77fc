import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useId } from 'react';
import { useForm } from 'react-hook-form';
import { messages } from '../../messages';
import { describeError } from './describe-error';
import { registrationSchema, type RegistrationValues } from './registration-schema';

interface Props {
  serverLabel: string;
  pending: boolean;
  error: unknown;
  onSubmit: (values: RegistrationValues) => void;
}

export function RegistrationForm({ serverLabel, pending, error, onSubmit }: Props) {
  const id = useId();
  const form = useForm<RegistrationValues>({
    resolver: zodResolver(registrationSchema),
    defaultValues: { username: '', password: '', bindEmail: false },
  });
  const { errors } = form.formState;
  const serverError = error ? describeError(error) : undefined;

  // A server error about one field belongs to that field, and focus goes there.
  useEffect(() => {
    if (serverError?.field) {
      form.setError(serverError.field, { type: 'server', message: serverError.message }, { shouldFocus: true });
    }
  }, [error]); // eslint-disable-line react-hooks/exhaustive-deps -- once per new server error

  const fieldError = (name: keyof RegistrationValues) => {
    const message = errors[name]?.message;
    return message ? (
      <p id={`${id}-${name}-error`} className="field-error" role="alert">
        {message}
      </p>
    ) : null;
  };
  const describedBy = (name: keyof RegistrationValues) => (errors[name] ? `${id}-${name}-error` : undefined);

  return (
    <form noValidate onSubmit={form.handleSubmit(onSubmit)} aria-busy={pending}>
      <h1>{messages.appTitle}</h1>
      <p>{messages.serverLine(serverLabel)}</p>

      {serverError && !serverError.field ? (
        <div className="form-error" role="alert">
          <p>{serverError.message}</p>
          {serverError.details ? (
            <details>
              <summary>{messages.errors.details}</summary>
              <code>{serverError.details}</code>
            </details>
          ) : null}
        </div>
      ) : null}

      <div className="field">
        <label htmlFor={`${id}-username`}>{messages.username.label}</label>
        <input
          id={`${id}-username`}
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          aria-invalid={errors.username ? true : undefined}
          aria-describedby={describedBy('username')}
          {...form.register('username')}
        />
        {fieldError('username')}
      </div>

      <div className="field">
        <label htmlFor={`${id}-password`}>{messages.password.label}</label>
        <input
          id={`${id}-password`}
          type="password"
          autoComplete="new-password"
          aria-invalid={errors.password ? true : undefined}
          aria-describedby={describedBy('password')}
          {...form.register('password')}
        />
        {fieldError('password')}
      </div>

      <div className="field checkbox">
        <input id={`${id}-bind-email`} type="checkbox" {...form.register('bindEmail')} />
        <label htmlFor={`${id}-bind-email`}>{messages.bindEmail.label}</label>
      </div>

      <button type="submit" disabled={pending}>
        {pending ? messages.submitting : messages.submit}
      </button>
    </form>
  );
}

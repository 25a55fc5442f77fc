import { useState, type ReactNode } from 'react';
import { flushSync } from 'react-dom';
import type { Need } from '../../../matrix/flow';
import type { PasswordPolicy } from '../../../matrix/requirements';
import type { MessageId } from '../../../i18n/catalogs';
import { useI18n } from '../../../i18n/i18n';
import { fullUserId, LOCALPART_PATTERN } from '../../../matrix/user-id';
import { passwordRules, passwordStrength } from '../password-rules';
import { refusedCharactersMessage } from '../username-check';
import { FIELD_IDS, type FieldName, type FormBinding } from '../form-binding';
import { ErrorSummary, type SummaryItem } from './error-summary';
import { MatrixIdText } from './matrix-id-text';
import { StepHeading } from './step-heading';

export { FIELD_IDS };

export interface FieldStatus {
  tone: 'info' | 'ok' | 'problem';
  text: string;
}

interface Props {
  binding: FormBinding;
  /** The name after `:` in user IDs; undefined when the server has not said. */
  userIdDomain: string | undefined;
  /** The server is still being looked for: its name may yet come (the preview keeps one line meanwhile). */
  userIdDomainPending: boolean;
  /** Too long for this server's user IDs, by the form's own measure: the preview shows no ID. */
  usernameTooLong?: boolean;
  email: Need;
  /**
   * "Let people who know this email address find me": only where the server keeps `bind_email`
   * (`keepsBindEmail`); elsewhere it would promise what no server does (docs/decisions/017).
   */
  offerBindEmail: boolean;
  token: Need;
  policy: PasswordPolicy | undefined;
  usernameStatus: FieldStatus | undefined;
  tokenStatus: FieldStatus | undefined;
  lowercased: boolean;
  onUsernameInput: (value: string) => void;
  pending: boolean;
  blocked: boolean;
  /**
   * Why "Create account" cannot be used yet, said next to it (audit 2026-12 item 6: the reason was
   * far above, off screen on a phone). Undefined while nothing blocks it.
   */
  blockedReason?: string;
  /**
   * The reason is said only once "Create account" is pressed: while the server is first looked for
   * (a moment, already said in the requirements card), a line that came and went under the button
   * would shift the page below it, the footer, as the prerendered form comes to life.
   */
  reasonOnceAsked?: boolean;
  /** Said under the username after a full ID was pasted: what was kept, and the server it named. */
  usernameNote?: ReactNode;
  /** A problem with the whole form (or a field it does not show), worded by the page. */
  problem?: ReactNode;
  /** Back from a later step: the heading takes focus. On first load focus stays where the browser put it. */
  focusHeading: boolean;
  stepTotal: number;
}

/** What the error summary calls each field: its label, so that the problem itself is said once, at the field. */
const FIELD_LABELS: Record<FieldName, MessageId> = {
  username: 'username.label',
  password: 'password.label',
  confirm: 'password.confirmLabel',
  email: 'email.label',
  bindEmail: 'email.bind',
  token: 'token.label',
};

export function RegistrationForm(props: Props) {
  const { binding, userIdDomain, email, token, policy, pending, blocked, stepTotal } = props;
  const [asked, setAsked] = useState(false);
  const reason = blocked && (!props.reasonOnceAsked || asked) ? props.blockedReason : undefined;
  const { t, language } = useI18n();
  const { errors, submitCount } = binding;
  const [showPassword, setShowPassword] = useState(false);
  const username = binding.value('username');
  const password = binding.value('password');
  const rules = passwordRules(policy);
  const strength = passwordStrength(password, username);

  // Field errors hold message IDs: they are worded here, in the page's language of the moment.
  const errorText = (name: FieldName) => {
    const id = errors[name]?.message as MessageId | undefined;
    if (!id) return undefined;
    return id === 'username.badCharacters' ? refusedCharactersMessage(t, language, username) : t(id);
  };
  const summary: SummaryItem[] = (Object.keys(FIELD_IDS) as FieldName[]).flatMap((name) =>
    errors[name]?.message ? [{ fieldId: FIELD_IDS[name], label: t(FIELD_LABELS[name]) }] : [],
  );
  const describedBy = (name: FieldName, ...more: (string | false | undefined)[]) =>
    [errors[name] ? `${FIELD_IDS[name]}-error` : undefined, ...more].filter(Boolean).join(' ') || undefined;
  const fieldError = (name: FieldName) => {
    const text = errorText(name);
    return text ? (
      <p id={`${FIELD_IDS[name]}-error`} className="field-error">
        {text}
      </p>
    ) : null;
  };
  // `either`: the token or the email is needed, and this field is one of the two (continuwuity).
  const needHint = (field: 'email' | 'token', need: Need): MessageId =>
    need === 'required'
      ? 'common.required'
      : need === 'either'
        ? field === 'token'
          ? 'token.either'
          : 'email.either'
        : 'common.optional';
  const needLabel = (field: 'email' | 'token', text: string, need: Need) => (
    <label htmlFor={FIELD_IDS[field]}>
      {text} <span className="hint">{t(needHint(field, need))}</span>
    </label>
  );
  const status = (id: string, value: FieldStatus | undefined) => (
    <p id={id} className={`status ${value?.tone ?? ''}`} aria-live="polite">
      {value?.text}
    </p>
  );

  return (
    <form
      className="signup-form"
      noValidate
      onSubmit={(event) => {
        // "Create account" stays focusable while it cannot act (aria-disabled, not disabled): a
        // disabled button dropped focus to `<body>` while the request ran, and hid its reason from
        // keyboard users. Pressed then, it sends nothing and goes to the problem instead.
        if (pending || blocked) {
          event.preventDefault();
          if (!pending) flushSync(() => setAsked(true));
          if (!pending) firstProblem()?.focus();
          return;
        }
        binding.onSubmit(event);
      }}
      aria-busy={pending}
    >
      <StepHeading title={t('form.heading')} position={1} total={stepTotal} focus={props.focusHeading} />
      <ErrorSummary items={summary} attempt={submitCount} />
      {props.problem}

      <div className="field">
        <label htmlFor={FIELD_IDS.username}>{t('username.label')}</label>
        <input
          id={FIELD_IDS.username}
          // IDs, addresses and tokens are Latin text: left to right even on a right-to-left page,
          // so that a typed `@ana:example.org` keeps its order and the caret moves as it should.
          dir="ltr"
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
            props.usernameNote !== undefined && 'username-note',
          )}
          {...binding.field('username', { onChange: props.onUsernameInput })}
        />
        {fieldError('username')}
        {props.lowercased ? (
          <p id="username-lowercased" className="hint">
            {t('username.lowercased')}
          </p>
        ) : null}
        {props.usernameNote !== undefined ? (
          <div id="username-note" className="hint">
            {props.usernameNote}
          </div>
        ) : null}
        <UserIdPreview
          username={username}
          domain={userIdDomain}
          pending={props.userIdDomainPending}
          tooLong={props.usernameTooLong ?? false}
        />
        {/* One problem, one message: once the field has an error, the live line says nothing more. */}
        {status('username-status', errors.username ? undefined : props.usernameStatus)}
      </div>

      <div className="field">
        <label htmlFor={FIELD_IDS.password}>{t('password.label')}</label>
        {rules.length > 0 ? (
          <div id="password-rules">
            <p className="hint">{t('password.policyHeading')}</p>
            <ul className="rules">
              {rules.map((rule) => {
                const met = rule.met(password);
                return (
                  <li key={rule.message.id} className={met ? 'met' : undefined}>
                    <span aria-hidden="true">{met ? '✓ ' : '○ '}</span>
                    {t(rule.message.id, rule.message.values)}
                    <span className="visually-hidden"> ({met ? t('password.ruleMet') : t('password.ruleUnmet')})</span>
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
          {...binding.field('password')}
        />
        {fieldError('password')}
        <div className="strength" aria-hidden="true">
          {/* Widths by class: a style attribute in the prerendered HTML would break the page's CSP. */}
          <div className={password ? `strength-bar level-${strength}` : 'strength-bar'} />
        </div>
        <p id="password-strength" className="hint" aria-live="polite">
          {password ? t('password.strength', { level: strength }) : ''}
        </p>
      </div>

      <div className="field">
        <label htmlFor={FIELD_IDS.confirm}>{t('password.confirmLabel')}</label>
        <input
          id={FIELD_IDS.confirm}
          type={showPassword ? 'text' : 'password'}
          autoComplete="new-password"
          aria-invalid={errors.confirm ? true : undefined}
          aria-describedby={describedBy('confirm')}
          {...binding.field('confirm')}
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
        <label htmlFor="field-show-password">{t('password.show')}</label>
      </div>

      {email !== 'none' ? (
        <>
          <div className="field">
            {needLabel('email', t('email.label'), email)}
            <input
              id={FIELD_IDS.email}
              type="email"
              dir="ltr"
              autoComplete="email"
              aria-required={email === 'required'}
              aria-invalid={errors.email ? true : undefined}
              aria-describedby={describedBy('email', 'email-hint')}
              {...binding.field('email')}
            />
            <p id="email-hint" className="hint">
              {t('email.hint')}
            </p>
            {fieldError('email')}
          </div>
          {props.offerBindEmail ? (
            <div className="field checkbox">
              <input id={FIELD_IDS.bindEmail} type="checkbox" {...binding.field('bindEmail')} />
              <label htmlFor={FIELD_IDS.bindEmail}>{t('email.bind')}</label>
            </div>
          ) : null}
        </>
      ) : null}

      {token !== 'none' ? (
        <div className="field">
          {needLabel('token', t('token.label'), token)}
          <input
            id={FIELD_IDS.token}
            dir="ltr"
            autoComplete="off"
            autoCapitalize="none"
            spellCheck={false}
            aria-required={token === 'required'}
            aria-invalid={errors.token ? true : undefined}
            aria-describedby={describedBy('token', 'token-hint', 'token-status')}
            {...binding.field('token')}
          />
          <p id="token-hint" className="hint">
            {t('token.hint')}
          </p>
          {fieldError('token')}
          {status('token-status', errors.token ? undefined : props.tokenStatus)}
        </div>
      ) : null}

      <button
        type="submit"
        aria-disabled={pending || blocked ? true : undefined}
        aria-describedby={reason ? 'submit-reason' : undefined}
      >
        {pending ? t('form.submitting') : t('form.submit')}
      </button>
      {reason ? (
        <p id="submit-reason" className="hint" tabIndex={-1}>
          {reason}
        </p>
      ) : null}
    </form>
  );
}

/** Where a blocked submit sends focus: the problem box above (a 429, a server not found), else the reason. */
function firstProblem(): HTMLElement | null {
  return document.querySelector<HTMLElement>('.form-error[tabindex]') ?? document.getElementById('submit-reason');
}

/**
 * The full Matrix ID this name will have, or no guess: an impossible name previews nothing, a
 * server that has not said its name gets a sentence instead of a made-up domain, and one still
 * being looked for an ellipsis (so that the line does not grow and shrink again as it answers).
 */
function UserIdPreview({
  username,
  domain,
  pending,
  tooLong,
}: {
  username: string;
  domain: string | undefined;
  pending: boolean;
  tooLong: boolean;
}) {
  const { t } = useI18n();
  // Never an ID the server could not give: a name it refuses, or one too long for it, shows as `…`.
  const shown = LOCALPART_PATTERN.test(username) && !tooLong ? username : '…';
  // Another ID is new text, not the old one moved: keyed by it, the server's half is not a layout
  // shift when a name typed before the script ran shows up long after the key was pressed.
  const shownId = fullUserId(shown, domain ?? '…');
  return (
    <p id="username-preview" className="hint">
      {domain === undefined && !pending ? (
        // `@` and the name as one value: isolated together, so that Arabic shows `@ana`, not `ana@`.
        t('username.previewUnknown', { userIdStart: `@${shown}` })
      ) : (
        <>
          {t('username.preview')} <MatrixIdText key={shownId} id={shownId} />
        </>
      )}
    </p>
  );
}

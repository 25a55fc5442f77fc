import type { OAuthConfig } from '../config.js';
import { policyList } from '../fallback.js';
import type { MockHomeserver } from '../homeserver.js';
import { page } from '../pages.js';
import { escapeHtml, html, type ModelResponse } from '../response.js';
import { enhancementScript } from './enhance.js';
import type { AuthorizationRequest } from './state.js';
import { own } from '../records.js';
import { wordsFor } from './page-words.js';

/** What was typed, given back so that nobody types it twice. */
export interface FormValues {
  username?: string;
  email?: string;
  token?: string;
}
/** One message per field with a problem; `form` for what is about the page as a whole. */
export type FieldErrors = Partial<
  Record<'username' | 'password' | 'passwordConfirm' | 'email' | 'terms' | 'code' | 'token' | 'form', string>
>;

/** What every page of one authorization request is drawn from. */
export interface PageContext {
  homeserver: MockHomeserver;
  oauth: OAuthConfig;
  pending: AuthorizationRequest;
}

/**
 * The OAuth server's own pages: they are the server's, not the app's. Plain forms, that work
 * without script, in the language the authorization request chose (page-words.ts); error pages
 * before a request exists stay in English, like the rest of the server's pages.
 */
export function errorPage(title: string, text: string, status = 400): ModelResponse {
  return html(page(title, `<p>${escapeHtml(text)}</p>`), status);
}

export function signUpPage(context: PageContext, values: FormValues = {}, errors: FieldErrors = {}): ModelResponse {
  const { homeserver, oauth, pending } = context;
  const { config } = homeserver;
  const { words } = wordsFor(pending.language);
  const focus = firstProblem(errors, ['username', 'password', 'passwordConfirm', 'email', 'terms']);
  const username = values.username ?? pending.usernameHint ?? '';
  // The ID preview, kept up to date by the page's script as the person types (enhance.ts); isolated,
  // so that a right-to-left page does not reorder `@name:server`.
  const preview = `<bdi dir="ltr" id="username-preview" data-server-name="${escapeHtml(config.serverName)}">@${escapeHtml(username === '' ? '…' : username.toLowerCase())}:${escapeHtml(config.serverName)}</bdi>`;
  const fields = [
    field({
      name: 'username',
      label: words.username,
      value: username,
      attributes: `dir="ltr" autocomplete="username" autocapitalize="none" spellcheck="false" required data-availability-url="${escapeHtml(`${oauth.issuer}username-available`)}"`,
      hintHtml: words.usernameHint(preview),
      error: errors.username,
      focus: focus === 'username',
      // The page's script says here, as you type, whether the name is free.
      live: true,
    }),
    field({
      name: 'password',
      label: words.password,
      type: 'password',
      attributes: 'autocomplete="new-password" required',
      error: errors.password,
      focus: focus === 'password',
    }),
    // MAS asks for the password twice (templates/pages/register/password.html:48-54, `password_confirm`).
    field({
      name: 'password_confirm',
      label: words.passwordConfirm,
      type: 'password',
      attributes: 'autocomplete="new-password" required',
      error: errors.passwordConfirm,
      focus: focus === 'passwordConfirm',
    }),
    config.email === 'off'
      ? ''
      : field({
          name: 'email',
          label: config.email === 'required' ? words.email : words.emailOptional,
          type: 'email',
          value: values.email ?? '',
          attributes: `dir="ltr" autocomplete="email"${config.email === 'required' ? ' required' : ''}`,
          hint: words.emailHint,
          error: errors.email,
          focus: focus === 'email',
        }),
    config.requireTerms ? termsField(homeserver, words.acceptPolicies, errors.terms, focus === 'terms') : '',
  ].join('');
  const buttons = `${button('create', words.create)} ${button('cancel', words.cancel, true)}`;
  return formPage(context, words.createTitle(config.serverName), fields, buttons, errors);
}

/** Without `prompt=create`, or where the server makes no accounts: the mock's stand-in for MAS's login page. */
export function signInPage(context: PageContext, values: FormValues = {}, errors: FieldErrors = {}): ModelResponse {
  const { words } = wordsFor(context.pending.language);
  const fields = [
    field({
      name: 'username',
      label: words.username,
      value: values.username ?? context.pending.usernameHint ?? '',
      attributes: 'dir="ltr" autocomplete="username" autocapitalize="none" spellcheck="false" required',
      focus: errors.form !== undefined,
    }),
    field({
      name: 'password',
      label: words.password,
      type: 'password',
      attributes: 'autocomplete="current-password" required',
    }),
  ].join('');
  const create = context.oauth.promptCreate ? ` ${button('create-instead', words.createInstead, true)}` : '';
  const buttons = `${button('sign-in', words.signIn)}${create} ${button('cancel', words.cancel, true)}`;
  return formPage(context, words.signInTitle(context.homeserver.config.serverName), fields, buttons, errors);
}

/** The second step when an email address was given: the code from the mail (or its link, followed). */
export function codePage(context: PageContext, errors: FieldErrors = {}): ModelResponse {
  const { words } = wordsFor(context.pending.language);
  const email = context.pending.pending?.email ?? '';
  const fields = `<p>${words.codeText(`<bdi dir="ltr">${escapeHtml(email)}</bdi>`)}</p>${field({
    name: 'code',
    label: words.code,
    attributes: 'dir="ltr" autocomplete="one-time-code" inputmode="numeric"',
    error: errors.code,
    focus: errors.code !== undefined,
  })}`;
  const buttons = `${button('verify', words.proceed)} ${button('resend', words.resend, true)} ${button('cancel', words.cancel, true)}`;
  return formPage(context, words.codeTitle, fields, buttons, errors);
}

/**
 * MAS's registration-token step (views/register/steps/registration_token.rs, its template
 * templates/pages/register/steps/registration_token.html): one field, `token`, after the form.
 */
export function tokenPage(context: PageContext, values: FormValues = {}, errors: FieldErrors = {}): ModelResponse {
  const { words } = wordsFor(context.pending.language);
  const fields = `<p>${escapeHtml(words.tokenText)}</p>${field({
    name: 'token',
    label: words.tokenLabel,
    value: values.token ?? '',
    attributes: 'dir="ltr" autocomplete="off" autocapitalize="none" spellcheck="false" required',
    error: errors.token,
    focus: errors.token !== undefined,
  })}`;
  const buttons = `${button('token', words.proceed)} ${button('cancel', words.cancel, true)}`;
  return formPage(context, words.tokenTitle, fields, buttons, errors);
}

/**
 * MAS's answer when its authorization grant policy refuses the request once the person is known
 * (oauth2/authorization/consent.rs:155-177, templates/pages/policy_violation.html): a page, not a
 * redirect, whose one way on is back to the application with `access_denied`.
 */
export function policyViolationPage(context: PageContext): ModelResponse {
  const { words } = wordsFor(context.pending.language);
  return formPage(
    context,
    words.policyTitle,
    `<p>${escapeHtml(words.policyText)}</p>`,
    button('cancel', words.cancel),
    {},
  );
}

function formPage(
  { homeserver, oauth, pending }: PageContext,
  title: string,
  fields: string,
  buttons: string,
  errors: FieldErrors,
): ModelResponse {
  const { language, words } = wordsFor(pending.language);
  const client = own(homeserver.state.oauth.clients, pending.clientId);
  const host = client ? new URL(client.clientUri).host : '';
  const name = `<bdi>${escapeHtml(client?.clientName ?? host)}</bdi>`;
  const at = `<bdi dir="ltr">${escapeHtml(host)}</bdi>`;
  // A create page says why the person is here; "wants to use your account" is for signing in.
  const who = pending.mode === 'create' ? words.createWho(name, at) : words.signInWho(name, at);
  const problem = errors.form === undefined ? '' : `<p role="alert" id="form-error">${escapeHtml(errors.form)}</p>`;
  const action = `${oauth.issuer}authorize/${encodeURIComponent(pending.id)}`;
  const content = `<p>${who}</p>${problem}<form method="post" action="${escapeHtml(action)}">${fields}<p class="buttons">${buttons}</p></form>`;
  const status = Object.keys(errors).length > 0 ? 400 : 200;
  // The heading takes the focus when the script puts a new step in place (tabindex -1 allows that).
  return html(
    page(title, content, language, words.dir)
      .replace('<h1>', '<h1 tabindex="-1">')
      .replace('</main>', `</main>${enhancementScript()}`),
    status,
  );
}

function field(options: {
  name: string;
  label: string;
  type?: string;
  value?: string;
  attributes: string;
  hint?: string;
  /** A hint that is HTML already (its parts escaped), for one with markup in it. */
  hintHtml?: string;
  error?: string;
  focus?: boolean;
  live?: boolean;
}): string {
  const { name } = options;
  const described = [
    options.hint === undefined && options.hintHtml === undefined ? '' : `${name}-hint`,
    options.live === true ? `${name}-status` : '',
    options.error === undefined ? '' : `${name}-error`,
  ].filter((id) => id !== '');
  const value = options.value === undefined ? '' : ` value="${escapeHtml(options.value)}"`;
  return [
    `<p><label for="${name}">${escapeHtml(options.label)}</label><br>`,
    `<input id="${name}" name="${name}" type="${options.type ?? 'text'}"${value} ${options.attributes}`,
    described.length > 0 ? ` aria-describedby="${described.join(' ')}"` : '',
    options.error === undefined ? '' : ' aria-invalid="true"',
    options.focus === true ? ' autofocus' : '',
    '></p>',
    options.hint === undefined ? '' : `<p id="${name}-hint">${escapeHtml(options.hint)}</p>`,
    options.hintHtml === undefined ? '' : `<p id="${name}-hint">${options.hintHtml}</p>`,
    options.live === true ? `<p id="${name}-status" aria-live="polite"></p>` : '',
    options.error === undefined ? '' : `<p id="${name}-error">${escapeHtml(options.error)}</p>`,
  ].join('');
}

function termsField(homeserver: MockHomeserver, label: string, error: string | undefined, focus: boolean): string {
  const invalid = error === undefined ? '' : ' aria-invalid="true" aria-describedby="terms-error"';
  const message = error === undefined ? '' : `<p id="terms-error">${escapeHtml(error)}</p>`;
  return `${policyList(homeserver)}<p><input type="checkbox" id="terms" name="terms" value="accepted" required${invalid}${focus ? ' autofocus' : ''}> <label for="terms">${escapeHtml(label)}</label></p>${message}`;
}

/** `formnovalidate` on the buttons that do not create anything: cancelling needs no valid form. */
function button(action: string, text: string, skipValidation = false): string {
  return `<button type="submit" name="action" value="${action}"${skipValidation ? ' formnovalidate' : ''}>${escapeHtml(text)}</button>`;
}

function firstProblem(errors: FieldErrors, order: (keyof FieldErrors)[]): keyof FieldErrors | undefined {
  return order.find((name) => errors[name] !== undefined);
}

import type { OAuthConfig } from '../config.js';
import { policyList } from '../fallback.js';
import type { MockHomeserver } from '../homeserver.js';
import { page } from '../pages.js';
import { escapeHtml, html, type ModelResponse } from '../response.js';
import { enhancementScript } from './enhance.js';
import type { AuthorizationRequest } from './state.js';
import { own } from '../records.js';

/** What was typed, given back so that nobody types it twice. */
export interface FormValues {
  username?: string;
  email?: string;
}
/** One message per field with a problem; `form` for what is about the page as a whole. */
export type FieldErrors = Partial<Record<'username' | 'password' | 'email' | 'terms' | 'code' | 'form', string>>;

/** What every page of one authorization request is drawn from. */
export interface PageContext {
  homeserver: MockHomeserver;
  oauth: OAuthConfig;
  pending: AuthorizationRequest;
}

/**
 * The OAuth server's own pages, in English like the rest of the server's pages (the fallback, the
 * consent page): they are the server's, not the app's. Plain forms, that work without script.
 */
export function errorPage(title: string, text: string, status = 400): ModelResponse {
  return html(page(title, `<p>${escapeHtml(text)}</p>`), status);
}

export function signUpPage(context: PageContext, values: FormValues = {}, errors: FieldErrors = {}): ModelResponse {
  const { homeserver, oauth, pending } = context;
  const { config } = homeserver;
  const focus = firstProblem(errors, ['username', 'password', 'email', 'terms']);
  const fields = [
    field({
      name: 'username',
      label: 'Username',
      value: values.username ?? pending.usernameHint ?? '',
      attributes: `autocomplete="username" autocapitalize="none" spellcheck="false" required data-availability-url="${escapeHtml(`${oauth.issuer}username-available`)}"`,
      hint: `Your Matrix ID will be @username:${config.serverName}.`,
      error: errors.username,
      focus: focus === 'username',
      // The page's script says here, as you type, whether the name is free.
      live: true,
    }),
    field({
      name: 'password',
      label: 'Password',
      type: 'password',
      attributes: 'autocomplete="new-password" required',
      error: errors.password,
      focus: focus === 'password',
    }),
    config.email === 'off'
      ? ''
      : field({
          name: 'email',
          label: config.email === 'required' ? 'Email address' : 'Email address (optional)',
          type: 'email',
          value: values.email ?? '',
          attributes: `autocomplete="email"${config.email === 'required' ? ' required' : ''}`,
          hint: 'We will send a code to this address.',
          error: errors.email,
          focus: focus === 'email',
        }),
    config.requireTerms ? termsField(homeserver, errors.terms, focus === 'terms') : '',
  ].join('');
  const buttons = `${button('create', 'Create account')} ${button('cancel', 'Cancel', true)}`;
  return formPage(context, `Create your account on ${config.serverName}`, fields, buttons, errors);
}

/** Without `prompt=create`, or where the server makes no accounts: the mock's stand-in for MAS's login page. */
export function signInPage(context: PageContext, values: FormValues = {}, errors: FieldErrors = {}): ModelResponse {
  const fields = [
    field({
      name: 'username',
      label: 'Username',
      value: values.username ?? context.pending.usernameHint ?? '',
      attributes: 'autocomplete="username" autocapitalize="none" spellcheck="false" required',
      focus: errors.form !== undefined,
    }),
    field({
      name: 'password',
      label: 'Password',
      type: 'password',
      attributes: 'autocomplete="current-password" required',
    }),
  ].join('');
  const create = context.oauth.promptCreate ? ` ${button('create-instead', 'Create an account instead', true)}` : '';
  const buttons = `${button('sign-in', 'Sign in')}${create} ${button('cancel', 'Cancel', true)}`;
  return formPage(context, `Sign in to ${context.homeserver.config.serverName}`, fields, buttons, errors);
}

/** The second step when an email address was given: the code from the mail (or its link, followed). */
export function codePage(context: PageContext, errors: FieldErrors = {}): ModelResponse {
  const email = context.pending.pending?.email ?? '';
  const fields = `<p>We sent a code to ${escapeHtml(email)}. Type it here, or open the link in the email and then continue.</p>${field(
    {
      name: 'code',
      label: 'Code',
      attributes: 'autocomplete="one-time-code" inputmode="numeric"',
      error: errors.code,
      focus: errors.code !== undefined,
    },
  )}`;
  const buttons = `${button('verify', 'Continue')} ${button('resend', 'Send a new code', true)} ${button('cancel', 'Cancel', true)}`;
  return formPage(context, 'Check your email', fields, buttons, errors);
}

function formPage(
  { homeserver, oauth, pending }: PageContext,
  title: string,
  fields: string,
  buttons: string,
  errors: FieldErrors,
): ModelResponse {
  const client = own(homeserver.state.oauth.clients, pending.clientId);
  const host = client ? new URL(client.clientUri).host : '';
  const who = `${escapeHtml(client?.clientName ?? host)} (${escapeHtml(host)}) wants to use your account.`;
  const problem = errors.form === undefined ? '' : `<p role="alert" id="form-error">${escapeHtml(errors.form)}</p>`;
  const action = `${oauth.issuer}authorize/${encodeURIComponent(pending.id)}`;
  const content = `<p>${who}</p>${problem}<form method="post" action="${escapeHtml(action)}">${fields}<p>${buttons}</p></form>`;
  const status = Object.keys(errors).length > 0 ? 400 : 200;
  // The heading takes the focus when the script puts a new step in place (tabindex -1 allows that).
  return html(
    page(title, content).replace('<h1>', '<h1 tabindex="-1">').replace('</main>', `</main>${enhancementScript()}`),
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
  error?: string;
  focus?: boolean;
  live?: boolean;
}): string {
  const { name } = options;
  const described = [
    options.hint === undefined ? '' : `${name}-hint`,
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
    options.live === true ? `<p id="${name}-status" aria-live="polite"></p>` : '',
    options.error === undefined ? '' : `<p id="${name}-error">${escapeHtml(options.error)}</p>`,
  ].join('');
}

function termsField(homeserver: MockHomeserver, error: string | undefined, focus: boolean): string {
  const invalid = error === undefined ? '' : ' aria-invalid="true" aria-describedby="terms-error"';
  const message = error === undefined ? '' : `<p id="terms-error">${escapeHtml(error)}</p>`;
  return `${policyList(homeserver)}<p><input type="checkbox" id="terms" name="terms" value="accepted" required${invalid}${focus ? ' autofocus' : ''}> <label for="terms">I accept these policies</label></p>${message}`;
}

/** `formnovalidate` on the buttons that do not create anything: cancelling needs no valid form. */
function button(action: string, text: string, skipValidation = false): string {
  return `<button type="submit" name="action" value="${action}"${skipValidation ? ' formnovalidate' : ''}>${escapeHtml(text)}</button>`;
}

function firstProblem(errors: FieldErrors, order: (keyof FieldErrors)[]): keyof FieldErrors | undefined {
  return order.find((name) => errors[name] !== undefined);
}

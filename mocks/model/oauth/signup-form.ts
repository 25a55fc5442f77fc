import type { OAuthConfig } from '../config.js';
import { canonicalEmail, sendValidationEmail } from '../email.js';
import type { MockHomeserver } from '../homeserver.js';
import { localpartOf } from '../login.js';
import { hashPassword, passwordPolicyError, verifyPassword } from '../password.js';
import type { ModelRequest } from '../request.js';
import type { ModelResponse } from '../response.js';
import { codePointLength, MAX_RAW_LENGTH } from '../user-id.js';
import { callbackUrl, formOf, redirectTo } from './responses.js';
import { codePage, errorPage, signInPage, signUpPage, type FieldErrors, type PageContext } from './signup-page.js';
import { CODE_LIFETIME_MS, forgetExpired, ID_SHAPES, type AuthorizationRequest } from './state.js';
import { usernameProblem } from './username.js';
import { own } from '../records.js';
import { wordsFor, type PageWords } from './page-words.js';

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** One post of the form: the pages' context, the HTTP request, and its fields. */
interface Step extends PageContext {
  request: ModelRequest;
  form: URLSearchParams;
}

type Made = { username: string; passwordHash: string; email?: string };

const expired = () => errorPage('This page has expired', 'Go back to the application and start again.');

/**
 * `POST {issuer}authorize/{request}`: the page's form, one step per post. The button pressed is
 * the `action` field: `create`, `verify` and `resend` (the email code), `sign-in`,
 * `create-instead` (from the sign-in page) or `cancel`.
 */
export async function submitAuthorization(
  homeserver: MockHomeserver,
  oauth: OAuthConfig,
  request: ModelRequest,
  id: string,
): Promise<ModelResponse> {
  forgetExpired(homeserver.state.oauth, homeserver.env.now());
  const pending = ID_SHAPES.request.test(id) ? own(homeserver.state.oauth.requests, id) : undefined;
  if (!pending) return expired();
  const step: Step = { homeserver, oauth, pending, request, form: formOf(request) };
  const action = step.form.get('action');
  if (action === 'cancel') {
    Reflect.deleteProperty(homeserver.state.oauth.requests, pending.id);
    return redirectTo(
      request,
      back(pending, { error: 'access_denied', error_description: 'The person cancelled the sign-up' }),
    );
  }
  if (action === 'create-instead' && oauth.promptCreate) pending.mode = 'create';
  if (pending.mode === 'sign-in') return action === 'sign-in' ? signIn(step) : signInPage(step);
  if (pending.pending && action === 'verify') return confirmEmail(step, pending.pending);
  if (pending.pending && action === 'resend') return resendEmail(step, pending.pending);
  if (action === 'create') return createStep(step);
  return signUpPage(step);
}

async function createStep(step: Step): Promise<ModelResponse> {
  const { homeserver, form, request, pending } = step;
  const { config } = homeserver;
  const typed = form.get('username') ?? '';
  const username = typed.toLowerCase();
  const password = form.get('password') ?? '';
  const typedEmail = (form.get('email') ?? '').trim();
  const email = typedEmail === '' ? undefined : canonicalEmail(typedEmail);
  const values = { username: typed, email: typedEmail };
  const { words } = wordsFor(pending.language);
  const errors: FieldErrors = {};
  errors.username = usernameProblem(homeserver, username);
  if (password === '') errors.password = words.choosePassword;
  else if (codePointLength(password) > MAX_RAW_LENGTH) errors.password = 'This password is too long.';
  else errors.password = passwordPolicyError(password, config)?.error;
  // MAS refuses a confirmation that differs (crates/handlers/src/views/register/password.rs:221-231).
  // The page always sends one; a scripted post without the field (the package's tests, a
  // matrix-js-sdk run) is let through, a leniency MAS does not have.
  const confirmation = form.get('password_confirm');
  if (confirmation !== null && confirmation !== password) errors.passwordConfirm = words.passwordMismatch;
  if (config.email !== 'off') errors.email = emailProblem(homeserver, typedEmail, email, words);
  if (config.requireTerms && form.get('terms') !== 'accepted') errors.terms = words.mustAccept;
  const found = withoutEmpty(errors);
  if (Object.keys(found).length > 0) return signUpPage(step, values, found);

  const passwordHash = await hashPassword(password, homeserver.env);
  if (email === undefined) return finish(step, { username, passwordHash });
  const limit = homeserver.rateLimit('threepidValidation', `${request.clientIp}|${email}`, true);
  if (!limit.allowed) {
    return signUpPage(step, values, {
      email: 'Too many emails were sent to this address. Wait a moment and try again.',
    });
  }
  const validation = sendValidationEmail(homeserver, email, `oauth-${pending.id}`, 1);
  pending.pending = { username, passwordHash, email, emailSid: validation.sid };
  return codePage(step);
}

function emailProblem(
  homeserver: MockHomeserver,
  typed: string,
  email: string | undefined,
  words: PageWords,
): string | undefined {
  if (typed === '') return homeserver.config.email === 'required' ? words.enterEmail : undefined;
  if (email === undefined) return words.notAnEmail;
  if (homeserver.isDeniedEmail(email)) return 'This server does not accept addresses at this domain.';
  if (own(homeserver.state.threepids, email) !== undefined) return words.emailInUse;
  return undefined;
}

/** The code typed; the link in the mail, once followed, counts as the code. */
function confirmEmail(step: Step, made: NonNullable<AuthorizationRequest['pending']>): ModelResponse {
  const validation = own(step.homeserver.state.emailValidations, made.emailSid);
  if (!validation) return expired();
  const typed = (step.form.get('code') ?? '').trim();
  if (
    validation.validatedAt === undefined &&
    (typed === '' || !validation.tokens.some((sent) => sent.token === typed))
  ) {
    return codePage(step, { code: 'This code is not right. Check the latest email.' });
  }
  validation.validatedAt ??= step.homeserver.env.now();
  return finish(step, made);
}

function resendEmail(step: Step, made: NonNullable<AuthorizationRequest['pending']>): ModelResponse {
  const validation = own(step.homeserver.state.emailValidations, made.emailSid);
  if (!validation) return expired();
  sendValidationEmail(step.homeserver, validation.email, validation.clientSecret, validation.sendAttempt + 1);
  return codePage(step, { form: `A new code is on its way to ${validation.email}.` });
}

/**
 * The account, made in the same model as `/register`'s (so legacy login and `/_mock/accounts` know
 * it), then a code for the client. Nothing awaits from the last check to the account, so two pages
 * cannot both take one name.
 */
function finish(step: Step, made: Made): ModelResponse {
  const { homeserver, pending } = step;
  const { state } = homeserver;
  const taken = usernameProblem(homeserver, made.username);
  const emailTaken = made.email !== undefined && own(state.threepids, made.email) !== undefined;
  if (taken !== undefined || emailTaken) {
    pending.pending = undefined;
    return signUpPage(
      step,
      { username: made.username, email: made.email ?? '' },
      withoutEmpty({ username: taken, email: emailTaken ? wordsFor(pending.language).words.emailInUse : undefined }),
    );
  }
  const account = homeserver.addAccount({ localpart: made.username, guest: false, passwordHash: made.passwordHash });
  if (made.email !== undefined) {
    account.emails.push(made.email);
    state.threepids[made.email] = account.userId;
  }
  return grantCode(step, account.userId);
}

async function signIn(step: Step): Promise<ModelResponse> {
  const { homeserver, form } = step;
  const typed = form.get('username') ?? '';
  const account = homeserver.findAccount(localpartOf(typed));
  const password = form.get('password') ?? '';
  if (!account?.passwordHash || !(await verifyPassword(password, account.passwordHash, homeserver.env))) {
    return signInPage(step, { username: typed }, { form: 'Wrong username or password.' });
  }
  return grantCode(step, account.userId);
}

/** A single-use code bound to the request, and the person sent back with it (RFC 6749 §4.1.2). */
function grantCode({ homeserver, request, pending }: Step, userId: string): ModelResponse {
  const { state, env } = homeserver;
  const code = env.randomString(32, ALNUM);
  state.oauth.codes[code] = {
    code,
    clientId: pending.clientId,
    redirectUri: pending.redirectUri,
    codeChallenge: pending.codeChallenge,
    scope: pending.scope,
    deviceId: pending.deviceId,
    userId,
    ...(pending.nonce === undefined ? {} : { nonce: pending.nonce }),
    // The person has just typed their password: that is the authentication the id_token dates.
    authTime: env.now(),
    expiresAt: env.now() + CODE_LIFETIME_MS,
  };
  Reflect.deleteProperty(state.oauth.requests, pending.id);
  return redirectTo(request, back(pending, { code }));
}

function back(pending: AuthorizationRequest, params: Record<string, string>): string {
  return callbackUrl(pending.redirectUri, pending.responseMode, {
    ...params,
    ...(pending.state === undefined ? {} : { state: pending.state }),
  });
}

function withoutEmpty(errors: FieldErrors): FieldErrors {
  const entries = Object.entries(errors) as [string, string | undefined][];
  return Object.fromEntries(entries.filter(([, message]) => message !== undefined));
}

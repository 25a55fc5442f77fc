import type { OAuthConfig } from '../config.js';
import { canonicalEmail, sendValidationEmail } from '../email.js';
import type { MockHomeserver } from '../homeserver.js';
import { localpartOf } from '../login.js';
import { hashPassword, passwordPolicyError, verifyPassword } from '../password.js';
import type { ModelRequest } from '../request.js';
import type { ModelResponse } from '../response.js';
import { codePointLength, MAX_RAW_LENGTH } from '../user-id.js';
import { callbackUrl, formOf, redirectTo } from './responses.js';
import {
  codePage,
  errorPage,
  policyViolationPage,
  signInPage,
  signUpPage,
  tokenPage,
  type FieldErrors,
  type PageContext,
} from './signup-page.js';
import { localpartOfUserId } from './id-token.js';
import { masTokenByText, masTokenIsValid, useMasToken, type MasRegistrationToken } from './registration-tokens.js';
import { ADMIN_SCOPE } from './scope.js';
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
 * the `action` field: `create`, `token` (the registration token), `verify` and `resend` (the email
 * code), `sign-in`, `create-instead` (from the sign-in page) or `cancel`.
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
  if ((pending.pending ?? pending.awaitingToken) && action === 'token') return tokenStep(step);
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
  // MAS asks for the registration token before the email code: its finish step checks the token
  // (register/steps/finish.rs:123-173) before the email (175-224), the code being mailed already.
  const askToken = step.oauth.passwordRegistrationTokenRequired && pending.registrationTokenId === undefined;
  if (email === undefined) {
    if (!askToken) return finish(step, { username, passwordHash });
    pending.awaitingToken = { username, passwordHash };
    return tokenPage(step);
  }
  const limit = homeserver.rateLimit('threepidValidation', `${request.clientIp}|${email}`, true);
  if (!limit.allowed) {
    return signUpPage(step, values, {
      email: 'Too many emails were sent to this address. Wait a moment and try again.',
    });
  }
  const validation = sendValidationEmail(homeserver, email, `oauth-${pending.id}`, 1);
  pending.pending = { username, passwordHash, email, emailSid: validation.sid };
  return askToken ? tokenPage(step) : codePage(step);
}

/**
 * The registration token (registration_token.rs:99-202): trimmed; empty is "required", unknown or
 * not valid (revoked, expired, used up) is "invalid", both on the field; a good one is remembered
 * and the person goes on (the email code, if there is one, else the account). It is counted only
 * when the account is made (`finish`). MAS words the invalid case with the bare kind `invalid`
 * (templates/components/field.html:56-57); the mock writes a sentence.
 */
function tokenStep(step: Step): ModelResponse {
  const { homeserver, form, pending } = step;
  const { words } = wordsFor(pending.language);
  const typed = form.get('token') ?? '';
  const text = typed.trim();
  if (text === '') return tokenPage(step, { token: typed }, { token: words.tokenRequired });
  const token = masTokenByText(homeserver, text);
  if (!token || !masTokenIsValid(token, homeserver.env.now())) {
    return tokenPage(step, { token: typed }, { token: words.tokenInvalid });
  }
  pending.registrationTokenId = token.id;
  if (pending.pending) {
    const validation = own(homeserver.state.emailValidations, pending.pending.emailSid);
    return validation?.validatedAt === undefined ? codePage(step) : finish(step, pending.pending);
  }
  const made = pending.awaitingToken;
  return made ? finish(step, made) : signUpPage(step);
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
    pending.awaitingToken = undefined;
    return signUpPage(
      step,
      { username: made.username, email: made.email ?? '' },
      withoutEmpty({ username: taken, email: emailTaken ? wordsFor(pending.language).words.emailInUse : undefined }),
    );
  }
  // The token last, as MAS's finish step checks it after the name (finish.rs:105-173): none yet
  // (a post that skipped its page) asks for it; one no longer valid is MAS's error page (154-160).
  let token: MasRegistrationToken | undefined;
  if (step.oauth.passwordRegistrationTokenRequired) {
    const id = pending.registrationTokenId;
    if (id === undefined) {
      if (!pending.pending) pending.awaitingToken = { username: made.username, passwordHash: made.passwordHash };
      return tokenPage(step);
    }
    token = own(state.oauth.registrationTokens, id);
    if (!token || !masTokenIsValid(token, homeserver.env.now())) {
      return errorPage(
        'Registration token used is no longer valid',
        'Go back to the application and start again.',
        500,
      );
    }
  }
  const account = homeserver.addAccount({ localpart: made.username, guest: false, passwordHash: made.passwordHash });
  // registration_token.rs:489-519, as finish.rs:293-298 calls it once the account is sure.
  if (token) useMasToken(homeserver, token);
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

/**
 * A single-use code bound to the request, and the person sent back with it (RFC 6749 §4.1.2). First
 * MAS's policy, which it evaluates once the person is known (oauth2/authorization/consent.rs:155-177):
 * `urn:mas:admin` only for a user who may request admin (authorization_grant.rego:21-31, 57-60),
 * here one named in `oauth.adminUsers` (the policy's `data.admin_users`).
 */
function grantCode(step: Step, userId: string): ModelResponse {
  const { homeserver, oauth, request, pending } = step;
  const { state, env } = homeserver;
  if (pending.scope.split(' ').includes(ADMIN_SCOPE) && !oauth.adminUsers.includes(localpartOfUserId(userId))) {
    return policyViolationPage(step);
  }
  const code = env.randomString(32, ALNUM);
  state.oauth.codes[code] = {
    code,
    clientId: pending.clientId,
    redirectUri: pending.redirectUri,
    codeChallenge: pending.codeChallenge,
    scope: pending.scope,
    ...(pending.deviceId === undefined ? {} : { deviceId: pending.deviceId }),
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

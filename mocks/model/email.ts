import { baseUrlOf } from './config.js';
import type { MockHomeserver } from './homeserver.js';
import { page } from './pages.js';
import { parseJsonObject, type ModelRequest } from './request.js';
import { escapeHtml, matrixError, ok, rateLimited, synapsePage, type ModelResponse } from './response.js';
import { emailValidationOf, type EmailValidation } from './state.js';
import { codePointLength } from './user-id.js';
import { BOUNDS, own, remember } from './records.js';

const CLIENT_SECRET = /^[0-9a-zA-Z.=_-]{1,255}$/;
const DIGITS = '0123456789';
const LETTERS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
/** Synapse's `MAX_EMAIL_ADDRESS_LENGTH` (util/threepids.py:32). */
const MAX_EMAIL_LENGTH = 500;
/** Synapse's default `email_validation_token_lifetime`: an hour. */
export const EMAIL_TOKEN_LIFETIME_MS = 3600_000;

/** Python's `str.casefold`, closely: full case folding maps `ß` to `ss`, as upper- then lower-casing does. */
function casefold(text: string): string {
  return text.toUpperCase().toLowerCase();
}

/**
 * Synapse's `validate_email` (util/threepids.py:80-121): trimmed, exactly one `@`, the local part
 * case-folded and the domain lower-cased (MSC2265), then 3 to 500 characters. So `Erin@EXAMPLE.org`
 * is `erin@example.org`, in use when that is (recorded: er.requestToken_taken_email_other_case).
 */
export function canonicalEmail(address: string): string | undefined {
  const parts = address.trim().split('@');
  if (parts.length !== 2) return undefined;
  const [local, domain] = parts as [string, string];
  const canonical = `${casefold(local)}@${domain.toLowerCase()}`;
  const length = codePointLength(canonical);
  return length < 3 || length > MAX_EMAIL_LENGTH ? undefined : canonical;
}

/** Python's list repr, as Synapse's `assert_params_in_dict` names what is missing. */
function missingParams(names: string[]): string {
  return `Missing params: [${names.map((name) => `'${name}'`).join(', ')}]`;
}

/**
 * `POST /register/email/requestToken`, in Synapse's order (register.py:89-153 at v1.94.0): email
 * configured, the JSON body, the three required fields, the client secret, the address, the
 * allow-list, the rate limit, an address in use. Registration being off is not checked here.
 */
export function requestEmailToken(homeserver: MockHomeserver, request: ModelRequest): ModelResponse {
  const { config, state } = homeserver;
  if (config.email === 'off') {
    return matrixError(400, 'M_UNKNOWN', 'Email-based registration has been disabled on this server');
  }
  const parsed = parseJsonObject(request.body);
  if ('error' in parsed) return parsed.error;
  const body = parsed.value;
  const missing = ['client_secret', 'email', 'send_attempt'].filter((key) => !Object.hasOwn(body, key));
  if (missing.length > 0) return matrixError(400, 'M_MISSING_PARAM', missingParams(missing));
  if (typeof body.client_secret !== 'string' || !CLIENT_SECRET.test(body.client_secret)) {
    return matrixError(400, 'M_INVALID_PARAM', 'Invalid client_secret parameter');
  }
  // Synapse answers 500 to a non-string address and compares a non-integer attempt with `<=`
  // (a 500 for a string); the spec's 400s instead (decision 007).
  if (typeof body.email !== 'string') return matrixError(400, 'M_INVALID_PARAM', 'email must be a string');
  const email = canonicalEmail(body.email);
  if (email === undefined) return matrixError(400, 'M_UNKNOWN', 'Unable to parse email address');
  if (typeof body.send_attempt !== 'number' || !Number.isInteger(body.send_attempt)) {
    return matrixError(400, 'M_INVALID_PARAM', 'send_attempt must be an integer');
  }
  if (homeserver.isDeniedEmail(email)) {
    return matrixError(403, 'M_THREEPID_DENIED', 'Your email domain is not authorized to register on this server');
  }
  const limit = homeserver.rateLimit('threepidValidation', `${request.clientIp}|${email}`, true);
  if (!limit.allowed) return rateLimited(limit.retryAfterMs);
  if (own(state.threepids, email) !== undefined)
    return matrixError(400, 'M_THREEPID_IN_USE', 'Email is already in use');

  const nextLink = typeof body.next_link === 'string' && body.next_link !== '' ? body.next_link : undefined;
  const style = config.emailSubmitUrl ? 'code' : 'link';
  const validation = sendValidationEmail(homeserver, email, body.client_secret, body.send_attempt, { style, nextLink });
  return ok({
    sid: validation.sid,
    ...(config.emailSubmitUrl ? { submit_url: `${baseUrlOf(config)}${SUBMIT_TOKEN_PATH}` } : {}),
  });
}

export interface SendOptions {
  /**
   * `link`: Synapse's email, a link with a 32-letter token and nothing to type; `code`: a 6-digit
   * code that is also the link's token (the spec's `submit_url` variant, MAS's code).
   */
  style: 'link' | 'code';
  /** Where the link leads once opened (Synapse appends `sid`). */
  nextLink?: string;
}

/**
 * Synapse's `send_threepid_validation` (handlers/identity.py:326-395): the unvalidated session of
 * this address and client secret, or a new one (a validated session is never reused); a higher
 * attempt number mails a new token, a repeated or lower one sends nothing. Every token sent stays
 * valid until it expires, so the link of an older email still works after a resend (recorded:
 * er.submit_token_first_link_after_resend).
 */
export function sendValidationEmail(
  homeserver: MockHomeserver,
  email: string,
  clientSecret: string,
  sendAttempt: number,
  options: SendOptions = { style: 'code' },
): EmailValidation {
  const { config, state, env } = homeserver;
  let validation = Object.values(state.emailValidations).find(
    (candidate) =>
      candidate.email === email && candidate.clientSecret === clientSecret && candidate.validatedAt === undefined,
  );
  if (validation && sendAttempt <= validation.sendAttempt) return validation;
  const sid = validation?.sid ?? env.randomString(16, LETTERS);
  const token = options.style === 'link' ? env.randomString(32, LETTERS) : env.randomString(6, DIGITS);
  const nextLink =
    options.nextLink === undefined
      ? undefined
      : `${options.nextLink}${options.nextLink.includes('?') ? '&' : '?'}sid=${encodeURIComponent(sid)}`;
  validation ??= { sid, clientSecret, email, sendAttempt, tokens: [], createdAt: env.now() };
  validation.sendAttempt = sendAttempt;
  validation.tokens.push({ token, expiresAt: env.now() + EMAIL_TOKEN_LIFETIME_MS, nextLink });
  remember(state.emailValidations, sid, validation, BOUNDS.emailValidations);
  const link = `${baseUrlOf(config)}${SUBMIT_TOKEN_PATH}?${new URLSearchParams({ token, client_secret: clientSecret, sid }).toString()}`;
  if (state.inbox.length >= BOUNDS.inbox) state.inbox.splice(0, state.inbox.length - BOUNDS.inbox + 1);
  state.inbox.push({
    id: env.randomString(12),
    to: email,
    subject: `Confirm your email address for ${config.serverName}`,
    text:
      options.style === 'link'
        ? `Someone asked to use ${email} for a new account on ${config.serverName}. To confirm, open ${link}. If it was not you, ignore this message.`
        : `Someone asked to use ${email} for a new account on ${config.serverName}. To confirm, type the code ${token} or open ${link}. If it was not you, ignore this message.`,
    link,
    ...(options.style === 'code' ? { code: token } : {}),
    sentAt: env.now(),
  });
  return validation;
}

/** The newest token sent for this validation (the code a person would type). */
export function latestToken(validation: EmailValidation): string | undefined {
  return validation.tokens.at(-1)?.token;
}

/**
 * `POST /register/msisdn/requestToken`: Synapse without an SMS delegate, as the mock always is,
 * checks the request and then says phone sign-up is not supported.
 */
export function requestMsisdnToken(homeserver: MockHomeserver, request: ModelRequest): ModelResponse {
  const parsed = parseJsonObject(request.body);
  if ('error' in parsed) return parsed.error;
  const body = parsed.value;
  const missing = ['client_secret', 'country', 'phone_number', 'send_attempt'].filter((key) => !(key in body));
  if (missing.length > 0) return matrixError(400, 'M_MISSING_PARAM', `Missing params: ${missing.join(', ')}`);
  if (typeof body.client_secret !== 'string' || !CLIENT_SECRET.test(body.client_secret)) {
    return matrixError(400, 'M_INVALID_PARAM', 'Invalid client_secret parameter');
  }
  return matrixError(400, 'M_UNKNOWN', 'Registration by phone number is not supported on this homeserver');
}

export const SUBMIT_TOKEN_PATH = '/_matrix/client/unstable/registration/email/submit_token';

/**
 * The emailed link, `GET` with `sid`, `client_secret` and `token` (Synapse's
 * `RegistrationSubmitTokenServlet`, register.py:268-330 at v1.94.0: only under `unstable`, only
 * GET, each parameter required in that order), answering an HTML page, or a 302 to the
 * `next_link` given at requestToken; or the code a client posts to `submit_url` (JSON), which only
 * exists where the scenario hands out a `submit_url`.
 */
export function submitEmailToken(homeserver: MockHomeserver, request: ModelRequest): ModelResponse {
  const { config } = homeserver;
  if (request.method !== 'GET' && !config.emailSubmitUrl) {
    return matrixError(405, 'M_UNRECOGNIZED', 'Unrecognized request');
  }
  if (config.email === 'off')
    return matrixError(400, 'M_UNKNOWN', 'Email-based registration is disabled on this server');
  let fields: { sid: unknown; client_secret: unknown; token: unknown };
  if (request.method === 'GET') {
    for (const name of ['sid', 'client_secret'] as const) {
      if (request.query.get(name) === null) {
        return matrixError(400, 'M_MISSING_PARAM', `Missing string query parameter '${name}'`);
      }
    }
    if (!CLIENT_SECRET.test(request.query.get('client_secret') ?? '')) {
      return matrixError(400, 'M_INVALID_PARAM', 'Invalid client_secret parameter');
    }
    if (request.query.get('token') === null) {
      return matrixError(400, 'M_MISSING_PARAM', "Missing string query parameter 'token'");
    }
    fields = {
      sid: request.query.get('sid'),
      client_secret: request.query.get('client_secret'),
      token: request.query.get('token'),
    };
  } else {
    const parsed = parseJsonObject(request.body);
    if ('error' in parsed) return parsed.error;
    fields = { sid: parsed.value.sid, client_secret: parsed.value.client_secret, token: parsed.value.token };
  }
  const outcome = validateEmailToken(homeserver, fields);
  if (request.method !== 'GET') {
    return outcome.ok ? ok({ success: true }) : matrixError(400, 'M_UNKNOWN', outcome.reason);
  }
  if (!outcome.ok) {
    return synapsePage(
      textPage('This link does not work', `The address could not be confirmed: ${escapeHtml(outcome.reason)}`),
      400,
    );
  }
  // Synapse redirects anywhere but a local file (register.py:305-313); the mock to http(s) only.
  if (outcome.nextLink !== undefined && /^https?:/i.test(outcome.nextLink)) {
    return { status: 302, headers: { Location: outcome.nextLink }, text: '', contentType: 'text/html', cors: false };
  }
  return synapsePage(
    textPage(
      'Email address confirmed',
      `You can go back to the sign-up page: ${escapeHtml(outcome.email)} is confirmed.`,
    ),
  );
}

type TokenOutcome = { ok: true; email: string; nextLink?: string } | { ok: false; reason: string };

/**
 * Synapse's `validate_threepid_session` (storage/databases/main/registration.py, at v1.94.0): the
 * session, then the token among every one sent for it, then the client secret; a validated session
 * stays valid whatever the token's age; else the token must not have expired.
 */
function validateEmailToken(
  homeserver: MockHomeserver,
  fields: { sid: unknown; client_secret: unknown; token: unknown },
): TokenOutcome {
  const validation = emailValidationOf(homeserver.state, fields.sid);
  if (!validation) return { ok: false, reason: 'Unknown session_id' };
  const sent = validation.tokens.find((candidate) => candidate.token === fields.token);
  if (!sent) return { ok: false, reason: 'Validation token not found or has expired' };
  if (validation.clientSecret !== fields.client_secret) {
    return { ok: false, reason: 'This client_secret does not match the provided session_id' };
  }
  if (validation.validatedAt === undefined) {
    if (sent.expiresAt <= homeserver.env.now()) {
      return { ok: false, reason: 'This token has expired. Please request a new one' };
    }
    validation.validatedAt = homeserver.env.now();
  }
  return { ok: true, email: validation.email, ...(sent.nextLink !== undefined ? { nextLink: sent.nextLink } : {}) };
}

function textPage(title: string, text: string): string {
  return page(title, `<p>${text}</p>`);
}

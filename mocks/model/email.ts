import { baseUrlOf } from './config.js';
import type { MockHomeserver } from './homeserver.js';
import { page } from './pages.js';
import { parseJsonObject, type ModelRequest } from './request.js';
import { escapeHtml, html, matrixError, ok, rateLimited, type ModelResponse } from './response.js';
import type { EmailValidation } from './state.js';

const CLIENT_SECRET = /^[0-9a-zA-Z.=_-]{1,255}$/;
const DIGITS = '0123456789';

/** Synapse's canonical form: the domain lower-cased (the local part is left as given). */
export function canonicalEmail(address: string): string | undefined {
  const trimmed = address.trim();
  const parts = trimmed.split('@');
  if (parts.length !== 2 || trimmed.length < 3 || trimmed.length > 500) return undefined;
  const [local, domain] = parts as [string, string];
  if (local === '' || domain === '') return undefined;
  return `${local}@${domain.toLowerCase()}`;
}

/** `POST /register/email/requestToken`, in Synapse's order (register-semantics §7). */
export function requestEmailToken(homeserver: MockHomeserver, request: ModelRequest): ModelResponse {
  const { config, state } = homeserver;
  if (config.email === 'off') {
    return matrixError(400, 'M_UNKNOWN', 'Email-based registration has been disabled on this server');
  }
  if (!config.enableRegistration) return matrixError(403, 'M_FORBIDDEN', 'Registration has been disabled');
  const parsed = parseJsonObject(request.body);
  if ('error' in parsed) return parsed.error;
  const body = parsed.value;
  const missing = ['client_secret', 'email', 'send_attempt'].filter((key) => !(key in body));
  if (missing.length > 0) return matrixError(400, 'M_MISSING_PARAM', `Missing params: ${missing.join(', ')}`);
  if (typeof body.client_secret !== 'string' || !CLIENT_SECRET.test(body.client_secret)) {
    return matrixError(400, 'M_INVALID_PARAM', 'Invalid client_secret parameter');
  }
  if (typeof body.send_attempt !== 'number' || !Number.isInteger(body.send_attempt)) {
    return matrixError(400, 'M_INVALID_PARAM', 'send_attempt must be an integer');
  }
  const email = typeof body.email === 'string' ? canonicalEmail(body.email) : undefined;
  if (email === undefined) return matrixError(400, 'M_UNKNOWN', 'Unable to parse email address');
  if (homeserver.isDeniedEmail(email)) {
    return matrixError(403, 'M_THREEPID_DENIED', 'Your email domain is not authorized to register on this server');
  }
  const limit = homeserver.rateLimit('threepidValidation', `${request.clientIp}|${email}`, true);
  if (!limit.allowed) return rateLimited(limit.retryAfterMs);
  if (state.threepids[email] !== undefined) return matrixError(400, 'M_THREEPID_IN_USE', 'Email is already in use');

  const validation = sendValidationEmail(homeserver, email, body.client_secret, body.send_attempt);
  return ok({
    sid: validation.sid,
    ...(config.emailSubmitUrl ? { submit_url: `${baseUrlOf(config)}${SUBMIT_TOKEN_PATH}` } : {}),
  });
}

/**
 * The validation of `email` for this client secret, made or found again; a higher attempt number
 * mails a new code and link to the mock inbox, a repeated one sends nothing (the spec's idempotency).
 */
export function sendValidationEmail(
  homeserver: MockHomeserver,
  email: string,
  clientSecret: string,
  sendAttempt: number,
): EmailValidation {
  const { config, state, env } = homeserver;
  let validation = Object.values(state.emailValidations).find(
    (candidate) => candidate.email === email && candidate.clientSecret === clientSecret,
  );
  if (!validation) {
    validation = {
      sid: env.randomString(16),
      clientSecret,
      email,
      sendAttempt: -Infinity,
      token: env.randomString(32),
      createdAt: env.now(),
    };
    state.emailValidations[validation.sid] = validation;
  }
  if (sendAttempt > validation.sendAttempt) {
    validation.sendAttempt = sendAttempt;
    const code = env.randomString(6, DIGITS);
    validation.token = code;
    const link = `${baseUrlOf(config)}${SUBMIT_TOKEN_PATH}?${new URLSearchParams({ token: code, client_secret: clientSecret, sid: validation.sid }).toString()}`;
    state.inbox.push({
      id: env.randomString(12),
      to: email,
      subject: `Confirm your email address for ${config.serverName}`,
      text: `Someone asked to use ${email} for a new account on ${config.serverName}. To confirm, open ${link} or type the code ${code}. If it was not you, ignore this message.`,
      link,
      code,
      sentAt: env.now(),
    });
  }
  return validation;
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

/** The emailed link (GET, answers a page) or the code a client posts to `submit_url` (POST, JSON). */
export function submitEmailToken(homeserver: MockHomeserver, request: ModelRequest): ModelResponse {
  let fields: { sid: unknown; client_secret: unknown; token: unknown };
  if (request.method === 'GET') {
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
  const validation = typeof fields.sid === 'string' ? homeserver.state.emailValidations[fields.sid] : undefined;
  const valid =
    validation !== undefined && validation.clientSecret === fields.client_secret && validation.token === fields.token;
  if (valid && validation.validatedAt === undefined) validation.validatedAt = homeserver.env.now();
  if (request.method === 'GET') {
    return valid
      ? html(
          textPage(
            'Email address confirmed',
            `You can go back to the sign-up page: ${escapeHtml(validation.email)} is confirmed.`,
          ),
        )
      : html(
          textPage(
            'This link does not work',
            'The link is wrong or has been replaced by a newer one. Ask for a new email.',
          ),
          400,
        );
  }
  return valid ? ok({ success: true }) : matrixError(400, 'M_UNKNOWN', 'The code is not correct');
}

function textPage(title: string, text: string): string {
  return page(title, `<p>${text}</p>`);
}

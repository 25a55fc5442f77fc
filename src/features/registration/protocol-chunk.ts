import { decodeError, decodeStageFailure, type DecodedError } from '../../matrix/decode-error';
import { STAGE } from '../../matrix/stages';
import type { StageFailure } from '../../matrix/uia-driver';
import type { MessageId } from '../../i18n/catalogs';
import { ADDRESS_WORDS } from './address-words';
import { PageError, type Message } from './page-error';

export { discoverHomeserver } from '../../matrix/discovery';
export { fetchPasswordPolicy, fetchRequirements } from '../../matrix/requirements';
export { checkUsernameAvailable } from '../../matrix/username-available';
export { checkRegistrationToken } from '../../matrix/registration-token-validity';
export { RegistrationDriver } from '../../matrix/uia-driver';

const DISCOVERY_REASONS = new Set([
  'invalid-input',
  'well-known-status',
  'well-known-invalid',
  'invalid-base-url',
  'not-a-matrix-server',
  'unreachable',
  'well-known-redirect-loop',
  'redirect-loop',
  'too-large',
  'insecure',
  'well-known-no-cors',
  'matrix-unreadable',
  'probably-not-matrix',
]);

/** Codes with a message of their own (`error.<code>` in the `later` catalog). */
export const WORDED_CODES = new Set([
  'M_USER_IN_USE',
  'M_INVALID_USERNAME',
  'M_EXCLUSIVE',
  'M_WEAK_PASSWORD',
  'M_PASSWORD_TOO_SHORT',
  'M_PASSWORD_NO_DIGIT',
  'M_PASSWORD_NO_SYMBOL',
  'M_PASSWORD_NO_UPPERCASE',
  'M_PASSWORD_NO_LOWERCASE',
  'M_PASSWORD_IN_DICTIONARY',
  'M_FORBIDDEN',
  'M_FORBIDDEN@username',
  'M_INVALID_USERNAME@numeric',
  'M_INVALID_USERNAME@underscore',
  'M_MISSING_PARAM',
  'M_INVALID_PARAM',
  'M_BAD_JSON',
  'M_NOT_JSON',
  'M_UNRECOGNIZED',
  'M_THREEPID_IN_USE',
  'M_THREEPID_DENIED',
  'M_THREEPID_AUTH_FAILED',
  'M_THREEPID_NOT_FOUND',
  'M_SERVER_NOT_TRUSTED',
  'M_RESOURCE_LIMIT_EXCEEDED',
  'M_GUEST_ACCESS_FORBIDDEN',
  'M_UNKNOWN_TOKEN',
  'M_MISSING_TOKEN',
  'M_UNAUTHORIZED',
  'M_CAPTCHA_NEEDED',
  'M_CAPTCHA_INVALID',
  'M_APPSERVICE_LOGIN_UNSUPPORTED',
  'M_TOO_LARGE',
  'M_UNKNOWN@400',
  'M_UNKNOWN@403',
  'M_UNKNOWN@500',
  'transport:offline',
  'transport:network',
  'transport:cors',
  'transport:mixed-content',
  'transport:timeout',
  'transport:server',
  'transport:not-json',
  'transport:unexpected-status',
  'transport:too-large',
  'transport:redirect-loop',
  'flow:email-required',
  'flow:email-unsupported',
  'flow:no-flow',
  'flow:token-required',
  'flow:token-unsupported',
  'flow:token-or-email',
  'flow:token-with-email',
  'flow:email-needs-token',
  'stage:unfinished',
]);

const LIMIT_TYPES = new Set(['monthly_active_user', 'hs_disabled']);

/** The plain-words message: by code, then by status, then generic. */
export function errorMessage(error: DecodedError, serverName = ''): Message {
  if (error.code.startsWith('discovery:')) {
    const reason = error.code.slice('discovery:'.length);
    if (DISCOVERY_REASONS.has(reason))
      return { id: `discovery.${reason}` as MessageId, values: { server: serverName, ...ADDRESS_WORDS } };
  }
  const code = error.code.replace(/\./g, '_');
  if (WORDED_CODES.has(code)) return { id: `error.${code}` as MessageId };
  if (error.status !== undefined && error.status >= 500) return { id: 'error.transport:server' };
  if (error.code.startsWith('M_UNKNOWN@')) return { id: 'error.M_UNKNOWN@400' };
  return { id: 'error.unknown' };
}

function toPage(decoded: DecodedError, serverName?: string, message?: Message): PageError {
  const details = [
    decoded.code.includes(':') ? undefined : decoded.code.split('@')[0],
    decoded.status ? `HTTP ${decoded.status}` : undefined,
    decoded.serverMessage,
  ]
    .filter(Boolean)
    .join(' · ');
  const limit =
    decoded.limitType && LIMIT_TYPES.has(decoded.limitType)
      ? { id: `resourceLimit.${decoded.limitType}` as MessageId }
      : undefined;
  // A 429's own words are its countdown (FormError): one sentence, not two.
  const messages =
    decoded.code === 'M_LIMIT_EXCEEDED'
      ? []
      : [message ?? errorMessage(decoded, serverName), ...(limit ? [limit] : [])];
  return new PageError({
    code: decoded.code,
    field: decoded.field,
    messages,
    ...(details ? { details } : {}),
    retryable: decoded.retryable,
    ...(decoded.retryAfterMs !== undefined
      ? { retryAfterMs: decoded.retryAfterMs, retryUntil: Date.now() + Math.max(decoded.retryAfterMs, 1000) }
      : {}),
    ...(decoded.adminContact ? { adminContact: decoded.adminContact } : {}),
    ...(decoded.limitType ? { limitType: decoded.limitType } : {}),
  });
}

export function toPageError(error: unknown, serverName?: string): PageError {
  return toPage(decodeError(error), serverName);
}

const STAGE_ERROR_FIELDS = new Set(['token', 'captcha', 'email', 'terms']);

/**
 * A failed stage is worded by the stage that was sent, whatever the errcode (a wrong token is
 * `M_FORBIDDEN` on Conduit, continuwuity and Tuwunel; see `decodeStageFailure`); the errcode
 * stays in the details. A stage not finished on the server's own page says so.
 */
export function stageFailureToPageError(stage: string, failure: StageFailure): PageError {
  const decoded = decodeStageFailure(stage, failure);
  const stageMessage: Message | undefined =
    decoded.code === 'stage:unfinished'
      ? // The captcha is the stage people are most often sent to the server's page for, and the
        // one most likely to fail there unseen (Google blocked): it says what exactly is missing.
        { id: stage === STAGE.recaptcha ? 'captcha.notReceived' : 'error.stage:unfinished' }
      : STAGE_ERROR_FIELDS.has(decoded.field)
        ? { id: `stageError.${decoded.field}` as MessageId }
        : undefined;
  return toPage(decoded, undefined, stageMessage);
}

/** Runs a request and rethrows its failure as a worded `PageError`; an abort passes through untouched. */
export async function worded<T>(work: () => Promise<T>, signal?: AbortSignal, serverName?: string): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (signal?.aborted) throw error;
    throw toPageError(error, serverName);
  }
}

import { DiscoveryError } from './discovery';
import { MatrixApiError, TransportError } from './errors';
import { STAGE } from './stages';
import { FlowProblemError } from './uia-driver';

export type ErrorField = 'username' | 'password' | 'email' | 'token' | 'captcha' | 'terms' | 'form';

/** Any failure, reduced to what a page needs to explain it: a code, the field it concerns, the facts. */
export interface DecodedError {
  /** An errcode (`M_USER_IN_USE`), `M_UNKNOWN@<status>`, `transport:<failure>`, `flow:<problem>` or `discovery:<reason>`. */
  code: string;
  field: ErrorField;
  status?: number;
  /** The server's own words, to show as details, as text. */
  serverMessage?: string;
  retryAfterMs?: number;
  adminContact?: string;
  limitType?: string;
  /** Whether trying the same thing again may work (network, 5xx, rate limit). */
  retryable: boolean;
}

const FIELD_OF: Record<string, ErrorField> = {
  M_USER_IN_USE: 'username',
  M_INVALID_USERNAME: 'username',
  M_EXCLUSIVE: 'username',
  M_WEAK_PASSWORD: 'password',
  M_PASSWORD_TOO_SHORT: 'password',
  M_PASSWORD_NO_DIGIT: 'password',
  M_PASSWORD_NO_SYMBOL: 'password',
  M_PASSWORD_NO_UPPERCASE: 'password',
  M_PASSWORD_NO_LOWERCASE: 'password',
  M_PASSWORD_IN_DICTIONARY: 'password',
  M_THREEPID_IN_USE: 'email',
  M_THREEPID_DENIED: 'email',
  M_THREEPID_AUTH_FAILED: 'email',
  M_THREEPID_NOT_FOUND: 'email',
  M_SERVER_NOT_TRUSTED: 'email',
  M_CAPTCHA_NEEDED: 'captcha',
  M_CAPTCHA_INVALID: 'captcha',
};

const STAGE_FIELD: Record<string, ErrorField> = {
  [STAGE.registrationToken]: 'token',
  [STAGE.recaptcha]: 'captcha',
  [STAGE.email]: 'email',
  [STAGE.terms]: 'terms',
};

/** Server text beyond this is cut: it is shown as details, and a hostile server may send a megabyte. */
export const MAX_SERVER_MESSAGE = 500;

function clip(text: string): string {
  return text.length > MAX_SERVER_MESSAGE ? `${text.slice(0, MAX_SERVER_MESSAGE)}…` : text;
}

/** A stage's failure as the 401 body reports it. */
export function decodeStageFailure(stage: string, failure: { errcode?: string; error?: string }): DecodedError {
  const errcode = failure.errcode ?? 'M_UNKNOWN';
  return {
    code: errcode,
    field: FIELD_OF[errcode] ?? STAGE_FIELD[stage] ?? 'form',
    status: 401,
    ...(failure.error ? { serverMessage: clip(failure.error) } : {}),
    retryable: false,
  };
}

export function decodeError(error: unknown): DecodedError {
  if (error instanceof MatrixApiError) {
    const retryAfter = error.status === 429 ? (error.retryAfterMs ?? 0) : undefined;
    // M_UNKNOWN says nothing: the spec says to go by the status then.
    const code =
      error.status === 429
        ? 'M_LIMIT_EXCEEDED'
        : error.errcode === 'M_UNKNOWN'
          ? `M_UNKNOWN@${error.status}`
          : error.errcode;
    const adminContact = typeof error.body.admin_contact === 'string' ? error.body.admin_contact : undefined;
    const limitType = typeof error.body.limit_type === 'string' ? error.body.limit_type : undefined;
    return {
      code,
      field:
        FIELD_OF[error.errcode] ??
        (error.errcode === 'M_MISSING_PARAM' && /password/i.test(error.serverMessage ?? '') ? 'password' : 'form'),
      status: error.status,
      ...(error.serverMessage ? { serverMessage: clip(error.serverMessage) } : {}),
      ...(retryAfter !== undefined ? { retryAfterMs: retryAfter } : {}),
      ...(adminContact ? { adminContact } : {}),
      ...(limitType ? { limitType } : {}),
      retryable: error.status === 429 || error.status >= 500,
    };
  }
  if (error instanceof TransportError) {
    return {
      code: `transport:${error.failure}`,
      field: 'form',
      ...(error.status ? { status: error.status } : {}),
      retryable: error.failure !== 'mixed-content',
    };
  }
  if (error instanceof FlowProblemError) {
    return {
      code: `flow:${error.problem}`,
      field: error.problem.startsWith('email') ? 'email' : 'form',
      retryable: false,
    };
  }
  if (error instanceof DiscoveryError) {
    // Unreachable for a reason the browser can tell apart (CORS, offline, https page): say that.
    const cause = error.problem.state === 'FAIL_ERROR' ? error.problem.cause : undefined;
    if (cause instanceof TransportError && ['cors', 'offline', 'mixed-content', 'timeout'].includes(cause.failure)) {
      return decodeError(cause);
    }
    const reason = error.problem.state === 'INVALID_INPUT' ? 'invalid-input' : error.problem.reason;
    return { code: `discovery:${reason}`, field: 'form', retryable: reason === 'unreachable' };
  }
  return { code: 'unknown', field: 'form', retryable: true };
}

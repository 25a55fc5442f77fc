import { DiscoveryError } from './discovery';
import { MatrixApiError, TransportError } from './errors';
import type { FlowProblem } from './flow';
import { STAGE } from './stages';
import { FlowProblemError, type StageFailure } from './uia-driver';
import { ForbiddenUsernameError } from './username-available';

export type ErrorField = 'username' | 'password' | 'email' | 'token' | 'captcha' | 'terms' | 'form';

/** Any failure, reduced to what a page needs to explain it: a code, the field it concerns, the facts. */
export interface DecodedError {
  /**
   * An errcode (`M_USER_IN_USE`), `M_UNKNOWN@<status>`, `M_FORBIDDEN@username` (a forbidden name),
   * `stage:unfinished`, `transport:<failure>`, `flow:<problem>` or `discovery:<reason>`.
   */
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

// Maps: errcodes and stage names come from the server, and a plain object would answer `constructor`.
const FIELD_OF: ReadonlyMap<string, ErrorField> = new Map<string, ErrorField>([
  ['M_USER_IN_USE', 'username'],
  ['M_INVALID_USERNAME', 'username'],
  ['M_EXCLUSIVE', 'username'],
  ['M_WEAK_PASSWORD', 'password'],
  ['M_PASSWORD_TOO_SHORT', 'password'],
  ['M_PASSWORD_NO_DIGIT', 'password'],
  ['M_PASSWORD_NO_SYMBOL', 'password'],
  ['M_PASSWORD_NO_UPPERCASE', 'password'],
  ['M_PASSWORD_NO_LOWERCASE', 'password'],
  ['M_PASSWORD_IN_DICTIONARY', 'password'],
  ['M_THREEPID_IN_USE', 'email'],
  ['M_THREEPID_DENIED', 'email'],
  ['M_THREEPID_AUTH_FAILED', 'email'],
  ['M_THREEPID_NOT_FOUND', 'email'],
  ['M_SERVER_NOT_TRUSTED', 'email'],
  ['M_CAPTCHA_NEEDED', 'captcha'],
  ['M_CAPTCHA_INVALID', 'captcha'],
]);

const STAGE_FIELD: ReadonlyMap<string, ErrorField> = new Map<string, ErrorField>([
  [STAGE.registrationToken, 'token'],
  [STAGE.recaptcha, 'captcha'],
  [STAGE.email, 'email'],
  [STAGE.terms, 'terms'],
]);

/** The field whose value makes the flow problem (what to add or remove is typed there). */
const FLOW_PROBLEM_FIELD: Record<FlowProblem, ErrorField> = {
  'no-flow': 'form',
  'email-required': 'email',
  'email-unsupported': 'email',
  'email-needs-token': 'email',
  'token-with-email': 'email',
  'token-required': 'token',
  'token-unsupported': 'token',
  'token-or-email': 'token',
};

/** Server text beyond this is cut: it is shown as details, and a hostile server may send a megabyte. */
export const MAX_SERVER_MESSAGE = 500;

function clip(text: string): string {
  return text.length > MAX_SERVER_MESSAGE ? `${text.slice(0, MAX_SERVER_MESSAGE)}…` : text;
}

/**
 * A stage's failure, concerning the stage that was sent, not the errcode: the same "wrong token"
 * is `M_UNAUTHORIZED` on Synapse and `M_FORBIDDEN` on Conduit, continuwuity and Tuwunel; a refused
 * captcha `M_UNAUTHORIZED`, `M_CAPTCHA_INVALID`, `M_FORBIDDEN` (continuwuity ≤0.5.11) or Dendrite's
 * `M_BAD_JSON` (homeservers.md §2.2). The errcode stays as the code, for the details.
 */
export function decodeStageFailure(stage: string, failure: StageFailure): DecodedError {
  const errcode = failure.unfinished ? 'stage:unfinished' : (failure.errcode ?? 'M_UNKNOWN');
  return {
    code: errcode,
    field: STAGE_FIELD.get(stage) ?? FIELD_OF.get(errcode) ?? 'form',
    status: failure.status ?? 401,
    ...(failure.error ? { serverMessage: clip(failure.error) } : {}),
    retryable: false,
  };
}

/**
 * A 403 `M_FORBIDDEN` about the name, not about signing up: Tuwunel (`register.rs:205`) and
 * continuwuity (`users/account.rs`, `determine_registration_user_id`) say "Username is forbidden"
 * for names their config forbids. The same errcode and status mean "registration closed"
 * elsewhere (Synapse and Conduit "Registration has been disabled", Dendrite "Registration is
 * disabled on …", continuwuity "This server is not accepting registrations at this time."), so
 * the words decide: a name problem when they speak of the user name and not of registration.
 */
export function forbidsTheName(error: MatrixApiError): boolean {
  const words = error.serverMessage ?? '';
  return (
    error.status === 403 && error.errcode === 'M_FORBIDDEN' && /\buser\s?name\b/i.test(words) && !/regist/i.test(words)
  );
}

/**
 * A name of digits only: Synapse keeps those for guests ("Numeric user IDs are reserved for guest
 * users.", register-semantics.md) and Dendrite refuses them too ("Numeric user IDs are reserved",
 * register.go:512), while their `/register/available` may have said the name was free. Worded
 * apart, since the grammar message ("use lower-case letters, digits…") would not help.
 */
function numericNameRefused(error: MatrixApiError): boolean {
  return error.errcode === 'M_INVALID_USERNAME' && /\bnumeric\b/i.test(error.serverMessage ?? '');
}

/**
 * A name beginning with `_`: Synapse refuses it ("User ID may not begin with _", `check_username`,
 * register-semantics §5.2) though every character is allowed, so the grammar message would
 * contradict itself (audit 2026-12 item 10). Worded apart, like a numeric name.
 */
function underscoreNameRefused(error: MatrixApiError): boolean {
  return error.errcode === 'M_INVALID_USERNAME' && /\bbegin with _/i.test(error.serverMessage ?? '');
}

export function decodeError(error: unknown): DecodedError {
  if (error instanceof ForbiddenUsernameError || (error instanceof MatrixApiError && forbidsTheName(error))) {
    return {
      code: 'M_FORBIDDEN@username',
      field: 'username',
      status: error.status,
      ...(error.serverMessage ? { serverMessage: clip(error.serverMessage) } : {}),
      retryable: false,
    };
  }
  if (error instanceof MatrixApiError) {
    const retryAfter = error.status === 429 ? (error.retryAfterMs ?? 0) : undefined;
    // M_UNKNOWN says nothing: the spec says to go by the status then.
    const code =
      error.status === 429
        ? 'M_LIMIT_EXCEEDED'
        : error.errcode === 'M_UNKNOWN'
          ? `M_UNKNOWN@${error.status}`
          : numericNameRefused(error)
            ? 'M_INVALID_USERNAME@numeric'
            : underscoreNameRefused(error)
              ? 'M_INVALID_USERNAME@underscore'
              : error.errcode;
    const adminContact = typeof error.body.admin_contact === 'string' ? error.body.admin_contact : undefined;
    const limitType = typeof error.body.limit_type === 'string' ? error.body.limit_type : undefined;
    return {
      code,
      field:
        FIELD_OF.get(error.errcode) ??
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
    return { code: `flow:${error.problem}`, field: FLOW_PROBLEM_FIELD[error.problem], retryable: false };
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

import type * as z from 'zod/mini';
import { MatrixApiError, TransportError, type TransportFailure } from '../errors';
import { AdminProblem, type AdminField } from './desk-api';

/** Failures where no answer the page may read came back: the desk says "not reachable from a browser". */
const UNANSWERED: ReadonlySet<TransportFailure> = new Set<TransportFailure>([
  'offline',
  'network',
  'cors',
  'mixed-content',
  'timeout',
  'redirect-loop',
]);

/** Server text beyond this is cut: it is shown as details, and a hostile server may send a megabyte. */
const MAX_SERVER_MESSAGE = 500;

export function clipped(text: string | undefined): { serverMessage?: string } {
  if (text === undefined || text === '') return {};
  return { serverMessage: text.length > MAX_SERVER_MESSAGE ? `${text.slice(0, MAX_SERVER_MESSAGE)}…` : text };
}

/** An answer in the shape `schema` defines; any other is the server's trouble, not the desk's. */
export function parsedAnswer<T>(schema: z.ZodMiniType<T>, body: unknown): T {
  const result = schema.safeParse(body);
  if (!result.success) throw new AdminProblem('server');
  return result.data;
}

/**
 * A status without a body the page can read (a proxy's HTML page, MAS's JSON:API errors): 401 is a
 * token that no longer works, 404 (and a proxy's 403 or 405 in front of the admin paths) an admin
 * API not exposed at that address, 429 a rate limit; anything else the server's trouble.
 */
export function problemOfStatus(status: number | undefined, details: { serverMessage?: string } = {}): AdminProblem {
  const withStatus = { ...details, ...(status === undefined ? {} : { status }) };
  if (status === 401) return new AdminProblem('signed-out', withStatus);
  if (status === 403 || status === 404 || status === 405) return new AdminProblem('not-exposed', withStatus);
  if (status === 429) return new AdminProblem('rate-limited', withStatus);
  return new AdminProblem('server', withStatus);
}

/**
 * The field a Synapse token-API refusal is about, from its words: each check in
 * `synapse/rest/admin/registration_tokens.py` (`NewRegistrationTokenRestServlet.on_POST`,
 * `RegistrationTokenRestServlet.on_PUT`) names its parameter first ("token must …", "length must
 * …", "uses_allowed must …", "expiry_time must …"); the errcode is `M_INVALID_PARAM` for all.
 */
function synapseFieldOf(message: string): AdminField | undefined {
  if (/^(token|length)\b/.test(message)) return 'token';
  if (/^uses_allowed\b/.test(message)) return 'usesAllowed';
  if (/^expiry_time\b/.test(message)) return 'expiresAt';
  return undefined;
}

/**
 * Any failure of a call to an admin API (or the login before it), as the desk's kinds. Matrix
 * errors are Synapse's: `M_LIMIT_EXCEEDED`/429, `M_UNKNOWN_TOKEN`/`M_MISSING_TOKEN`/401,
 * `M_UNRECOGNIZED` (the admin resource not on this listener), `M_NOT_FOUND` (`NotFoundError`, "No
 * such registration token"), `M_FORBIDDEN` ("You are not a server admin",
 * `synapse/rest/admin/_base.py:72`, `assert_user_is_admin`) and `M_INVALID_PARAM` (the token
 * checks; "Token already exists: …" is the chosen text taken, registration_tokens.py).
 */
export function adminProblemOf(error: unknown): AdminProblem {
  if (error instanceof AdminProblem) return error;
  if (error instanceof TransportError) {
    if (UNANSWERED.has(error.failure)) return new AdminProblem('unreachable');
    return problemOfStatus(error.status);
  }
  if (error instanceof MatrixApiError) return problemOfMatrixError(error);
  // `fetch` itself rejects with a TypeError for everything below HTTP (no CORS, no network).
  if (error instanceof TypeError) return new AdminProblem('unreachable');
  return new AdminProblem('server');
}

function problemOfMatrixError(error: MatrixApiError): AdminProblem {
  const details = { ...clipped(error.serverMessage), status: error.status };
  if (error.status === 429 || error.errcode === 'M_LIMIT_EXCEEDED') {
    return new AdminProblem('rate-limited', {
      ...details,
      ...(error.retryAfterMs === undefined ? {} : { retryAfterMs: error.retryAfterMs }),
    });
  }
  if (error.status === 401 || error.errcode === 'M_UNKNOWN_TOKEN' || error.errcode === 'M_MISSING_TOKEN') {
    return new AdminProblem('signed-out', details);
  }
  if (error.errcode === 'M_UNRECOGNIZED') return new AdminProblem('not-exposed', details);
  if (error.errcode === 'M_NOT_FOUND') return new AdminProblem('no-such-token', { ...details, field: 'token' });
  if (error.status === 404) return new AdminProblem('not-exposed', details);
  if (error.status === 403 && error.errcode === 'M_FORBIDDEN') return new AdminProblem('not-admin', details);
  if (error.status === 400 && error.errcode === 'M_INVALID_PARAM') {
    const words = error.serverMessage ?? '';
    if (/^Token already exists\b/.test(words)) return new AdminProblem('token-taken', { ...details, field: 'token' });
    const field = synapseFieldOf(words);
    return new AdminProblem('invalid', { ...details, ...(field ? { field } : {}) });
  }
  return new AdminProblem('server', details);
}

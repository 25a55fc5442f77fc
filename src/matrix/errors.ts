import * as z from 'zod/mini';

/** The standard Matrix error body. Servers may add fields (`retry_after_ms`, `admin_contact`, ...). */
export const matrixErrorBodySchema = z.looseObject({
  errcode: z.string(),
  error: z.optional(z.string()),
  retry_after_ms: z.optional(z.number()),
});
export type MatrixErrorBody = z.infer<typeof matrixErrorBodySchema>;

/** The server answered with a Matrix error (`{errcode, error}`) and a non-2xx status. */
export class MatrixApiError extends Error {
  override readonly name = 'MatrixApiError';
  constructor(
    readonly status: number,
    readonly errcode: string,
    readonly serverMessage: string | undefined,
    /** Milliseconds to wait before retrying: from `Retry-After`, else `retry_after_ms`. */
    readonly retryAfterMs: number | undefined,
    readonly body: Readonly<Record<string, unknown>>,
  ) {
    super(`${errcode} (${status})`);
  }
}

export type TransportFailure =
  | 'offline' // the browser knows it has no network
  | 'network' // the server could not be reached at all
  | 'cors' // the server answered, but not to this page (no CORS headers)
  | 'mixed-content' // an https page may not call an http server
  | 'timeout'
  | 'server' // 5xx without a Matrix error body
  | 'not-json' // the answer is not JSON, or not the JSON shape this endpoint defines
  | 'unexpected-status'
  | 'too-large' // the answer passed `MAX_RESPONSE_BYTES`; it was not read whole
  | 'redirect-loop'; // the server redirects in a loop (or past the browser's limit)

/** The exchange failed below the Matrix protocol: there is no errcode to explain it. */
export class TransportError extends Error {
  override readonly name = 'TransportError';
  constructor(
    readonly failure: TransportFailure,
    readonly status?: number,
  ) {
    super(status === undefined ? failure : `${failure} (${status})`);
  }
}

/**
 * The `Retry-After` header wins over the deprecated `retry_after_ms` (spec v1.10). Cross-origin
 * clients often cannot read the header (it is not CORS-safelisted), hence the fallback.
 */
export function retryAfterMs(headers: Headers, body: { retry_after_ms?: number }): number | undefined {
  const header = headers.get('Retry-After')?.trim();
  if (header !== undefined && /^\d+$/.test(header)) return Number(header) * 1000;
  if (header !== undefined && header !== '') {
    const date = Date.parse(header);
    if (!Number.isNaN(date)) return Math.max(0, date - Date.now());
  }
  if (typeof body.retry_after_ms === 'number' && body.retry_after_ms >= 0) return body.retry_after_ms;
  return undefined;
}

import { MatrixApiError, TransportError, matrixErrorBodySchema, retryAfterMs } from './errors';

export const DEFAULT_TIMEOUT_MS = 15_000;

export interface MatrixResponse {
  status: number;
  headers: Headers;
  /** The parsed JSON body. */
  body: unknown;
}

export interface RequestOptions {
  method?: 'GET' | 'POST';
  json?: unknown;
  signal?: AbortSignal;
  timeoutMs?: number;
  /** Statuses the caller reads itself (UIA's 401) instead of having them thrown. */
  acceptStatuses?: readonly number[];
}

/**
 * One JSON request to a Matrix server. Resolves with 2xx answers (and `acceptStatuses`), throws
 * `MatrixApiError` for Matrix error bodies and `TransportError` for everything below the protocol.
 * An abort from the caller's signal is rethrown as the original `AbortError`.
 */
export async function requestJson(url: string, options: RequestOptions = {}): Promise<MatrixResponse> {
  const timeout = AbortSignal.timeout(options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  let response: Response;
  try {
    response = await fetch(url, {
      method: options.method ?? 'GET',
      headers: options.json === undefined ? undefined : { 'Content-Type': 'application/json' },
      body: options.json === undefined ? undefined : JSON.stringify(options.json),
      signal,
      // Nothing here needs cookies, and sending them to an arbitrary homeserver would leak them.
      credentials: 'omit',
    });
  } catch (cause) {
    throw abortOr(cause, options.signal, timeout);
  }

  let body: unknown;
  try {
    body = await response.json();
  } catch (cause) {
    if (options.signal?.aborted || timeout.aborted) throw abortOr(cause, options.signal, timeout);
    throw new TransportError(response.status >= 500 ? 'server' : 'not-json', response.status);
  }

  if (response.ok || options.acceptStatuses?.includes(response.status)) {
    return { status: response.status, headers: response.headers, body };
  }
  const error = matrixErrorBodySchema.safeParse(body);
  if (error.success) {
    throw new MatrixApiError(
      response.status,
      error.data.errcode,
      error.data.error,
      retryAfterMs(response.headers, error.data),
      error.data,
    );
  }
  throw new TransportError(response.status >= 500 ? 'server' : 'unexpected-status', response.status);
}

function abortOr(cause: unknown, callerSignal: AbortSignal | undefined, timeout: AbortSignal): unknown {
  if (callerSignal?.aborted) return callerSignal.reason ?? cause;
  if (timeout.aborted) return new TransportError('timeout');
  return new TransportError('network');
}

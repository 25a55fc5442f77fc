import { MatrixApiError, TransportError, matrixErrorBodySchema, retryAfterMs } from './errors';

export const DEFAULT_TIMEOUT_MS = 15_000;
/** Bodies past this are not read: a hostile server must not be able to exhaust the page. */
export const MAX_RESPONSE_BYTES = 1024 * 1024;

export interface MatrixResponse {
  status: number;
  headers: Headers;
  /** The parsed JSON body. */
  body: unknown;
}

export interface RequestOptions {
  /** `PUT` and `DELETE` only for the admin APIs (the invite desk's tokens). */
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  json?: unknown;
  /** A form body (`application/x-www-form-urlencoded`), as OAuth 2.0's token and revocation endpoints take. */
  form?: URLSearchParams;
  /** An access token for `Authorization: Bearer`; never put in the URL. */
  bearer?: string;
  signal?: AbortSignal;
  timeoutMs?: number;
  /** Statuses the caller reads itself (UIA's 401, discovery's 404) instead of having them thrown. */
  acceptStatuses?: readonly number[];
}

/**
 * One JSON request to a Matrix server. Resolves with 2xx answers (and `acceptStatuses`), throws
 * `MatrixApiError` for Matrix error bodies and `TransportError` for everything below the protocol.
 * An abort from the caller's signal is rethrown as the caller's reason.
 */
export async function requestJson(url: string, options: RequestOptions = {}): Promise<MatrixResponse> {
  const timeout = AbortSignal.timeout(options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  let response: Response;
  try {
    response = await fetch(url, {
      method: options.method ?? 'GET',
      headers: requestHeaders(options),
      body: options.form ?? (options.json === undefined ? undefined : JSON.stringify(options.json)),
      signal,
      // Nothing here needs cookies, and sending them to an arbitrary homeserver would leak them.
      credentials: 'omit',
      // A redirect loop or a redirect to another origin is the browser's to stop; we only follow.
      redirect: 'follow',
    });
  } catch (cause) {
    if (options.signal?.aborted) throw options.signal.reason ?? cause;
    if (timeout.aborted) throw new TransportError('timeout');
    throw await explainFetchFailure(url);
  }

  let body: unknown;
  try {
    body = JSON.parse(await readLimited(response, signal));
  } catch (cause) {
    if (options.signal?.aborted) throw options.signal.reason ?? cause;
    if (timeout.aborted) throw new TransportError('timeout');
    if (cause instanceof TooLarge) throw new TransportError('too-large', response.status);
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

function requestHeaders(options: RequestOptions): Record<string, string> | undefined {
  const headers: Record<string, string> = {};
  if (options.json !== undefined) headers['Content-Type'] = 'application/json';
  if (options.form !== undefined) headers['Content-Type'] = 'application/x-www-form-urlencoded';
  if (options.bearer !== undefined) headers.Authorization = `Bearer ${options.bearer}`;
  return Object.keys(headers).length > 0 ? headers : undefined;
}

class TooLarge extends Error {}

async function readLimited(response: Response, signal: AbortSignal): Promise<string> {
  const declared = Number(response.headers.get('Content-Length'));
  if (declared > MAX_RESPONSE_BYTES) throw new TooLarge();
  if (!response.body) return response.text();
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    if (signal.aborted) throw new Error('aborted');
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_RESPONSE_BYTES) {
      // Not awaited: some streams only settle a cancel once fully read, which is what this avoids.
      reader.cancel().catch(() => undefined);
      throw new TooLarge();
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return new TextDecoder().decode(bytes);
}

/**
 * Browsers give one opaque `TypeError` for every failed fetch. We tell the cases apart: mixed
 * content and offline from the page's own state, CORS from a `no-cors` probe, which succeeds
 * (opaquely) when the server is up but does not allow this page, and a redirect loop from a probe
 * that does not follow redirects, which succeeds when the server answers with one.
 *
 * `cors` says only that something answered without CORS headers, whatever its status: any web
 * site does that. Whether it is a Matrix server is discovery's question (`no-cors-probe.ts`).
 */
async function explainFetchFailure(url: string): Promise<TransportError> {
  if (typeof window === 'undefined') return new TransportError('network');
  if (window.location.protocol === 'https:' && url.startsWith('http:')) return new TransportError('mixed-content');
  if (!navigator.onLine) return new TransportError('offline');
  try {
    await fetch(url, { mode: 'no-cors', credentials: 'omit', signal: AbortSignal.timeout(5_000) });
    return new TransportError('cors');
  } catch {
    // Not answered, or answered with redirects that never end.
  }
  try {
    // `manual` is not allowed with `no-cors`; a CORS-enabled server's redirect passes this way.
    const first = await fetch(url, {
      credentials: 'omit',
      redirect: 'manual',
      signal: AbortSignal.timeout(5_000),
    });
    return new TransportError(first.type === 'opaqueredirect' ? 'redirect-loop' : 'network');
  } catch {
    return new TransportError('network');
  }
}

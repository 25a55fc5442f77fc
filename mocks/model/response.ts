/** What the model answers; the transports turn it into an HTTP response. No MSW or Node types here. */
export type ModelResponse = (
  | { status: number; body: Record<string, unknown> }
  | { status: number; html: string }
  | { status: number; text: string; contentType: string }
  | { status: number; empty: true }
) & {
  headers?: Record<string, string>;
  /** False for pages Synapse serves without CORS headers (its static and consent pages). */
  cors?: boolean;
};

/** Spec §11 headers, as Synapse sends them on every API answer. */
export const CORS_HEADERS: Readonly<Record<string, string>> = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'GET, HEAD, POST, PUT, DELETE, OPTIONS',
  'Access-Control-Allow-Headers': 'X-Requested-With, Content-Type, Authorization, Date',
  'Access-Control-Expose-Headers': 'Synapse-Trace-Id, Server',
};

export function ok(body: Record<string, unknown>, status = 200): ModelResponse {
  return { status, body };
}

export function matrixError(
  status: number,
  errcode: string,
  error: string,
  extra: Record<string, unknown> = {},
): ModelResponse & { body: Record<string, unknown> } {
  return { status, body: { errcode, error, ...extra } };
}

/** `M_LIMIT_EXCEEDED` as current Synapse sends it: the body field and the header (1.94 sent the field only). */
export function rateLimited(retryAfterMs: number): ModelResponse {
  return {
    status: 429,
    body: { errcode: 'M_LIMIT_EXCEEDED', error: 'Too Many Requests', retry_after_ms: retryAfterMs },
    headers: { 'Retry-After': String(Math.ceil(retryAfterMs / 1000)) },
  };
}

/**
 * An HTML page, without CORS headers: Synapse serves its pages (UIA fallback, the email link) with
 * `respond_with_html`, which adds none (recorded: ca.fallback_get, er.submit_token_valid).
 */
export function html(body: string, status = 200): ModelResponse {
  return { status, html: body, cors: false };
}

/**
 * One of Synapse's own pages (the UIA fallback, the email link): `respond_with_html` adds no CORS
 * headers, and forbids framing with `X-Frame-Options: DENY` and `frame-ancestors 'none'`
 * (`set_clickjacking_protection_headers`, synapse/http/server.py:969-989 at v1.94.0), so that no
 * other site can overlay its "I have done this" button.
 */
export function synapsePage(body: string, status = 200): ModelResponse {
  return {
    ...html(body, status),
    headers: { 'X-Frame-Options': 'DENY', 'Content-Security-Policy': "frame-ancestors 'none';" },
  };
}

export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char] ?? char,
  );
}

/** The status, headers and body bytes of a model answer, for any transport. */
export function serialize(
  response: ModelResponse,
  /** `corsHeaders`: the family's own set (`families.ts`); Synapse's by default. */
  options: { cors: boolean; corsHeaders?: Readonly<Record<string, string>> },
): { status: number; headers: Record<string, string>; body: string } {
  const headers: Record<string, string> = {};
  let body = '';
  if ('body' in response) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(response.body);
  } else if ('html' in response) {
    headers['Content-Type'] = 'text/html; charset=utf-8';
    body = response.html;
  } else if ('text' in response) {
    headers['Content-Type'] = response.contentType;
    body = response.text;
  }
  if (options.cors && response.cors !== false) Object.assign(headers, options.corsHeaders ?? CORS_HEADERS);
  Object.assign(headers, response.headers);
  return { status: response.status, headers, body };
}

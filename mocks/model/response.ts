/** What the model answers; the MSW handlers turn it into an HTTP response. No MSW types here. */
export type ModelResponse =
  | { status: number; body: Record<string, unknown>; headers?: Record<string, string> }
  | { status: number; html: string }
  | { status: number; text: string; contentType: string };

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

/** `M_LIMIT_EXCEEDED` the way Synapse sends it: both the body field and the header. */
export function rateLimited(retryAfterMs: number): ModelResponse {
  return {
    status: 429,
    body: { errcode: 'M_LIMIT_EXCEEDED', error: 'Too Many Requests', retry_after_ms: retryAfterMs },
    headers: { 'Retry-After': String(Math.ceil(retryAfterMs / 1000)) },
  };
}

export function html(body: string, status = 200): ModelResponse {
  return { status, html: body };
}

export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char] ?? char,
  );
}

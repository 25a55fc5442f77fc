/** What the model answers; the MSW handlers turn it into an HTTP response. No MSW types here. */
export interface ModelResponse {
  status: number;
  body: Record<string, unknown>;
  headers?: Record<string, string>;
}

export function ok(body: Record<string, unknown>, status = 200): ModelResponse {
  return { status, body };
}

export function matrixError(
  status: number,
  errcode: string,
  error: string,
  extra: Record<string, unknown> = {},
): ModelResponse {
  return { status, body: { errcode, error, ...extra } };
}

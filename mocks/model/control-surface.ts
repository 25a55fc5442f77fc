import type { HomeserverConfig } from './config.js';
import { issuerPath } from './oauth/issuer.js';
import type { ModelRequest } from './request.js';
import { CORS_HEADERS, matrixError, type ModelResponse } from './response.js';

/*
 * The mock's control surface: its own `/_mock` API (mail, accounts, tokens, reset, scenario),
 * Synapse's admin API and MAS's (below the issuer), whose credentials (`admin` / `admin-password`,
 * the shared secret) are public. MAS itself answers its admin API with CORS for every origin
 * (crates/handlers/src/admin/mod.rs:225-236), as Synapse does its own; the mock closes both alike.
 * Unlike the Matrix API, which keeps Synapse's `Access-Control-Allow-Origin: *`, it is closed to
 * pages of other origins unless `controlOrigins` names them (security review M3).
 */

/** `/_mock`, `/_mock/…`, `/_synapse/admin/…` and `{issuer}api/admin/…`, on the raw path the routes match. */
export function isControlPath(path: string, config: HomeserverConfig): boolean {
  if (/^\/(?:_mock|_synapse\/admin)(?:\/|$)/.test(path)) return true;
  return config.oauth !== null && path.startsWith(`${issuerPath(config.oauth)}api/admin/`);
}

function allowedOrigin(request: ModelRequest, config: HomeserverConfig): string | undefined {
  const origin = request.headers.origin;
  return origin !== undefined && config.controlOrigins.includes(origin) ? origin : undefined;
}

/**
 * An answer on the control surface: CORS headers for a configured origin alone, named back (never
 * `*`), and `Vary: Origin` so that a cache does not hand one origin's answer to another.
 */
export function withControlCors(
  request: ModelRequest,
  config: HomeserverConfig,
  response: ModelResponse,
): ModelResponse {
  const origin = allowedOrigin(request, config);
  return {
    ...response,
    cors: false,
    headers: {
      ...(config.controlOrigins.length > 0 ? { Vary: 'Origin' } : {}),
      ...(origin === undefined ? {} : { ...CORS_HEADERS, 'Access-Control-Allow-Origin': origin }),
      ...response.headers,
    },
  };
}

/** A preflight on the control surface: allowed for a configured origin, refused for any other. */
export function controlPreflight(request: ModelRequest, config: HomeserverConfig, status: number): ModelResponse {
  if (allowedOrigin(request, config) === undefined) {
    return withControlCors(
      request,
      config,
      matrixError(403, 'M_FORBIDDEN', "Cross-origin requests to the mock's control API are off (see controlOrigins)"),
    );
  }
  return withControlCors(request, config, { status, empty: true, headers: { 'Content-Length': '0' } });
}

/**
 * A change through `/_mock` must come as `Content-Type: application/json`, which is not a CORS
 * "simple" request: a page of another origin cannot send it (a form, a `no-cors` fetch) without a
 * preflight, and the preflight is refused. A guess at the status and errcode: Synapse has no such
 * endpoint, so it is 415 with the spec's `M_NOT_JSON`.
 */
export function refuseSimpleChange(request: ModelRequest): ModelResponse | undefined {
  if (request.method === 'GET' || request.method === 'HEAD') return undefined;
  const mediaType = request.headers['content-type']?.split(';')[0]?.trim().toLowerCase();
  return mediaType === 'application/json'
    ? undefined
    : matrixError(415, 'M_NOT_JSON', "Changes through /_mock must be sent as 'Content-Type: application/json'");
}

import type { ModelRequest } from '../request.js';
import type { ModelResponse } from '../response.js';

/**
 * Sent by the page's own script (and the browser mock's shell page), which posts the form with
 * `fetch`: `fetch` cannot read a 303's `Location`, so such a request gets it as JSON instead.
 */
export const SHELL_HEADER = 'X-Mock-Oauth-Shell';

/** RFC 6749 §5.1: nothing an OAuth endpoint answers may be cached. */
const NO_STORE = { 'Cache-Control': 'no-store', Pragma: 'no-cache' };

/** An RFC 6749 §5.2 / RFC 7591 §3.2.2 error body. */
export function oauthError(status: number, error: string, description: string): ModelResponse {
  return { status, body: { error, error_description: description }, headers: NO_STORE };
}

export function oauthOk(body: Record<string, unknown>, status = 200): ModelResponse {
  return { status, body, headers: NO_STORE };
}

/** The form fields of an `application/x-www-form-urlencoded` body (OAuth's token and revocation requests). */
export function formOf(request: ModelRequest): URLSearchParams {
  return new URLSearchParams(new TextDecoder().decode(request.body));
}

/** The redirect URI with the answer in its query or its fragment (OAuth 2.0 Multiple Response Types). */
export function callbackUrl(redirectUri: string, mode: 'query' | 'fragment', params: Record<string, string>): string {
  const url = new URL(redirectUri);
  const answer = new URLSearchParams(params);
  if (mode === 'fragment') {
    url.hash = answer.toString();
  } else {
    for (const [name, value] of answer) url.searchParams.append(name, value);
  }
  return url.href;
}

/** Back to the client: a 303 for a plain form post, `{location}` for the page's script. */
export function redirectTo(request: ModelRequest, location: string): ModelResponse {
  if (request.headers[SHELL_HEADER.toLowerCase()] === '1') return oauthOk({ location });
  return { status: 303, empty: true, headers: { Location: location, ...NO_STORE } };
}

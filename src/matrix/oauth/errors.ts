import * as z from 'zod/mini';

/** An OAuth 2.0 error body (RFC 6749 §5.2, RFC 7591 §3.2.2). */
export const oauthErrorBodySchema = z.looseObject({
  error: z.string(),
  error_description: z.optional(z.string()),
});

/**
 * The OAuth server, or the round trip, said no. `code` is the RFC's error code (`access_denied`,
 * `invalid_redirect_uri`, `invalid_grant`, …) or one of the page's own: `state_mismatch` (the answer
 * is not to the request this tab made), `issuer_mismatch` (RFC 9207: the answer's `iss` is not
 * the issuer this tab sent the person to, or is missing where the metadata promised it), `no_round_trip` (nothing was started here, or it was already
 * finished), `bad_answer` (an answer the protocol does not define).
 */
export class OAuthError extends Error {
  override readonly name = 'OAuthError';
  constructor(
    readonly code: string,
    /** The server's own words, shown as details, as text. */
    readonly description?: string,
  ) {
    super(code);
  }
}

/** An OAuth error from a JSON answer, else a `bad_answer`. */
export function oauthErrorOf(body: unknown): OAuthError {
  const parsed = oauthErrorBodySchema.safeParse(body);
  return parsed.success
    ? new OAuthError(parsed.data.error, parsed.data.error_description)
    : new OAuthError('bad_answer');
}

import * as z from 'zod/mini';
import { requestJson } from '../http';
import { oauthErrorOf, OAuthError } from './errors';

/**
 * RFC 6749 §5.1: `token_type` is required; only a bearer token can be used (RFC 6750), in any case.
 * `scope` may be left out only when it is the scope asked for (MAS always names the granted one:
 * `crates/handlers/src/oauth2/token.rs`, `with_scope`).
 */
const tokenAnswerSchema = z.looseObject({
  access_token: z.string(),
  token_type: z.string(),
  refresh_token: z.optional(z.string()),
  scope: z.optional(z.string()),
});
export type TokenAnswer = z.infer<typeof tokenAnswerSchema>;

/** What a code exchange needs of the round trip that asked for the code (sign-up's or the desk's). */
export interface CodeGrant {
  tokenEndpoint: string;
  redirectUri: string;
  clientId: string;
  verifier: string;
}

/**
 * RFC 6749 §4.1.3 with PKCE (RFC 7636 §4.5): the code for tokens. Rejects with the server's
 * `OAuthError`, `OAuthError('bad_answer')` for an answer that is not a bearer token, or the
 * network's error as `requestJson` gives it.
 */
export async function exchangeCode(grant: CodeGrant, code: string): Promise<TokenAnswer> {
  const response = await requestJson(grant.tokenEndpoint, {
    method: 'POST',
    form: new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      redirect_uri: grant.redirectUri,
      client_id: grant.clientId,
      code_verifier: grant.verifier,
    }),
    acceptStatuses: [400, 401],
  });
  if (response.status >= 400) throw oauthErrorOf(response.body);
  const parsed = tokenAnswerSchema.safeParse(response.body);
  if (!parsed.success || parsed.data.token_type.toLowerCase() !== 'bearer') throw new OAuthError('bad_answer');
  return parsed.data;
}

/**
 * RFC 7009, best effort: revoking the access token ends its whole session at MAS (its refresh token
 * too). A failure is swallowed: the token is dropped from memory by the caller and expires on its own.
 */
export async function revokeToken(
  server: { revocationEndpoint?: string; clientId: string },
  token: string,
): Promise<void> {
  if (!server.revocationEndpoint) return;
  try {
    await requestJson(server.revocationEndpoint, {
      method: 'POST',
      form: new URLSearchParams({ token, token_type_hint: 'access_token', client_id: server.clientId }),
    });
  } catch {
    // See above.
  }
}

import * as z from 'zod/mini';
import { homeserverAt, endpoint, type ApiPrefix } from '../homeserver';
import { requestJson } from '../http';
import { oauthErrorOf, OAuthError } from './errors';
import type { AuthorizationAnswer, RoundTrip } from './round-trip';

/** RFC 6749 §5.1: `token_type` is required; the page can only use a bearer token (RFC 6750), in any case. */
const tokenSchema = z.looseObject({
  access_token: z.string(),
  token_type: z.string(),
  refresh_token: z.optional(z.string()),
});
const whoamiSchema = z.looseObject({ user_id: z.string() });

export interface OAuthAccount {
  userId: string;
  serverName: string;
}

/**
 * The way back (spec v1.18 "OAuth 2.0 API"): checks the state, exchanges the code with the PKCE
 * verifier, asks the homeserver who the token is, and revokes the token at once: this page signs
 * people up, it does not keep them signed in. No token leaves this function.
 */
export async function completeOAuthSignup(
  answer: AuthorizationAnswer,
  roundTrip: RoundTrip | undefined,
): Promise<OAuthAccount> {
  if (!roundTrip) throw new OAuthError('no_round_trip');
  // Checked before anything else: an answer to another request (or a forged link) is not used at all.
  if (answer.state !== roundTrip.state) throw new OAuthError('state_mismatch');
  // RFC 9207 §2.4: an answer from another issuer than the one this tab sent the person to is a
  // mix-up (security review 2026-12, P1): its code must not go to this issuer's token endpoint.
  // Checked for errors too, and an answer without `iss` is refused when the metadata promised it.
  if (answer.iss !== undefined ? answer.iss !== roundTrip.issuer : roundTrip.issRequired === true) {
    throw new OAuthError('issuer_mismatch');
  }
  if (answer.error !== undefined) throw new OAuthError(answer.error, answer.errorDescription);
  if (answer.code === undefined) throw new OAuthError('bad_answer');

  const tokens = await exchangeCode(roundTrip, answer.code);
  try {
    const server = homeserverAt(roundTrip.baseUrl, roundTrip.prefix as ApiPrefix);
    const whoami = await requestJson(endpoint(server, '/account/whoami'), { bearer: tokens.access_token });
    const parsed = whoamiSchema.safeParse(whoami.body);
    if (!parsed.success) throw new OAuthError('bad_answer');
    return { userId: parsed.data.user_id, serverName: roundTrip.serverName };
  } finally {
    await revoke(roundTrip, tokens.access_token);
  }
}

async function exchangeCode(roundTrip: RoundTrip, code: string) {
  const response = await requestJson(roundTrip.tokenEndpoint, {
    method: 'POST',
    form: new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      redirect_uri: roundTrip.redirectUri,
      client_id: roundTrip.clientId,
      code_verifier: roundTrip.verifier,
    }),
    acceptStatuses: [400, 401],
  });
  if (response.status >= 400) throw oauthErrorOf(response.body);
  const parsed = tokenSchema.safeParse(response.body);
  if (!parsed.success || parsed.data.token_type.toLowerCase() !== 'bearer') throw new OAuthError('bad_answer');
  return parsed.data;
}

/** RFC 7009. Revoking the access token ends the whole session (its refresh token too) at MAS. */
async function revoke(roundTrip: RoundTrip, token: string): Promise<void> {
  if (!roundTrip.revocationEndpoint) return;
  try {
    await requestJson(roundTrip.revocationEndpoint, {
      method: 'POST',
      form: new URLSearchParams({ token, token_type_hint: 'access_token', client_id: roundTrip.clientId }),
    });
  } catch {
    // The account exists either way; the token is dropped from memory here and expires on its own.
  }
}

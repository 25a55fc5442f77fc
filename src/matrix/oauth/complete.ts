import * as z from 'zod/mini';
import { homeserverAt, endpoint, type ApiPrefix } from '../homeserver';
import { requestJson } from '../http';
import { OAuthError } from './errors';
import type { AuthorizationAnswer, RoundTrip } from './round-trip';
import { exchangeCode, revokeToken } from './token-endpoint';

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
    await revokeToken(roundTrip, tokens.access_token);
  }
}

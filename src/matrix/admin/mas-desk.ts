import { requestJson } from '../http';
import { clientMetadata, redirectUriOf, registerClient } from '../oauth/client-registration';
import { OAuthError } from '../oauth/errors';
import { createPkce, randomUrlSafe } from '../oauth/pkce';
import { answerIn, readAuthorizationAnswer, type AuthorizationAnswer } from '../oauth/round-trip';
import { exchangeCode, revokeToken } from '../oauth/token-endpoint';
import { adminProblemOf, clipped } from './admin-problem';
import { saveAdminRoundTrip, takeAdminRoundTrip, type AdminRoundTrip } from './admin-round-trip';
import { AdminProblem, type TokenDesk } from './desk-api';
import type { MasAdminApi } from './find-admin-api';
import { masCall, masDesk } from './mas-tokens';
import { masUserinfoSchema } from './mas-wire';

/**
 * The authorization answer an address carries (fragment first), read without touching the address.
 * Here, not in round-trip.ts: that module is in the sign-up page's start-up code, this is the desk's.
 */
export function authorizationAnswerAt(url: URL): AuthorizationAnswer | undefined {
  return answerIn(new URLSearchParams(url.hash.slice(1))) ?? answerIn(new URLSearchParams(url.search));
}

/**
 * What the desk asks MAS for. `urn:mas:admin` is what its admin API checks (and only that:
 * `crates/handlers/src/admin/call_context.rs`); MAS's policy grants it in an authorization-code
 * grant to users who may request admin (`policies/authorization_grant/authorization_grant.rego`,
 * `can_request_admin`: `admin_users`, or the user's flag). `openid` lets the userinfo endpoint say
 * who signed in (`crates/handlers/src/oauth2/userinfo.rs` refuses a session without it). No
 * Matrix scope: the desk needs no device on the homeserver.
 */
export const MAS_ADMIN_SCOPE = 'openid urn:mas:admin';
const ADMIN_SCOPE_TOKEN = 'urn:mas:admin';

function problemOfOAuth(error: unknown): AdminProblem {
  if (!(error instanceof OAuthError)) return adminProblemOf(error);
  // `access_denied`: the admin cancelled, or MAS refused the grant; `invalid_grant`: the code was
  // used or expired. Either way nothing is signed in: sign in again.
  const kind = error.code === 'access_denied' || error.code === 'invalid_grant' ? 'signed-out' : 'server';
  return new AdminProblem(kind, clipped(error.description ?? error.code));
}

/**
 * Everything before leaving for MAS: registers this page as a client (RFC 7591, as the sign-up page
 * does), makes the PKCE verifier and the state, keeps them for the way back, and returns the
 * authorization URL to go to. No `prompt=create`: the admin has an account.
 */
export async function startMasAdminSignIn(api: MasAdminApi, page: URL, clientName: string): Promise<string> {
  const endpoints = api.oauth.endpoints;
  if (!endpoints) throw new AdminProblem('unreachable');
  let clientId: string;
  try {
    clientId = await registerClient(endpoints.registration, clientMetadata(page, clientName));
  } catch (error) {
    throw problemOfOAuth(error);
  }
  const { verifier, challenge } = await createPkce();
  const state = randomUrlSafe(16);
  const redirectUri = redirectUriOf(page);
  saveAdminRoundTrip({
    state,
    verifier,
    clientId,
    redirectUri,
    issuer: api.issuer,
    ...(api.oauth.issInAnswer ? { issRequired: true } : {}),
    tokenEndpoint: endpoints.token,
    ...(endpoints.revocation ? { revocationEndpoint: endpoints.revocation } : {}),
    ...(api.oauth.userinfo ? { userinfoEndpoint: api.oauth.userinfo } : {}),
  });
  const url = new URL(endpoints.authorization);
  const params: Record<string, string> = {
    response_type: 'code',
    response_mode: api.oauth.responseMode,
    client_id: clientId,
    redirect_uri: redirectUri,
    scope: MAS_ADMIN_SCOPE,
    state,
    code_challenge: challenge,
    code_challenge_method: 'S256',
  };
  for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
  return url.href;
}

/** The answer is taken out of the browser's address at once, when `page` is that address. */
function forgetAnswerInAddress(page: URL): void {
  if (typeof window !== 'undefined' && window.location.href === page.href) {
    readAuthorizationAnswer(window.location, window.history);
  }
}

/** The code for tokens (shared with the sign-up flow), its failures in the desk's words. */
async function exchangeAdminCode(roundTrip: AdminRoundTrip, code: string) {
  try {
    return await exchangeCode(roundTrip, code);
  } catch (error) {
    throw error instanceof OAuthError && error.code === 'bad_answer'
      ? new AdminProblem('server')
      : problemOfOAuth(error);
  }
}

/**
 * A harmless admin call: the first page of one token. MAS answers 401 to a session without
 * `urn:mas:admin` (`call_context.rs`, `MissingScope`, as for a locked user), which here, with a
 * token just issued, means the admin scope was not granted.
 */
async function checkAdmin(api: MasAdminApi, token: string): Promise<void> {
  try {
    await masCall(`${api.adminBase}user-registration-tokens?page%5Bfirst%5D=1&count=false`, token);
  } catch (error) {
    if (error instanceof AdminProblem && error.kind === 'signed-out') {
      throw new AdminProblem('not-admin', error.details);
    }
    throw error;
  }
}

/** `@username:server` from MAS's userinfo; the bare username where the server name is not known, `''` where MAS does not say. */
async function adminIdOf(api: MasAdminApi, roundTrip: AdminRoundTrip, token: string): Promise<string> {
  if (!roundTrip.userinfoEndpoint) return '';
  try {
    const answer = await requestJson(roundTrip.userinfoEndpoint, { bearer: token });
    const username = masUserinfoSchema.safeParse(answer.body).data?.username;
    if (username === undefined) return '';
    return api.serverName ? `@${username}:${api.serverName}` : username;
  } catch {
    // Who signed in is shown, not needed: the desk works without it.
    return '';
  }
}

/**
 * The way back from MAS: `undefined` when `page` carries no authorization answer. Otherwise checks
 * the answer is this tab's (state, RFC 9207 `iss`, the same issuer), exchanges the code with the
 * PKCE verifier, and checks the admin scope was granted and works, revoking the token when it
 * cannot be used. Rejects only with `AdminProblem`: `signed-out` for an answer that is not this
 * tab's or a cancel (sign in again), `not-admin` without `urn:mas:admin`.
 */
export async function completeMasAdminSignIn(api: MasAdminApi, page: URL): Promise<TokenDesk | undefined> {
  const answer = authorizationAnswerAt(page);
  if (!answer) return undefined;
  forgetAnswerInAddress(page);
  const roundTrip = takeAdminRoundTrip();
  // Checked before anything else: an answer to another request (or a forged link) is not used at all.
  if (!roundTrip || roundTrip.issuer !== api.issuer || answer.state !== roundTrip.state) {
    throw new AdminProblem('signed-out');
  }
  if (answer.iss !== undefined ? answer.iss !== roundTrip.issuer : roundTrip.issRequired === true) {
    throw new AdminProblem('signed-out');
  }
  if (answer.error !== undefined) throw problemOfOAuth(new OAuthError(answer.error, answer.errorDescription));
  if (answer.code === undefined) throw new AdminProblem('server');

  const tokens = await exchangeAdminCode(roundTrip, answer.code);
  try {
    // RFC 6749 §5.1: `scope` may be left out only when it is the scope asked for.
    if (tokens.scope !== undefined && !tokens.scope.split(' ').includes(ADMIN_SCOPE_TOKEN)) {
      throw new AdminProblem('not-admin');
    }
    await checkAdmin(api, tokens.access_token);
  } catch (error) {
    await revokeToken(roundTrip, tokens.access_token);
    throw adminProblemOf(error);
  }
  const adminId = await adminIdOf(api, roundTrip, tokens.access_token);
  return masDesk(api.adminBase, {
    accessToken: tokens.access_token,
    adminId,
    clientId: roundTrip.clientId,
    ...(roundTrip.revocationEndpoint ? { revocationEndpoint: roundTrip.revocationEndpoint } : {}),
  });
}

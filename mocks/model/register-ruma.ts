import { checkFamilyStage, familyUiaBody, refuse } from './family-uia.js';
import type { MockHomeserver } from './homeserver.js';
import { hashPassword } from './password.js';
import { registerAppserviceUser } from './register.js';
import { clientParams, parseJsonObject, type JsonObject, type ModelRequest } from './request.js';
import { matrixError, ok, type ModelResponse } from './response.js';
import { rumaUsernameProblem } from './ruma-username.js';
import type { UiaSession } from './state.js';
import { flowComplete } from './uia.js';

const LOWER_ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';
const EMAIL_STAGE = 'm.login.email.identity';

/**
 * `POST /register` as the Rust servers answer it: Conduit (`account.rs` register_route),
 * continuwuity (v0.5.6 `account.rs`; ≥0.5.7 `account/register.rs`) and Tuwunel (`register.rs`),
 * with the family's facts from `families.ts`. Username checks come before UIA, except on
 * continuwuity ≥0.5.7, which runs UIA first and judges the name only afterwards (`register.rs:78-93`).
 */
export async function registerRuma(homeserver: MockHomeserver, request: ModelRequest): Promise<ModelResponse> {
  const { config, family } = homeserver;
  const parsed = parseJsonObject(request.body);
  if ('error' in parsed) return parsed.error;
  let body = parsed.value;
  const kind = request.query.get('kind') ?? 'user';
  const isGuest = kind === 'guest';
  const isAppservice = body.type === 'm.login.application_service';

  if (family.guests === 'refused-first' && kind !== 'user') {
    return matrixError(403, 'M_GUEST_ACCESS_FORBIDDEN', 'Guests may not register on this server.');
  }
  if (!config.enableRegistration && !isAppservice) return refuse(homeserver, family.disabled);
  if (homeserver.legacyRegistrationClosed) {
    return matrixError(404, 'M_UNRECOGNIZED', 'User-interactive authentication is unavailable on this server');
  }
  const guestsRefused =
    family.guests !== 'with-registration' &&
    (!config.allowGuests || (family.guests === 'setting-unless-token' && config.requireToken));
  if (isGuest && guestsRefused) {
    return matrixError(403, 'M_GUEST_ACCESS_FORBIDDEN', 'Guest registration is disabled.');
  }

  // Conduit's lineage fills what a later body leaves out from the session's first body (axum.rs:330-354).
  const auth =
    typeof body.auth === 'object' && body.auth !== null && !Array.isArray(body.auth)
      ? (body.auth as JsonObject)
      : undefined;
  const sessionId = typeof auth?.session === 'string' && auth.session !== '' ? auth.session : undefined;
  const known = sessionId === undefined ? undefined : homeserver.getSession(sessionId);
  if (known && family.carriesFirstBody) body = { ...known.params, ...body };

  if (isAppservice) return registerAppserviceUser(homeserver, request, body);

  const username = typeof body.username === 'string' && !isGuest ? body.username : undefined;
  if (!family.usernameAfterUia && username !== undefined) {
    const problem = rumaUsernameProblem(homeserver, username, 'register');
    if (problem) return refuse(homeserver, problem);
  }
  const password = typeof body.password === 'string' ? body.password : undefined;

  // Guests skip UIA, but on Conduit where a token is configured (account.rs: skip_auth).
  const skipAuth = isGuest && !(family.guests === 'with-registration' && config.requireToken);
  let session: UiaSession | undefined;
  if (!skipAuth) {
    const outcome = await authenticate(homeserver, request, body, auth, sessionId, known, password);
    if ('response' in outcome) return outcome.response;
    session = outcome.session;
  }

  if (family.passwordRequired && !isGuest && password === undefined) {
    return matrixError(400, 'M_INVALID_PARAM', 'A password must be provided.');
  }
  // continuwuity ≥0.5.7 takes the email's local part when no name was given (v0.5.7 register.rs:143-154).
  const email = (session?.results[EMAIL_STAGE] as { address?: string } | undefined)?.address;
  const wanted = username ?? (family.usernameAfterUia && email ? email.slice(0, email.indexOf('@')) : undefined);
  let localpart: string;
  if (wanted !== undefined) {
    // Judged again here: after UIA on continuwuity ≥0.5.7, and against a name taken meanwhile elsewhere.
    const problem = rumaUsernameProblem(homeserver, wanted, 'register');
    if (problem) return refuse(homeserver, problem);
    localpart = family.lowercases ? wanted.toLowerCase() : wanted;
  } else {
    localpart = randomFreeLocalpart(homeserver);
  }

  const passwordHash = password ? await hashPassword(password, homeserver.env) : session?.passwordHash;
  const account = homeserver.addAccount({ localpart, guest: isGuest, ...(passwordHash ? { passwordHash } : {}) });
  if (email !== undefined) {
    account.emails.push(email);
    homeserver.state.threepids[email] = account.userId;
  }
  // ruma's response: `access_token` and `device_id` only when a device was made; no `home_server`.
  if (body.inhibit_login === true && !isGuest) return ok({ user_id: account.userId });
  const login = homeserver.issueLogin(account.userId, {
    deviceId: typeof body.device_id === 'string' && !isGuest ? body.device_id : undefined,
  });
  return ok({ user_id: account.userId, access_token: login.access_token, device_id: login.device_id });
}

/**
 * ruma-style UIA: a first request without `auth` opens a session; `auth` without `session` opens
 * one and goes on in the same request; `auth: {session}` alone completes nothing and answers the
 * session's state; a completed session is removed.
 */
async function authenticate(
  homeserver: MockHomeserver,
  request: ModelRequest,
  body: JsonObject,
  auth: JsonObject | undefined,
  sessionId: string | undefined,
  known: UiaSession | undefined,
  password: string | undefined,
): Promise<{ session: UiaSession } | { response: ModelResponse }> {
  const { family } = homeserver;
  const params = clientParams(body);
  const passwordHash = password ? await hashPassword(password, homeserver.env) : undefined;
  if (auth === undefined) {
    const session = homeserver.newSession(request, params);
    session.passwordHash = passwordHash;
    return { response: { status: 401, body: familyUiaBody(homeserver, session) } };
  }
  if (sessionId !== undefined && !known && family.unknownSession !== 'new') {
    return { response: refuse(homeserver, family.unknownSession) };
  }
  const session = known ?? homeserver.newSession(request, params, sessionId);
  session.passwordHash ??= passwordHash;
  const type = auth.type;
  if (typeof type !== 'string') {
    // A fallback acknowledgement: nothing is done out of band here (continuwuity uiaa/mod.rs:374).
    return { response: { status: 401, body: familyUiaBody(homeserver, session, session.lastError) } };
  }
  const inFlows = homeserver.flows.some((flow) => flow.includes(type));
  if (!inFlows && family.stageOutsideFlows !== 'accept') {
    return { response: refuse(homeserver, family.stageOutsideFlows) };
  }
  if (type === 'm.login.recaptcha' && family.captchaUnconfigured && !homeserver.config.requireCaptcha) {
    return { response: refuse(homeserver, family.captchaUnconfigured) };
  }
  // A type its UIA does not check is logged and ignored: it completes nothing, and no error is said.
  const ignored = family.stagesChecked !== undefined && !family.stagesChecked.includes(type);
  if (!ignored && !session.completed.includes(type)) {
    const outcome = checkFamilyStage(homeserver, type, auth);
    if (!outcome.ok) {
      const failure = { errcode: outcome.refusal.errcode, error: outcome.refusal.error };
      if (family.usernameAfterUia) session.lastError = failure;
      return { response: { status: outcome.refusal.status, body: familyUiaBody(homeserver, session, failure) } };
    }
    session.lastError = undefined;
    session.completed.push(type);
    session.results[type] = outcome.result;
    if (type === 'm.login.registration_token') session.registrationToken = outcome.result as string;
  }
  if (!flowComplete(homeserver.flows, session.completed)) {
    return { response: { status: 401, body: familyUiaBody(homeserver, session) } };
  }
  homeserver.dropSession(session);
  return { session };
}

/** A random lower-case localpart of 10 characters, as the Rust servers make one (`RANDOM_USER_ID_LENGTH`). */
function randomFreeLocalpart(homeserver: MockHomeserver): string {
  for (;;) {
    const candidate = homeserver.env.randomString(10, LOWER_ALNUM);
    if (!homeserver.findAccount(candidate)) return candidate;
  }
}

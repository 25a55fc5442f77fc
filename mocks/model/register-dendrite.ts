import { captchaAccepted } from './uia.js';
import { DENDRITE_TEXTS } from './families.js';
import { familyUiaBody, refuse } from './family-uia.js';
import type { MockHomeserver } from './homeserver.js';
import { hashPassword } from './password.js';
import { registerAppserviceUser } from './register.js';
import { accessTokenOf, clientParams, parseJsonObject, type JsonObject, type ModelRequest } from './request.js';
import { matrixError, ok, type ModelResponse } from './response.js';
import type { UiaSession } from './state.js';
import { flowComplete } from './uia.js';
import { byteLength, userIdOf } from './user-id.js';

/** `internal/validate.go`: the grammar, Dendrite's 254-byte ID limit and its password bounds (in bytes). */
const USERNAME = /^[0-9a-z_\-+=./]+$/;
const MAX_USER_ID = 254;
const MIN_PASSWORD = 8;
const MAX_PASSWORD = 512;

/** The username problems of `internal/validate.go` ValidateUsername, shared with `/register/available`. */
export function dendriteUsernameProblem(
  homeserver: MockHomeserver,
  localpart: string,
): { status: number; errcode: string; error: string } | undefined {
  if (byteLength(userIdOf(localpart, homeserver.config.serverName)) > MAX_USER_ID) {
    return { status: 400, errcode: 'M_BAD_JSON', error: 'username exceeds the maximum length of 254 characters' };
  }
  if (!USERNAME.test(localpart)) {
    return { status: 400, errcode: 'M_INVALID_USERNAME', error: DENDRITE_TEXTS.invalid };
  }
  if (localpart.startsWith('_')) {
    return { status: 400, errcode: 'M_INVALID_USERNAME', error: "username cannot start with a '_'" };
  }
  return undefined;
}

/**
 * `POST /register` as Dendrite 0.15 answers it (`clientapi/routing/register.go` Register and
 * handleRegistrationFlow): parameters of an earlier request of the session as defaults, a completed
 * session replays its 200, the username and the password checked on every request (before UIA),
 * registration disabled only then, the stage, and a taken name only when the account is made.
 */
export async function registerDendrite(homeserver: MockHomeserver, request: ModelRequest): Promise<ModelResponse> {
  const { config, family } = homeserver;
  const limited = homeserver.clientRequestLimit(request);
  if (limited) return limited;
  const parsed = parseJsonObject(request.body);
  if ('error' in parsed) return parsed.error;
  const auth =
    typeof parsed.value.auth === 'object' && parsed.value.auth !== null ? (parsed.value.auth as JsonObject) : {};
  // An unknown session ID is taken as the ID of a new session (`sessions.getParams` fails, nothing more).
  const given = typeof auth.session === 'string' && auth.session !== '' ? auth.session : undefined;
  const session = given === undefined ? undefined : homeserver.getSession(given);
  if (session?.response) return ok(session.response);
  const body: JsonObject = { ...session?.params, ...parsed.value };
  if (request.query.get('kind') === 'guest') return registerGuest(homeserver);

  let username = typeof body.username === 'string' ? body.username : '';
  if (isGoInt64(username)) return matrixError(400, 'M_INVALID_USERNAME', 'Numeric user IDs are reserved');
  if (username === '') username = String(homeserver.state.nextGeneratedLocalpart++);
  username = username.toLowerCase();
  if (body.type === 'm.login.application_service' && accessTokenOf(request) !== undefined) {
    return registerAppserviceUser(homeserver, request, { ...body, username });
  }
  const problem = dendriteUsernameProblem(homeserver, username);
  if (problem) return matrixError(problem.status, problem.errcode, problem.error);
  const password = typeof parsed.value.password === 'string' ? parsed.value.password : undefined;
  const passwordBytes = password === undefined ? 0 : byteLength(password);
  if (passwordBytes > MAX_PASSWORD) return matrixError(400, 'M_BAD_JSON', 'password too long: max 512 characters');
  if (passwordBytes > 0 && passwordBytes < MIN_PASSWORD) {
    return matrixError(400, 'M_WEAK_PASSWORD', 'password too weak: min 8 characters');
  }
  if (!config.enableRegistration) return refuse(homeserver, family.disabled);
  if (homeserver.isExclusive(userIdOf(username, config.serverName))) {
    return matrixError(400, 'M_EXCLUSIVE', DENDRITE_TEXTS.exclusive);
  }

  const current = session ?? homeserver.newSession(request, {}, given);
  current.params = { ...clientParams(body), username };
  if (password) current.passwordHash = await hashPassword(password, homeserver.env);
  const type = typeof auth.type === 'string' ? auth.type : '';
  // The session lives 5 minutes from its last 401 or stage (register.go:87-92, :150-151, :814).
  current.createdAt = homeserver.env.now();
  if (type === 'm.login.recaptcha') {
    if (!config.requireCaptcha) return matrixError(403, 'M_UNKNOWN', 'captcha registration is disabled');
    if (typeof auth.response !== 'string' || auth.response === '') {
      return matrixError(400, 'M_BAD_JSON', 'captcha response is required');
    }
    // Refused: a 401 without flows (register.go:717), which is no UIA body at all.
    if (!captchaAccepted(homeserver, auth.response)) return refuse(homeserver, DENDRITE_TEXTS.captchaRefused);
    if (!current.completed.includes(type)) current.completed.push(type);
  } else if (type === 'm.login.dummy') {
    if (!current.completed.includes(type)) current.completed.push(type);
  } else if (type !== '') {
    return refuse(homeserver, { status: 501, errcode: 'M_UNKNOWN', error: 'unknown/unimplemented auth type' });
  }
  if (!flowComplete(homeserver.flows, current.completed)) {
    return { status: 401, body: familyUiaBody(homeserver, current) };
  }
  return completeRegistration(homeserver, current, body);
}

/** `completeRegistration`: the name is found taken only here (register.go:865). */
function completeRegistration(homeserver: MockHomeserver, session: UiaSession, body: JsonObject): ModelResponse {
  const localpart = typeof session.params.username === 'string' ? session.params.username : '';
  if (session.passwordHash === undefined) return matrixError(400, 'M_MISSING_PARAM', 'Missing password');
  if (homeserver.findAccount(localpart)) {
    return matrixError(400, 'M_USER_IN_USE', DENDRITE_TEXTS.taken);
  }
  const account = homeserver.addAccount({ localpart, guest: false, passwordHash: session.passwordHash });
  const response =
    body.inhibit_login === true
      ? { user_id: account.userId }
      : (() => {
          const login = homeserver.issueLogin(account.userId, {
            deviceId: typeof body.device_id === 'string' ? body.device_id : undefined,
          });
          return { user_id: account.userId, access_token: login.access_token, device_id: login.device_id };
        })();
  // A completed session answers the same 200 again (register.go: getCompletedRegistration), but
  // not one made with inhibit_login, which returns before it is cached (:879-886).
  if (body.inhibit_login !== true) session.response = response;
  return ok(response);
}

/** `handleGuestRegistration`: registration and guests both allowed, else 403 naming the server. */
function registerGuest(homeserver: MockHomeserver): ModelResponse {
  const { config } = homeserver;
  if (!config.enableRegistration || !config.allowGuests) {
    return matrixError(403, 'M_FORBIDDEN', `Guest registration is disabled on "${config.serverName}"`);
  }
  const account = homeserver.addAccount({
    localpart: String(homeserver.state.nextGeneratedLocalpart++),
    guest: true,
  });
  const login = homeserver.issueLogin(account.userId);
  return ok({ user_id: account.userId, access_token: login.access_token, device_id: login.device_id });
}

/** Go's `strconv.ParseInt(s, 10, 64)` succeeding: an optional sign, digits, within int64. */
function isGoInt64(text: string): boolean {
  if (!/^[+-]?\d+$/.test(text)) return false;
  const value = BigInt(text);
  return value >= -(2n ** 63n) && value < 2n ** 63n;
}

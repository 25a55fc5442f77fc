import { deviceNameProblem } from './device.js';
import type { MockHomeserver } from './homeserver.js';
import { pythonTruthy } from './login-submission.js';
import { hashPassword, passwordPolicyError } from './password.js';
import { accessTokenOf, clientParams, parseJsonObject, type JsonObject, type ModelRequest } from './request.js';
import { matrixError, ok, rateLimited, type ModelResponse } from './response.js';
import type { UiaSession } from './state.js';
import { checkStage, flowComplete, loginStage, uiaBody } from './uia.js';
import { checkUsername, codePointLength, MAX_RAW_LENGTH } from './user-id.js';
import { own } from './records.js';

/** `current`: v3, r0 and unstable (spec v1.16, Synapse). `seed`: the 2015 v2_alpha document's contract. */
export type RegisterContract = 'current' | 'seed';

const EMAIL_STAGE = 'm.login.email.identity';

/**
 * `POST /register`, step by step in the order of Synapse's `RegisterRestServlet.on_POST`
 * (register-semantics §5.1). Everything after the password hash runs without awaiting (but a stage
 * with no checker, which `createAccount`'s own name check follows anyway), so two concurrent
 * requests cannot both pass the username check and both create the account.
 */
export async function register(
  homeserver: MockHomeserver,
  request: ModelRequest,
  contract: RegisterContract,
): Promise<ModelResponse> {
  const { config } = homeserver;

  // 1. The body.
  const parsed = parseJsonObject(request.body);
  if ('error' in parsed) return parsed.error;
  const body = parsed.value;

  // 2. Registration rate limit, checked but not consumed.
  const limit = homeserver.rateLimit('registration', request.clientIp, false);
  if (!limit.allowed) return rateLimited(limit.retryAfterMs);

  // 3. `kind`.
  if (contract === 'current') {
    const kind = request.query.get('kind') ?? 'user';
    if (kind === 'guest') return registerGuest(homeserver, request, body);
    if (kind !== 'user') return matrixError(400, 'M_UNRECOGNIZED', `Do not understand membership kind: ${kind}`);
  }

  // 4, 5. Types Synapse checks before anything else.
  if ('refresh_token' in body && typeof body.refresh_token !== 'boolean') {
    return matrixError(400, 'M_UNKNOWN', '`refresh_token` should be true or false.');
  }
  if ('username' in body && (typeof body.username !== 'string' || codePointLength(body.username) > MAX_RAW_LENGTH)) {
    return matrixError(400, 'M_UNKNOWN', 'Invalid username');
  }

  // 6. Application services register with their token and skip everything below.
  if (body.type === 'm.login.application_service') return registerAppserviceUser(homeserver, request, body);
  if (accessTokenOf(request) !== undefined) {
    return matrixError(
      400,
      'M_UNKNOWN',
      'An access token should not be provided on requests to /register (except if registering as an application service)',
    );
  }

  // 7. Registration switched off.
  if (!config.enableRegistration) return matrixError(403, 'M_FORBIDDEN', 'Registration has been disabled');

  const typeError = wrongTypedField(body, contract);
  if (typeError) return typeError;

  // 8. Lower-case the username (Synapse maps rather than rejects capitals).
  const username = typeof body.username === 'string' ? body.username.toLowerCase() : undefined;

  // 9. The password: `null` counts as absent; limits and policy; then only its hash travels on.
  // An empty password passes these checks but, being falsy to Synapse, is never stored or used.
  const password = body.password ?? undefined;
  if (password !== undefined) {
    if (typeof password !== 'string' || codePointLength(password) > MAX_RAW_LENGTH) {
      return matrixError(400, 'M_UNKNOWN', 'Invalid password');
    }
    const weak = passwordPolicyError(password, config);
    if (weak) return matrixError(400, weak.errcode, weak.error);
  } else if (contract === 'seed') {
    return matrixError(400, 'M_MISSING_PARAM', 'Missing params: password');
  }
  const passwordHash = password ? await hashPassword(password, homeserver.env) : undefined;

  // 10. An existing session.
  const auth = readAuth(body);
  if (auth.kind === 'unreadable') return matrixError(400, 'M_BAD_JSON', '`auth` must be an object');
  let session: UiaSession | undefined;
  if (auth.kind === 'given' && auth.sessionId !== undefined) {
    session = typeof auth.sessionId === 'string' ? homeserver.getSession(auth.sessionId) : undefined;
    if (!session) {
      return matrixError(400, 'M_UNKNOWN', unknownSessionMessage(auth.sessionId));
    }
  }

  // 11. The username, before any UIA (spec: MUST check before UIA).
  const guestToken = typeof body.guest_access_token === 'string' ? body.guest_access_token : undefined;
  if (username !== undefined) {
    const problem = checkUsername(username, homeserver.usernameContext(session?.registeredUserId, guestToken));
    if (problem) return matrixError(problem.status, problem.errcode, problem.error);
  }

  // 12. User-interactive auth.
  const params = synapseClientParams(body);
  if (!session) {
    session = homeserver.newSession(request, params);
  } else {
    if (session.uri !== request.uri || session.method !== request.method) {
      return matrixError(403, 'M_UNKNOWN', 'Requested operation has changed during the UI authentication session.');
    }
    if (Object.keys(params).length > 0) session.params = params;
  }
  // The first password a session is given is the one it keeps (Synapse does not hash it twice).
  session.passwordHash ??= passwordHash;
  if (auth.kind === 'absent' || auth.empty) return { status: 401, body: uiaBody(homeserver, session, false) };

  let failure: { errcode: string; error: string } | undefined;
  if (auth.dict !== undefined && 'type' in auth.dict) {
    const stage = auth.dict.type;
    let outcome = checkStage(homeserver, session, auth.dict);
    if ('invalidType' in outcome) outcome = await loginStage(homeserver, auth.dict);
    if (!outcome.ok) {
      if ('refused' in outcome) return outcome.refused;
      if ('invalidType' in outcome) return matrixError(400, 'M_INVALID_PARAM', 'Invalid login submission');
      // The seed era answered a failed stage with a plain error; since r0.3.0 it is merged into the 401.
      if (contract === 'seed') return matrixError(401, outcome.errcode, outcome.error);
      failure = { errcode: outcome.errcode, error: outcome.error };
    } else {
      if (!session.completed.includes(stage as string)) session.completed.push(stage as string);
      session.results[stage as string] = outcome.result;
    }
  }
  // A failed stage matters only while no flow is complete (Synapse's `check_ui_auth`, handlers/auth.py
  // at v1.94.0): the same request again after success, whose email creds are used up, still answers
  // 200 (recorded: er.register_email_after_success_same_session).
  if (!flowComplete(homeserver.flows, session.completed)) {
    return { status: 401, body: { ...uiaBody(homeserver, session, true), ...failure } };
  }

  // 13. A validated email from a domain the server refuses.
  const email = (session.results[EMAIL_STAGE] as { address?: string } | undefined)?.address;
  if (email !== undefined && homeserver.isDeniedEmail(email)) {
    return matrixError(
      403,
      'M_THREEPID_DENIED',
      'Third party identifiers (email/phone numbers) are not authorized on this server',
    );
  }

  // 14. A session that already registered someone answers again, without a second account.
  if (session.registeredUserId !== undefined) return replay(homeserver, session, contract);
  const validatedAt = (session.results[EMAIL_STAGE] as { validated_at?: number } | undefined)?.validated_at;
  return createAccount(homeserver, request, session, {
    email,
    validatedAt,
    contract,
    passwordHash: passwordHash ?? session.passwordHash,
  });
}

/**
 * The `auth` value as Synapse reads it, with Python's `in`: `"session" in auth` is a key test on an
 * object, a substring test on a string and a membership test on a list. A value for which that would
 * raise (a number, `null`) or would then be indexed by a string crashes Synapse with a 500; the mock
 * answers `M_BAD_JSON` there instead (decision 002).
 */
type AuthValue =
  | { kind: 'absent' }
  | { kind: 'unreadable' }
  | { kind: 'given'; empty: boolean; sessionId?: unknown; dict?: JsonObject };

function readAuth(body: JsonObject): AuthValue {
  if (!('auth' in body)) return { kind: 'absent' };
  const auth = body.auth;
  if (typeof auth === 'object' && auth !== null && !Array.isArray(auth)) {
    const dict = auth as JsonObject;
    // Synapse opens a new session for a falsy ID (`""`, `null`, `0`) as for a missing one.
    const sessionId = 'session' in dict && Boolean(dict.session) ? dict.session : undefined;
    return { kind: 'given', empty: Object.keys(dict).length === 0, sessionId, dict };
  }
  if (typeof auth === 'string' || Array.isArray(auth)) {
    if (auth.includes('session') || auth.includes('type')) return { kind: 'unreadable' };
    return { kind: 'given', empty: auth.length === 0 };
  }
  return { kind: 'unreadable' };
}

function createAccount(
  homeserver: MockHomeserver,
  request: ModelRequest,
  session: UiaSession,
  options: { email?: string; validatedAt?: number; contract: RegisterContract; passwordHash?: string },
): ModelResponse {
  const { config, state } = homeserver;
  if (options.passwordHash === undefined) return matrixError(400, 'M_MISSING_PARAM', 'Missing params: password');
  const params = session.params;
  if (options.email !== undefined && own(state.threepids, options.email) !== undefined) {
    return matrixError(400, 'M_THREEPID_IN_USE', 'email is already in use');
  }
  const limit = homeserver.rateLimit('registration', request.clientIp, false);
  if (!limit.allowed) return rateLimited(limit.retryAfterMs);
  if (config.resourceLimit) {
    return matrixError(403, 'M_RESOURCE_LIMIT_EXCEEDED', 'Monthly Active User Limit Exceeded', {
      admin_contact: config.resourceLimit.adminContact,
      limit_type: config.resourceLimit.limitType,
    });
  }

  const guestToken = typeof params.guest_access_token === 'string' ? params.guest_access_token : undefined;
  let localpart = typeof params.username === 'string' ? params.username.toLowerCase() : undefined;
  if (localpart === undefined) {
    localpart = homeserver.generateLocalpart();
    if (localpart === undefined) return matrixError(500, 'M_UNKNOWN', 'Unable to find a free user ID');
  } else {
    // Someone may have taken the name while this person was solving stages. `inhibitUserInUseError`
    // only defers this error to here, it never lets two accounts share a name.
    const problem = checkUsername(localpart, {
      ...homeserver.usernameContext(undefined, guestToken),
      inhibitUserInUseError: false,
    });
    if (problem) return matrixError(problem.status, problem.errcode, problem.error);
  }

  homeserver.rateLimit('registration', request.clientIp, true);
  const existingGuest = homeserver.findAccount(localpart);
  const account = existingGuest
    ? Object.assign(existingGuest, { guest: false, passwordHash: options.passwordHash })
    : homeserver.addAccount({
        localpart,
        guest: false,
        passwordHash: options.passwordHash,
        ...(options.contract === 'seed' && typeof params.bind_email === 'boolean'
          ? { bindEmail: params.bind_email }
          : {}),
      });
  if (config.requireApproval) account.approved = false;
  if (options.email !== undefined) {
    account.emails.push(options.email);
    account.threepids = [
      ...(account.threepids ?? []),
      {
        medium: 'email',
        address: options.email,
        validatedAt: options.validatedAt ?? homeserver.env.now(),
        addedAt: homeserver.env.now(),
      },
    ];
    state.threepids[options.email] = account.userId;
  }
  if (session.registrationToken !== undefined) {
    // The admin may have deleted the token meanwhile; Synapse then updates nothing.
    const use = homeserver.registrationToken(session.registrationToken);
    if (use) {
      use.pending = Math.max(0, use.pending - 1);
      use.completed += 1;
    }
  }
  session.registeredUserId = account.userId;
  // Under approval no device is made at all (register.py:800), so there is no device name to refuse.
  const refused = config.requireApproval ? undefined : deviceRefusal(params, options.contract);
  if (refused) return refused;
  const response = successBody(homeserver, account.userId, params, options.contract);
  if (config.replayPolicy === 'cachedResponse') session.response = response;
  // MSC3866: the account exists and waits for an admin; the same session again answers 200 without
  // a token (register.py:748-752, 800 at v1.94.0; recorded: ap.register_dummy, ap.register_dummy_retry_same_session).
  if (config.requireApproval)
    return awaitingApproval('This account needs to be approved by an administrator before it can be used.');
  return ok(response);
}

function replay(homeserver: MockHomeserver, session: UiaSession, contract: RegisterContract): ModelResponse {
  const userId = session.registeredUserId as string;
  if (homeserver.config.replayPolicy === 'cachedResponse' && session.response) return ok(session.response);
  const refused = homeserver.config.requireApproval ? undefined : deviceRefusal(session.params, contract);
  return refused ?? ok(successBody(homeserver, userId, session.params, contract));
}

/**
 * A device name Synapse refuses, which it finds only when it makes the device, after the account
 * (v1.94.0 register.py:800-816; synapse/handlers/device.py:504): the account stays, the answer is 400.
 */
function deviceRefusal(params: Record<string, unknown>, contract: RegisterContract): ModelResponse | undefined {
  if (contract === 'seed' || pythonTruthy(params.inhibit_login)) return undefined;
  return deviceNameProblem(params.initial_device_display_name);
}

function successBody(
  homeserver: MockHomeserver,
  userId: string,
  params: Record<string, unknown>,
  contract: RegisterContract,
): Record<string, unknown> {
  if (contract === 'seed') {
    // The seed's 200 always logs in and always carries a refresh token.
    const login = homeserver.issueLogin(userId, { refreshToken: true });
    return {
      user_id: userId,
      home_server: homeserver.config.serverName,
      access_token: login.access_token,
      refresh_token: login.refresh_token ?? `syr_${homeserver.env.randomString(20)}`,
    };
  }
  return loginBody(homeserver, userId, params);
}

/**
 * Synapse's `_create_registration_details`: the new account's ID and, unless `inhibit_login`, a
 * device and access token (and a refresh token when asked for and enabled).
 */
export function loginBody(
  homeserver: MockHomeserver,
  userId: string,
  params: Record<string, unknown>,
): Record<string, unknown> {
  const base = { user_id: userId, home_server: homeserver.config.serverName };
  // Python's truth, unchecked: `if not params.get("inhibit_login", False) and not self._require_approval`
  // (v1.94.0 register.py:800): no device or token while accounts need approval, not even for the
  // shared-secret API's admin.
  if (pythonTruthy(params.inhibit_login) || homeserver.config.requireApproval) return base;
  return {
    ...base,
    ...homeserver.issueLogin(userId, {
      deviceId: typeof params.device_id === 'string' ? params.device_id : undefined,
      displayName:
        typeof params.initial_device_display_name === 'string' ? params.initial_device_display_name : undefined,
      refreshToken: params.refresh_token === true,
    }),
  };
}

/** §5.7: no UIA; the body is ignored but for the device's display name. */
function registerGuest(homeserver: MockHomeserver, request: ModelRequest, body: JsonObject): ModelResponse {
  if (!homeserver.config.allowGuests) return matrixError(403, 'M_UNKNOWN', 'Guest access is disabled');
  const limit = homeserver.rateLimit('registration', request.clientIp, false);
  if (!limit.allowed) return rateLimited(limit.retryAfterMs);
  const localpart = homeserver.generateLocalpart();
  if (localpart === undefined) return matrixError(500, 'M_UNKNOWN', 'Unable to find a free user ID');
  homeserver.rateLimit('registration', request.clientIp, true);
  const account = homeserver.addAccount({ localpart, guest: true });
  const refused = deviceNameProblem(body.initial_device_display_name);
  if (refused) return refused;
  const login = homeserver.issueLogin(account.userId, {
    deviceId: 'guest_device',
    displayName: typeof body.initial_device_display_name === 'string' ? body.initial_device_display_name : undefined,
  });
  return ok({
    user_id: account.userId,
    device_id: login.device_id,
    access_token: login.access_token,
    home_server: homeserver.config.serverName,
  });
}

/** §5.9: `type: m.login.application_service` with the service's token; no UIA, no password. */
export function registerAppserviceUser(
  homeserver: MockHomeserver,
  request: ModelRequest,
  body: JsonObject,
): ModelResponse {
  const token = accessTokenOf(request);
  if (token === undefined) {
    return matrixError(
      400,
      'M_UNKNOWN',
      'Appservice token must be provided when using a type of m.login.application_service',
    );
  }
  const service = homeserver.config.appservices.find((candidate) => candidate.asToken === token);
  if (!service) return matrixError(401, 'M_UNKNOWN_TOKEN', 'Invalid access token passed.', { soft_logout: false });
  if (typeof body.username !== 'string') return matrixError(400, 'M_MISSING_PARAM', 'Missing params: username');
  const localpart = body.username.toLowerCase();
  const problem = checkUsername(localpart, {
    ...homeserver.usernameContext(),
    allowUnderscorePrefix: true,
    isExclusive: () => false,
  });
  if (problem && problem.errcode !== 'M_USER_IN_USE')
    return matrixError(problem.status, problem.errcode, problem.error);
  const userId = homeserver.userId(localpart);
  if (!new RegExp(`^${service.userRegex}$`).test(userId)) {
    return matrixError(400, 'M_EXCLUSIVE', 'Invalid user localpart for this application service.');
  }
  if (problem) return matrixError(problem.status, problem.errcode, problem.error);
  homeserver.addAccount({ localpart, guest: false, appservice: service.id });
  const base = { user_id: userId, home_server: homeserver.config.serverName };
  if (pythonTruthy(body.inhibit_login)) return ok(base);
  return deviceNameProblem(body.initial_device_display_name) ?? ok({ ...base, ...homeserver.issueLogin(userId) });
}

/** MSC3866's answer while an account waits for an admin (`NotApprovedError`, api/errors.py). */
export function awaitingApproval(error: string): ModelResponse {
  return matrixError(403, 'ORG.MATRIX.MSC3866_USER_AWAITING_APPROVAL', error, {
    approval_notice_medium: 'org.matrix.msc3866.none',
  });
}

/** Synapse's "client dict": the body without `auth` and `password`. */
function synapseClientParams(body: JsonObject): Record<string, unknown> {
  const params = clientParams(body);
  // Synapse drops the display name when it comes without a password: an old client sent it alone
  // on every UIA round and so wiped the remembered parameters.
  if (!('password' in body)) delete params.initial_device_display_name;
  return params;
}

/**
 * Fields Synapse does not type-check would crash it (500); the mock answers 400 `M_BAD_JSON` instead.
 * (`inhibit_login` is not one: Synapse reads it by Python's truth, as `loginBody` does.)
 */
function wrongTypedField(body: JsonObject, contract: RegisterContract): ModelResponse | undefined {
  const expected: [string, string][] = [
    ['device_id', 'string'],
    ['initial_device_display_name', 'string'],
    ['guest_access_token', 'string'],
    ...(contract === 'seed' ? ([['bind_email', 'boolean']] as [string, string][]) : []),
  ];
  for (const [field, type] of expected) {
    const value = body[field];
    if (value === undefined) continue;
    const actual = value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
    if (actual !== type) return matrixError(400, 'M_BAD_JSON', `\`${field}\` must be a ${type}`);
  }
  return undefined;
}

/**
 * Synapse's "Unknown session ID: %s" (handlers/auth.py, v1.94.0). A string or a number is named;
 * anything else is not echoed at all: serialising an object nested 30,000 deep threw (security
 * review M6), and a client gains nothing from seeing its own structure back. A guess for objects:
 * Synapse hands them to its database lookup.
 */
function unknownSessionMessage(sessionId: unknown): string {
  if (typeof sessionId === 'string') return `Unknown session ID: ${sessionId}`;
  if (typeof sessionId === 'number' || typeof sessionId === 'boolean')
    return `Unknown session ID: ${String(sessionId)}`;
  return 'Unknown session ID';
}

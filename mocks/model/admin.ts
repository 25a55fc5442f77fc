import { threepidsOf } from './account.js';
import type { MockHomeserver } from './homeserver.js';
import { hashPassword } from './password.js';
import { parseJsonObject, type JsonObject, type ModelRequest } from './request.js';
import { matrixError, ok, type ModelResponse } from './response.js';
import type { Account, RegistrationToken } from './state.js';
import { loginBody } from './register.js';
import { checkUsername, codePointLength } from './user-id.js';
import { BOUNDS, own, remember } from './records.js';

/** Characters Synapse draws generated registration tokens from (and accepts in chosen ones). */
const TOKEN_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._~-';
const TOKEN_CHARS = /^[A-Za-z0-9._~-]*$/;
/** Synapse forgets a shared-secret nonce after a minute. */
const NONCE_TIMEOUT_MS = 60_000;
const USER_TYPES = new Set(['bot', 'support']);

const isInteger = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value);

/** Python's truth (Synapse's `if admin:`): empty lists and objects are false, unlike JavaScript's. */
function pythonTruthy(value: unknown): boolean {
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'object' && value !== null) return Object.keys(value).length > 0;
  return Boolean(value);
}

function tokenInfo(token: RegistrationToken): Record<string, unknown> {
  return {
    token: token.token,
    uses_allowed: token.usesAllowed,
    pending: token.pending,
    completed: token.completed,
    expiry_time: token.expiryTime,
  };
}

function noSuchToken(token: string): ModelResponse {
  return matrixError(404, 'M_NOT_FOUND', `No such registration token: ${token}`);
}

/** Synapse's checks of `uses_allowed` and `expiry_time`, shared by creating and updating a token. */
function tokenFields(homeserver: MockHomeserver, body: JsonObject): ModelResponse | undefined {
  const usesAllowed = body.uses_allowed;
  if (usesAllowed !== undefined && usesAllowed !== null && !(isInteger(usesAllowed) && usesAllowed >= 0)) {
    return matrixError(400, 'M_INVALID_PARAM', 'uses_allowed must be a non-negative integer or null');
  }
  const expiryTime = body.expiry_time;
  if (expiryTime !== undefined && expiryTime !== null && !isInteger(expiryTime)) {
    return matrixError(400, 'M_INVALID_PARAM', 'expiry_time must be an integer or null');
  }
  if (isInteger(expiryTime) && expiryTime < homeserver.env.now()) {
    return matrixError(400, 'M_INVALID_PARAM', 'expiry_time must not be in the past');
  }
  return undefined;
}

// Each endpoint below is for server admins only: the route table checks who asks before it runs
// them (`adminOnly`), as Synapse's `assert_requester_is_admin` comes first in each.

/** `GET /_synapse/admin/v1/registration_tokens[?valid=true|false]`. */
export function listRegistrationTokens(homeserver: MockHomeserver, request: ModelRequest): ModelResponse {
  const valid = request.query.get('valid');
  if (valid !== null && valid !== 'true' && valid !== 'false') {
    return matrixError(400, 'M_INVALID_PARAM', "Boolean query parameter 'valid' must be one of ['true', 'false']");
  }
  const tokens = homeserver.state.registrationTokens.filter(
    (token) => valid === null || homeserver.tokenIsUsable(token) === (valid === 'true'),
  );
  return ok({ registration_tokens: tokens.map(tokenInfo) });
}

/** `POST /_synapse/admin/v1/registration_tokens/new`, with Synapse's validation in its order. */
export function newRegistrationToken(homeserver: MockHomeserver, request: ModelRequest): ModelResponse {
  const parsed = parseJsonObject(request.body);
  if ('error' in parsed) return parsed.error;
  const body = parsed.value;
  let token: string;
  if ('token' in body) {
    if (typeof body.token !== 'string') return matrixError(400, 'M_INVALID_PARAM', 'token must be a string');
    if (body.token.length === 0 || body.token.length > 64) {
      return matrixError(400, 'M_INVALID_PARAM', 'token must not be empty and must not be longer than 64 characters');
    }
    if (!TOKEN_CHARS.test(body.token)) {
      return matrixError(
        400,
        'M_INVALID_PARAM',
        'token must consist only of characters matched by the regex [A-Za-z0-9-_]',
      );
    }
    token = body.token;
  } else {
    // Synapse's `body.get("length", 16)`: a null given is not the default.
    const length = 'length' in body ? body.length : 16;
    if (!isInteger(length)) return matrixError(400, 'M_INVALID_PARAM', 'length must be an integer');
    if (length <= 0 || length > 64) {
      return matrixError(400, 'M_INVALID_PARAM', 'length must be greater than zero and not greater than 64');
    }
    do token = homeserver.env.randomString(length, TOKEN_ALPHABET);
    while (homeserver.registrationToken(token));
  }
  const invalid = tokenFields(homeserver, body);
  if (invalid) return invalid;
  if (homeserver.registrationToken(token)) {
    return matrixError(400, 'M_INVALID_PARAM', `Token already exists: ${token}`);
  }
  const created: RegistrationToken = {
    token,
    usesAllowed: (body.uses_allowed as number | null | undefined) ?? null,
    pending: 0,
    completed: 0,
    expiryTime: (body.expiry_time as number | null | undefined) ?? null,
  };
  homeserver.state.registrationTokens.push(created);
  return ok(tokenInfo(created));
}

/** `GET /_synapse/admin/v1/registration_tokens/{token}`. */
export function getRegistrationToken(homeserver: MockHomeserver, request: ModelRequest, token: string): ModelResponse {
  const known = homeserver.registrationToken(token);
  return known ? ok(tokenInfo(known)) : noSuchToken(token);
}

/** `PUT /_synapse/admin/v1/registration_tokens/{token}`: `uses_allowed` and `expiry_time`, either or both. */
export function updateRegistrationToken(
  homeserver: MockHomeserver,
  request: ModelRequest,
  token: string,
): ModelResponse {
  const parsed = parseJsonObject(request.body);
  if ('error' in parsed) return parsed.error;
  const body = parsed.value;
  const invalid = tokenFields(homeserver, body);
  if (invalid) return invalid;
  const known = homeserver.registrationToken(token);
  if (!known) return noSuchToken(token);
  if ('uses_allowed' in body) known.usesAllowed = body.uses_allowed as number | null;
  if ('expiry_time' in body) known.expiryTime = body.expiry_time as number | null;
  return ok(tokenInfo(known));
}

/** `DELETE /_synapse/admin/v1/registration_tokens/{token}`. */
export function deleteRegistrationToken(
  homeserver: MockHomeserver,
  request: ModelRequest,
  token: string,
): ModelResponse {
  const index = homeserver.state.registrationTokens.findIndex((candidate) => candidate.token === token);
  if (index === -1) return noSuchToken(token);
  homeserver.state.registrationTokens.splice(index, 1);
  return ok({});
}

function forgetOldNonces(homeserver: MockHomeserver): void {
  const now = homeserver.env.now();
  for (const [nonce, issuedAt] of Object.entries(homeserver.state.nonces)) {
    if (now - issuedAt > NONCE_TIMEOUT_MS) Reflect.deleteProperty(homeserver.state.nonces, nonce);
  }
}

/** `GET /_synapse/admin/v1/register`: a nonce for one shared-secret registration. */
export function sharedSecretNonce(homeserver: MockHomeserver): ModelResponse {
  forgetOldNonces(homeserver);
  const nonce = homeserver.env.randomString(128, '0123456789abcdef');
  remember(homeserver.state.nonces, nonce, homeserver.env.now(), BOUNDS.nonces);
  return ok({ nonce });
}

/** The `mac` Synapse expects: HMAC-SHA1 of `nonce NUL username NUL password NUL admin|notadmin[ NUL user_type]`. */
export async function sharedSecretMac(
  secret: string,
  fields: { nonce: string; username: string; password: string; admin: boolean; userType?: string },
): Promise<string> {
  const encoder = new TextEncoder();
  const key = await crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-1' }, false, [
    'sign',
  ]);
  const parts = [fields.nonce, fields.username, fields.password, fields.admin ? 'admin' : 'notadmin'];
  if (fields.userType) parts.push(fields.userType);
  const signature = await crypto.subtle.sign('HMAC', key, encoder.encode(parts.join('\0')));
  return Array.from(new Uint8Array(signature), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** A nonce as `sharedSecretNonce` hands it out; any other string is unknown before the lookup. */
const NONCE_SHAPE = /^[0-9a-f]{128}$/;

/** A hex HMAC-SHA1, as `sharedSecretMac` writes it. */
const MAC_SHAPE = /^[0-9a-f]{40}$/;

/**
 * Synapse's `hmac.compare_digest` (rest/admin/users.py, v1.94.0): the time taken must not tell how
 * much of the mac was right (security review M5). The shape check first, so both strings have the
 * same length; then every character is compared, whatever the first difference. Written by hand
 * because the model runs in browsers too, where `node:crypto`'s `timingSafeEqual` does not exist.
 */
export function macMatches(given: unknown, wanted: string): boolean {
  if (typeof given !== 'string' || !MAC_SHAPE.test(given) || given.length !== wanted.length) return false;
  let difference = 0;
  for (let index = 0; index < wanted.length; index++) {
    difference |= given.charCodeAt(index) ^ wanted.charCodeAt(index);
  }
  return difference === 0;
}

/**
 * `POST /_synapse/admin/v1/register`: how Synapse's `register_new_matrix_user` and test suites make
 * accounts (admins among them) without UIA, even where sign-up is closed. Synapse's order of checks.
 */
export async function sharedSecretRegister(homeserver: MockHomeserver, request: ModelRequest): Promise<ModelResponse> {
  forgetOldNonces(homeserver);
  const secret = homeserver.config.registrationSharedSecret;
  if (secret === null) return matrixError(400, 'M_UNKNOWN', 'Shared secret registration is not enabled');
  const parsed = parseJsonObject(request.body);
  if ('error' in parsed) return parsed.error;
  const body = parsed.value;
  if (!('nonce' in body)) return matrixError(400, 'M_BAD_JSON', 'nonce must be specified');
  const { nonce } = body;
  if (typeof nonce !== 'string' || !NONCE_SHAPE.test(nonce) || own(homeserver.state.nonces, nonce) === undefined) {
    return matrixError(400, 'M_UNKNOWN', 'unrecognised nonce');
  }
  // Used up even if what follows is refused.
  Reflect.deleteProperty(homeserver.state.nonces, nonce);
  if (!('username' in body)) return matrixError(400, 'M_BAD_JSON', 'username must be specified');
  const { username, password } = body;
  if (typeof username !== 'string' || codePointLength(username) > 512 || username.includes('\0')) {
    return matrixError(400, 'M_UNKNOWN', 'Invalid username');
  }
  if (!('password' in body)) return matrixError(400, 'M_BAD_JSON', 'password must be specified');
  if (typeof password !== 'string' || codePointLength(password) > 512 || password.includes('\0')) {
    return matrixError(400, 'M_UNKNOWN', 'Invalid password');
  }
  const passwordHash = await hashPassword(password, homeserver.env);
  const userType = body.user_type ?? undefined;
  if (userType !== undefined && (typeof userType !== 'string' || !USER_TYPES.has(userType))) {
    return matrixError(400, 'M_UNKNOWN', 'Invalid user type');
  }
  if (!('mac' in body)) return matrixError(400, 'M_BAD_JSON', 'mac must be specified');
  const admin = pythonTruthy(body.admin);
  const wanted = await sharedSecretMac(secret, { nonce, username, password, admin, userType });
  if (!macMatches(body.mac, wanted)) return matrixError(403, 'M_UNKNOWN', 'HMAC incorrect');
  if ('refresh_token' in body && typeof body.refresh_token !== 'boolean') {
    return matrixError(400, 'M_UNKNOWN', 'refresh_token must be a boolean');
  }
  const localpart = username.toLowerCase();
  const problem = checkUsername(localpart, homeserver.usernameContext());
  if (problem) return matrixError(problem.status, problem.errcode, problem.error);
  const account = homeserver.addAccount({ localpart, guest: false, passwordHash, ...(admin ? { admin } : {}) });
  return ok(loginBody(homeserver, account.userId, body));
}

/**
 * Synapse's admin view of an account (`GET /_synapse/admin/v2/users/{user_id}`, admin/users.py at
 * v1.94.0): the fields a client of the admin API reads, `approved` only where MSC3866 is on.
 */
function userInfo(homeserver: MockHomeserver, account: Account): Record<string, unknown> {
  return {
    name: account.userId,
    admin: account.admin === true,
    deactivated: false,
    locked: false,
    shadow_banned: false,
    creation_ts: Math.floor(account.createdAt / 1000),
    appservice_id: account.appservice ?? null,
    consent_server_notice_sent: null,
    consent_version: null,
    consent_ts: null,
    user_type: null,
    is_guest: account.guest,
    ...(homeserver.config.requireApproval ? { approved: account.approved !== false } : {}),
    displayname: account.localpart,
    avatar_url: null,
    threepids: threepidsOf(account),
    external_ids: [],
    erased: false,
    last_seen_ts: null,
  };
}

function localAccount(homeserver: MockHomeserver, userId: string): Account | ModelResponse {
  const suffix = `:${homeserver.config.serverName}`;
  if (!userId.startsWith('@') || !userId.endsWith(suffix)) {
    return matrixError(400, 'M_UNKNOWN', 'Can only look up local users');
  }
  const account = homeserver.findAccount(userId.slice(1, -suffix.length));
  return account ?? matrixError(404, 'M_NOT_FOUND', 'User not found');
}

/** `GET /_synapse/admin/v2/users/{user_id}`. */
export function getUser(homeserver: MockHomeserver, userId: string): ModelResponse {
  const found = localAccount(homeserver, userId);
  return 'status' in found ? found : ok(userInfo(homeserver, found));
}

/**
 * `PUT /_synapse/admin/v2/users/{user_id}` for an existing account: `approved` (MSC3866, where it
 * is on) and `admin`, each type-checked as Synapse does (admin/users.py:302-310); other fields are
 * accepted and not modelled. Making a new account through this endpoint is not modelled either.
 */
export function updateUser(homeserver: MockHomeserver, request: ModelRequest, userId: string): ModelResponse {
  const found = localAccount(homeserver, userId);
  if ('status' in found) return found;
  const parsed = parseJsonObject(request.body);
  if ('error' in parsed) return parsed.error;
  const body = parsed.value;
  if (Object.hasOwn(body, 'approved') && homeserver.config.requireApproval) {
    if (typeof body.approved !== 'boolean') {
      return matrixError(400, 'M_INVALID_PARAM', "'approved' parameter is not of type boolean");
    }
    found.approved = body.approved;
  }
  if (Object.hasOwn(body, 'admin')) {
    if (typeof body.admin !== 'boolean')
      return matrixError(400, 'M_INVALID_PARAM', "'admin' parameter is not of type boolean");
    found.admin = body.admin;
  }
  return ok(userInfo(homeserver, found));
}

import { canonicalEmail } from './email.js';
import type { MockHomeserver } from './homeserver.js';
import { verifyPassword } from './password.js';
import type { JsonObject } from './request.js';
import { matrixError, type ModelResponse } from './response.js';
import { own } from './records.js';

/**
 * Synapse's `AuthHandler.validate_login`, which both `POST /login` and a UIA stage without a checker
 * of its own run (v1.94.0 `synapse/handlers/auth.py:1131-1376`; the stage's fallback at :709-717).
 * All line numbers below are in that file at that tag.
 */
export type LoginOutcome =
  | { userId: string }
  /** A `LoginError`: the credentials are wrong. UIA merges it into its 401; `/login` sends it as is. */
  | { failed: { status: number; errcode: string; error: string } }
  /** A `SynapseError`: the submission itself is wrong. Both send it as is. */
  | { error: ModelResponse };

const INVALID_USERNAME_OR_PASSWORD = { status: 403, errcode: 'M_FORBIDDEN', error: 'Invalid username or password' };

/** Python's truth of a JSON value: `""`, `0`, `false`, `null`, `[]` and `{}` are false. */
export function pythonTruthy(value: unknown): boolean {
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'object' && value !== null) return Object.keys(value).length > 0;
  return Boolean(value);
}

/** Python's `key in value` on a JSON value: a key of an object, a substring of a string, an item of a list. */
function pythonIn(key: string, value: unknown): boolean | undefined {
  if (typeof value === 'string') return value.includes(key);
  if (Array.isArray(value)) return value.includes(key);
  if (typeof value === 'object' && value !== null) return Object.hasOwn(value, key);
  return undefined;
}

/**
 * `convert_client_dict_legacy_fields_to_identifier` (:95-146): a top-level `user` wins over
 * `identifier`, and `medium` with `address` over both.
 */
function identifierOf(submission: JsonObject): { identifier: JsonObject } | { error: ModelResponse } {
  let identifier: unknown = Object.hasOwn(submission, 'identifier') ? submission.identifier : {};
  if (pythonTruthy(submission.user)) identifier = { type: 'm.id.user', user: submission.user };
  if (pythonTruthy(submission.medium) && pythonTruthy(submission.address)) {
    identifier = { type: 'm.id.thirdparty', medium: submission.medium, address: submission.address };
  }
  if (!pythonTruthy(identifier)) {
    return { error: matrixError(400, 'M_INVALID_PARAM', 'Invalid login submission') };
  }
  const hasType = pythonIn('type', identifier);
  if (hasType === false) {
    return { error: matrixError(400, 'M_MISSING_PARAM', "'identifier' dict has no key 'type'") };
  }
  // A number, or a string or list that holds "type", crashes Synapse (500) when it is indexed: 4xx here.
  if (hasType === undefined || typeof identifier !== 'object' || identifier === null || Array.isArray(identifier)) {
    return { error: matrixError(400, 'M_BAD_JSON', '`identifier` must be an object') };
  }
  return { identifier: identifier as JsonObject };
}

export async function validateLogin(homeserver: MockHomeserver, submission: JsonObject): Promise<LoginOutcome> {
  const type = submission.type;
  if (typeof type !== 'string') return { error: matrixError(400, 'M_INVALID_PARAM', 'Bad parameter: type') };
  const password = submission.password;
  if (type === 'm.login.password' && typeof password !== 'string') {
    return { error: matrixError(400, 'M_INVALID_PARAM', 'Bad parameter: password') };
  }
  const converted = identifierOf(submission);
  if ('error' in converted) return converted;
  let { identifier } = converted;

  if (identifier.type === 'm.id.phone') {
    // `login_id_phone_to_thirdparty` (:149-176). The mock binds no phone numbers, so any number is
    // one nobody has; Synapse first refuses one libphonenumber cannot parse (not modelled).
    if (!('country' in identifier) || (!('phone' in identifier) && !('number' in identifier))) {
      return { error: matrixError(400, 'M_INVALID_PARAM', 'Invalid phone-type identifier') };
    }
    // `identifier.get("phone", identifier["number"])` reads `number` even when `phone` is there: a
    // KeyError, which `/login` answers "Missing JSON keys." (synapse/rest/client/login.py:252-253)
    // and UIA with a 500; the same 400 here.
    if (!('number' in identifier)) return { error: matrixError(400, 'M_UNKNOWN', 'Missing JSON keys.') };
    identifier = { type: 'm.id.thirdparty', medium: 'msisdn', address: identifier.phone ?? identifier.number };
  }

  if (identifier.type === 'm.id.thirdparty') {
    // :1193-1253.
    const { medium } = identifier;
    let { address } = identifier;
    if (medium === undefined || medium === null || address === undefined || address === null) {
      return { error: matrixError(400, 'M_UNKNOWN', 'Invalid thirdparty identifier') };
    }
    if (medium === 'email') {
      address = typeof address === 'string' ? canonicalEmail(address) : undefined;
      if (address === undefined) return { error: matrixError(400, 'M_UNKNOWN', 'Unable to parse email address') };
    }
    const owner =
      medium === 'email' && typeof address === 'string' ? own(homeserver.state.threepids, address) : undefined;
    if (owner === undefined) return { failed: INVALID_USERNAME_OR_PASSWORD };
    identifier = { type: 'm.id.user', user: owner };
  }

  // :1257-1267.
  if (identifier.type !== 'm.id.user') {
    return { error: matrixError(400, 'M_UNKNOWN', 'Unknown login identifier type') };
  }
  const username = identifier.user;
  if (!pythonTruthy(username)) {
    return { error: matrixError(400, 'M_UNKNOWN', "User identifier is missing 'user' key") };
  }
  // `username.startswith("@")` on a number or a list crashes Synapse (500): 4xx here.
  if (typeof username !== 'string') return { error: matrixError(400, 'M_BAD_JSON', '`user` must be a string') };
  const qualified = username.startsWith('@') ? username : `@${username}:${homeserver.config.serverName}`;

  // `_validate_userid_login` (:1288-1376): with no password modules, only `m.login.password` is known.
  if (type !== 'm.login.password') return { error: matrixError(400, 'M_UNKNOWN', `Unknown login type ${type}`) };
  // `_check_local_password` looks the whole ID up case-insensitively: another server's ID is nobody here.
  const suffix = `:${homeserver.config.serverName}`.toLowerCase();
  const local = qualified.toLowerCase().endsWith(suffix) ? qualified.slice(1, -suffix.length) : undefined;
  const found = local === undefined ? undefined : homeserver.findAccount(local);
  const account = found?.userId.toLowerCase() === qualified.toLowerCase() ? found : undefined;
  if (!account?.passwordHash || !(await verifyPassword(password as string, account.passwordHash, homeserver.env))) {
    return { failed: INVALID_USERNAME_OR_PASSWORD };
  }
  return { userId: account.userId };
}

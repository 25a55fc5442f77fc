import type { MockHomeserver } from './homeserver.js';
import type { Refusal } from './families.js';
import { byteLength, MAX_USER_ID_BYTES, userIdOf } from './user-id.js';

/** ruma's `validate_strict`: the localpart grammar of spec v1.8 (with `+`), no leading-`_` rule. */
const STRICT_LOCALPART = /^[a-z0-9._=\-/+]+$/;

/**
 * A name as the Rust servers (Conduit, continuwuity, Tuwunel) judge it, in their order: forbidden
 * patterns first (continuwuity, Tuwunel), then lower-casing where the family does it, the grammar,
 * taken, and (on `/register`, or everywhere on continuwuity and Tuwunel) an application service's
 * exclusive namespace. Conduit's `/register/available` has no namespace check (`account.rs:59`,
 * "TODO add check for appservice namespaces").
 */
export function rumaUsernameProblem(
  homeserver: MockHomeserver,
  typed: string,
  where: 'register' | 'available',
): Refusal | undefined {
  const { family, config } = homeserver;
  const texts = family.usernameTexts;
  if (!texts) throw new Error(`${family.name} has no username texts`);
  const forbiddenHere =
    family.forbiddenNames === 'register-and-available' ||
    (family.forbiddenNames === 'register' && where === 'register');
  if (forbiddenHere && config.forbiddenUsernames.some((pattern) => new RegExp(pattern).test(typed))) {
    return { status: 403, errcode: 'M_FORBIDDEN', error: 'Username is forbidden' };
  }
  const localpart = family.lowercases ? typed.toLowerCase() : typed;
  const userId = userIdOf(localpart, config.serverName);
  if (!STRICT_LOCALPART.test(localpart) || byteLength(userId) > MAX_USER_ID_BYTES) {
    return { status: 400, errcode: 'M_INVALID_USERNAME', error: texts.invalid };
  }
  if (homeserver.findAccount(localpart)) return { status: 400, errcode: 'M_USER_IN_USE', error: texts.taken };
  const checksNamespace = where === 'register' || family.namespaceOnAvailable;
  if (checksNamespace && homeserver.isExclusive(userId)) {
    return { status: 400, errcode: 'M_EXCLUSIVE', error: texts.exclusive };
  }
  return undefined;
}

import type { Environment } from '../environment.js';
import type { MockHomeserver } from '../homeserver.js';
import { own } from '../records.js';
import { crockford, ULID_ALPHABET } from './encoding.js';
import { ID_SHAPES } from './state.js';

/**
 * A registration token as MAS keeps it (`crates/data-model/src/users.rs:228-238` @ 682b8d26d3):
 * times in milliseconds since the epoch. Tokens are made through the admin API
 * (`admin-api.ts`) or seeded by the config (`oauth.registrationTokens`), and asked for by the
 * sign-up page when `oauth.passwordRegistrationTokenRequired` is on (`signup-form.ts`).
 */
export interface MasRegistrationToken {
  /** A ULID, the key of the record and the admin API's `id`. */
  id: string;
  token: string;
  /** Null: no limit. */
  usageLimit: number | null;
  timesUsed: number;
  createdAt: number;
  lastUsedAt: number | null;
  expiresAt: number | null;
  revokedAt: number | null;
}

/** MAS's `UserRegistrationToken::is_valid` (users.rs:240-264): not revoked, not expired, under its limit. */
export function masTokenIsValid(token: MasRegistrationToken, now: number): boolean {
  if (token.revokedAt !== null) return false;
  if (token.expiresAt !== null && now >= token.expiresAt) return false;
  return token.usageLimit === null || token.timesUsed < token.usageLimit;
}

/**
 * A new ULID (48 bits of milliseconds, 80 random bits, Crockford's base 32), as MAS makes its IDs.
 * Above every ID in `taken`, so that tokens made in one millisecond still list in the order made
 * (what the `ulid` crate's monotonic generator gives; MAS itself draws each independently).
 */
export function newUlid(env: Environment, taken: Iterable<string>): string {
  const candidate = crockford(BigInt(env.now()), 10) + env.randomString(16, ULID_ALPHABET);
  let highest: string | undefined;
  for (const id of taken) if (highest === undefined || id > highest) highest = id;
  if (highest === undefined || candidate > highest) return candidate;
  return crockford(ulidValue(highest) + 1n, 26);
}

function ulidValue(id: string): bigint {
  let value = 0n;
  for (const digit of id) value = value * 32n + BigInt(ULID_ALPHABET.indexOf(digit));
  return value;
}

/**
 * The record a path's ID names. MAS parses the ID with the `ulid` crate, which takes either case
 * (so `01abc…` is `01ABC…`); anything that is no ULID is refused before any lookup.
 */
export function masTokenById(homeserver: MockHomeserver, id: string): MasRegistrationToken | undefined {
  return ID_SHAPES.ulid.test(id) ? own(homeserver.state.oauth.registrationTokens, id.toUpperCase()) : undefined;
}

/** MAS's `find_by_token`: the token text exactly as typed (after the page's trim). */
export function masTokenByText(homeserver: MockHomeserver, text: string): MasRegistrationToken | undefined {
  return Object.values(homeserver.state.oauth.registrationTokens).find((token) => token.token === text);
}

/** Makes and stores a token (MAS's `add`, `storage-pg/src/user/registration_token.rs`). */
export function addMasToken(
  homeserver: MockHomeserver,
  fields: Pick<MasRegistrationToken, 'token' | 'usageLimit' | 'expiresAt'>,
): MasRegistrationToken {
  const tokens = homeserver.state.oauth.registrationTokens;
  const created: MasRegistrationToken = {
    id: newUlid(homeserver.env, Object.keys(tokens)),
    ...fields,
    timesUsed: 0,
    createdAt: homeserver.env.now(),
    lastUsedAt: null,
    revokedAt: null,
  };
  tokens[created.id] = created;
  return created;
}

/** One use, when an account was made with it (MAS's `use_token`, registration_token.rs:489-519). */
export function useMasToken(homeserver: MockHomeserver, token: MasRegistrationToken): void {
  token.timesUsed += 1;
  token.lastUsedAt = homeserver.env.now();
}

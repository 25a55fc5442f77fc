/**
 * State keyed by outside input (a session ID, a token, a username from a request) lives in
 * null-prototype records: with no prototype, `__proto__`, `constructor` and `toString` are ordinary
 * keys, so no request can reach `Object.prototype` through them (security review M1). A `Map` would
 * do too, but the state must stay plain JSON (the browser mock saves it whole).
 */
export type Keyed<T> = Record<string, T>;

/** An empty record with no prototype. */
export function keyed<T>(): Keyed<T> {
  return Object.create(null) as Keyed<T>;
}

/** The entry stored under `key` itself, never one inherited: the one way to read a keyed record. */
export function own<T>(record: Keyed<T>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

/**
 * A null-prototype copy of a record read back from JSON (`JSON.parse` makes plain objects, and its
 * own `__proto__` key stays an own key). Anything that is not a plain object becomes empty.
 */
export function keyedFrom<T>(value: unknown, entry: (item: unknown) => T = (item) => item as T): Keyed<T> {
  const record = keyed<T>();
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return record;
  for (const [key, item] of Object.entries(value)) {
    // defineProperty, not `=`: the copy must be an own key even for `__proto__`.
    Object.defineProperty(record, key, { value: entry(item), enumerable: true, writable: true, configurable: true });
  }
  return record;
}

/**
 * How many entries the mock keeps of each kind that requests without an account can create
 * (security review M7): beyond these the oldest go first. Generous for any test; a flood of
 * unauthenticated requests can no longer grow memory without end. In the README ("Bounds").
 */
export const BOUNDS = {
  sessions: 10_000,
  emailValidations: 10_000,
  inbox: 1_000,
  nonces: 1_000,
  oauthClients: 1_000,
  oauthRequests: 1_000,
  oauthSessions: 10_000,
  rateLimitBuckets: 10_000,
};

/**
 * For each record `remember` has stored into, a number never below its count of keys. Counting
 * them (`Object.keys`) walks the whole record: done on every new key, it made the HTTP mock's
 * sign-ups slow down as they went (1,000 a second from 4,900). Now a record is counted only when
 * this says the bound may be reached. Entries deleted elsewhere (a session completed) leave it
 * high, which costs one count, never an eviction missed.
 */
const sizeAtMost = new WeakMap<object, number>();

/**
 * Stores `value` under `key`, dropping the oldest entries first so that at most `max` remain. A full
 * record drops its oldest tenth at once (one entry below 20), so that a record kept full, as a flood
 * keeps it, is counted once every `max / 10` new keys and not on each.
 */
export function remember<T>(record: Keyed<T>, key: string, value: T, max: number): void {
  if (!Object.hasOwn(record, key)) {
    let size = sizeAtMost.get(record) ?? Number.POSITIVE_INFINITY;
    if (size >= max) {
      const keys = Object.keys(record);
      const drop = keys.length < max ? 0 : Math.max(keys.length - max + 1, Math.floor(max / 10));
      for (let index = 0; index < drop; index++) Reflect.deleteProperty(record, keys[index] as string);
      size = keys.length - drop;
    }
    sizeAtMost.set(record, size + 1);
  }
  Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
}

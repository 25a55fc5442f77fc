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

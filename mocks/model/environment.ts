/** Time and randomness, injected so that tests are deterministic. */
export interface Environment {
  now(): number;
  /** A random string of `length` characters drawn from `alphabet`. */
  randomString(length: number, alphabet?: string): string;
}

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

export const realEnvironment: Environment = {
  now: () => Date.now(),
  randomString(length, alphabet = LETTERS) {
    const bytes = crypto.getRandomValues(new Uint8Array(length));
    return Array.from(bytes, (byte) => alphabet[byte % alphabet.length]).join('');
  },
};

/** A clock that only moves when told to and a seeded generator (mulberry32). */
export function fakeEnvironment(seed = 1, startMs = Date.UTC(2026, 0, 1)): Environment & { advance(ms: number): void } {
  let now = startMs;
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    now: () => now,
    advance(ms) {
      now += ms;
    },
    randomString(length, alphabet = LETTERS) {
      return Array.from({ length }, () => alphabet[Math.floor(next() * alphabet.length)]).join('');
    },
  };
}

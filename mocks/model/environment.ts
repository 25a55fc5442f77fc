/** Time and randomness (and a fast hash where the platform has one), injected so that tests are deterministic. */
export interface Environment {
  now(): number;
  /** A random string of `length` characters drawn from `alphabet`. */
  randomString(length: number, alphabet?: string): string;
  /**
   * SHA-256 as hex, synchronously, where the platform offers it (Node's `crypto`); without it the
   * model uses WebCrypto, the same hash, asynchronously (a thread-pool round trip per password).
   */
  sha256Hex?: (text: string) => string;
}

/** SHA-256 of `text`'s UTF-8 as hex: the environment's synchronous hash where it has one, else WebCrypto. */
export async function sha256Hex(text: string, env: Environment): Promise<string> {
  if (env.sha256Hex) return env.sha256Hex(text);
  const bytes = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(bytes), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** Random bytes drawn 4 KB at a time: one `getRandomValues` call served about 170 session IDs. */
function pooledRandomBytes(fill: (bytes: Uint8Array<ArrayBuffer>) => void) {
  const pool = new Uint8Array(4096);
  let used = pool.length;
  return (count: number): Uint8Array => {
    if (count > pool.length) {
      const bytes = new Uint8Array(count);
      fill(bytes);
      return bytes;
    }
    if (used + count > pool.length) {
      fill(pool);
      used = 0;
    }
    used += count;
    return pool.subarray(used - count, used);
  };
}

/** An environment on the real clock, with randomness from `fill` (the platform's secure generator). */
export function secureEnvironment(
  fill: (bytes: Uint8Array<ArrayBuffer>) => void = (bytes) => crypto.getRandomValues(bytes),
  sha256Hex?: (text: string) => string,
): Environment {
  const random = pooledRandomBytes(fill);
  return {
    now: () => Date.now(),
    randomString(length, alphabet = LETTERS) {
      if (alphabet.length === 0 || alphabet.length > 256) throw new RangeError('alphabet of 1 to 256 characters');
      // Bytes at or above the largest multiple of the alphabet's size are drawn again, so that every
      // character is equally likely (`byte % 62` alone favours the first 8; security review I8).
      const limit = 256 - (256 % alphabet.length);
      let text = '';
      while (text.length < length) {
        for (const byte of random(length - text.length))
          if (byte < limit) text += alphabet.charAt(byte % alphabet.length);
      }
      return text;
    },
    ...(sha256Hex ? { sha256Hex } : {}),
  };
}

export const realEnvironment: Environment = secureEnvironment();

/**
 * A small seeded generator (mulberry32) of numbers in [0, 1): the same sequence for the same seed
 * on every run, for fake environments, fuzzing and resampling. Not for secrets.
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A clock that only moves when told to and a seeded generator. */
export function fakeEnvironment(seed = 1, startMs = Date.UTC(2026, 0, 1)): Environment & { advance(ms: number): void } {
  let now = startMs;
  const next = seededRandom(seed);
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

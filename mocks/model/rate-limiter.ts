import type { Rate } from './config.js';
import { BOUNDS, own, remember, type Keyed } from './records.js';

export interface BucketState {
  /** Actions counted, decaying at `perSecond`. Never negative. */
  count: number;
  updatedAt: number;
}

export type RateVerdict = { allowed: true } | { allowed: false; retryAfterMs: number };

/**
 * Synapse's `Ratelimiter`: a leaky bucket per key. `consume: false` asks without counting (Synapse's
 * `update=False`); `consume: true` counts one action when allowed. Buckets are plain data so the
 * state can be saved; the
 * record has no prototype (`records.ts`), since the key is the client's address or a username.
 */
export function rateLimit(
  buckets: Keyed<BucketState>,
  key: string,
  rate: Rate | null,
  now: number,
  consume: boolean,
): RateVerdict {
  if (rate === null) return { allowed: true };
  const bucket = own(buckets, key);
  const count = bucket ? Math.max(0, bucket.count - (Math.max(0, now - bucket.updatedAt) / 1000) * rate.perSecond) : 0;
  if (count + 1 > rate.burst) {
    // Truncated like Synapse's `int()`, after rounding to the microsecond so float noise (1.9999…)
    // cannot take a millisecond off; never 0, which would invite an instant retry.
    const waitMs = Math.round(((count + 1 - rate.burst) / rate.perSecond) * 1e6) / 1e3;
    return { allowed: false, retryAfterMs: Math.max(1, Math.floor(waitMs)) };
  }
  if (consume) remember(buckets, key, { count: count + 1, updatedAt: now }, BOUNDS.rateLimitBuckets);
  return { allowed: true };
}

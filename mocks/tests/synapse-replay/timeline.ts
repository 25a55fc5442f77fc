import type { Exchange } from './transcript';

/**
 * The replay's clock. The transcript carries no timestamps, yet some answers depend on time (rate
 * limits, token expiry). The clock therefore steps `STEP_MS` per request, as the recording's own
 * back-to-back 429s do (their `retry_after_ms` falls 4-5 ms a request), and waits where the
 * recording evidently waited. Each wait is recovered from figures in the transcript, named below.
 */
export const STEP_MS = 5;

export const PAUSES: Record<string, { ms: number; why: string }> = {
  'j.pending.validity_while_pending': {
    ms: 1175,
    why: 'its 429 says 8735 ms to wait out a 10 s window that opened at j.validity_good, so 1265 ms had passed since then',
  },
  'j2.validity_while_pending': {
    ms: 60_000,
    why: 'answered 200 while the validity limiter (5 at 0.1/s) was full: the recording waited for it to drain, over 50 s',
  },
  'j2.validity_expired': {
    ms: 4607,
    why: 'the token made 2 s before expiry has expired here, and j2.validity_ratelimit_2 says 5343 ms remain of the window opened at j2.validity_while_pending, so 4657 ms passed between them',
  },
  'l.rl_3.step1': {
    ms: 1135,
    why: 'its 429 says 18840 ms remain of the 20 s (0.05/s) window opened by the first account at l.rl_0.step2: 1160 ms had passed',
  },
  'l2.fill.step1': {
    ms: 7263,
    why: 'its 429 says 11552 ms remain of that window: 8448 ms had passed since l.rl_0.step2',
  },
};

/**
 * The admin made one token expiring in 2 s and one 2 s in the past, from the same instant
 * (their `expiry_time`s differ by exactly 4000 ms): the clock reads that instant here.
 */
export const ANCHOR = { case: 'j2.admin_create_expiring', at: 1_796_156_093_667 };

/** The clock reading at each exchange, in milliseconds since the epoch. */
export function timeline(exchanges: readonly Exchange[]): number[] {
  const relative: number[] = [];
  let now = 0;
  for (const exchange of exchanges) {
    now += STEP_MS + (PAUSES[exchange.case]?.ms ?? 0);
    relative.push(now);
  }
  const anchorIndex = exchanges.findIndex((exchange) => exchange.case === ANCHOR.case);
  if (anchorIndex === -1) throw new Error(`the transcript has no ${ANCHOR.case}`);
  const shift = ANCHOR.at - (relative[anchorIndex] ?? 0);
  return relative.map((time) => time + shift);
}

/**
 * The email recording's clock: nothing in it depends on time but the email tokens' hour, so a
 * steady step from the first email's arrival at the mail sink (emails.jsonl `received_at`) will do.
 */
export const EMAIL_RECORDING_START = 1_796_542_434_000;

export function steadyClock(exchanges: readonly Exchange[]): number[] {
  return exchanges.map((_, index) => EMAIL_RECORDING_START + STEP_MS * (index + 1));
}

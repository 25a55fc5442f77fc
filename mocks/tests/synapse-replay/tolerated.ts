import type { Difference } from './compare';
import { STEP_MS } from './timeline';
import type { Exchange } from './transcript';

/** How far a duration may be off, given the reconstructed clock (timeline.ts). */
const CLOCK_SLACK_MS = 20;

export interface Tolerance {
  /** The difference's place, as `compareAnswer` names it. */
  what: string;
  /** Which of them this tolerance covers. */
  covers: (difference: Difference, exchange: Exchange) => boolean;
  reason: string;
  /** The decision record that explains it, from the repository's root. */
  decision: string;
}

/**
 * Every way the mock may differ from the recorded Synapse, with its reason. Keep it short: a new
 * entry needs a decision record, and the replay fails when an entry no longer covers anything.
 */
export const TOLERATED: Tolerance[] = [
  {
    what: 'header retry-after',
    covers: ({ recorded, actual }, exchange) => {
      const wait = (JSON.parse(exchange.response_body) as { retry_after_ms?: number }).retry_after_ms;
      return exchange.status === 429 && recorded === undefined && wait !== undefined && Number(actual) >= wait / 1000;
    },
    reason:
      'Synapse 1.94 sent no Retry-After on a 429; current Synapse always does (register-semantics §3, §10), and the spec says servers SHOULD since v1.10. The mock follows current Synapse, with a value in seconds no shorter than retry_after_ms.',
    decision: 'docs/decisions/007-synapse-parity.md',
  },
  ...(['retry_after_ms', 'expires_in_ms'] as const).map((field): Tolerance => ({
    what: `body ${field}`,
    covers: ({ recorded, actual }) =>
      typeof recorded === 'number' && typeof actual === 'number' && Math.abs(recorded - actual) <= CLOCK_SLACK_MS,
    reason: `${field} is a duration on the server's clock, and the transcript has no timestamps: the replay's clock steps ${String(STEP_MS)} ms a request where Synapse took 2 to 6 ms, so the mock may be off by up to ${String(CLOCK_SLACK_MS)} ms.`,
    decision: 'docs/decisions/007-synapse-parity.md',
  })),
  ...(
    [
      'access-control-allow-origin',
      'access-control-allow-methods',
      'access-control-allow-headers',
      'access-control-expose-headers',
    ] as const
  ).map((name): Tolerance => ({
    what: `header ${name}`,
    covers: ({ recorded, actual }, exchange) =>
      exchange.path.startsWith('/_synapse/admin/') && recorded !== undefined && actual === undefined,
    reason:
      "Synapse sends its CORS headers on the admin API too; the mock's admin API, whose credentials are public defaults, is its control surface and sends none unless controlOrigins names the origin (security review M3).",
    decision: 'docs/decisions/007-synapse-parity.md',
  })),
];

/**
 * Where Synapse 1.94 crashed (500) on bad input, the mock gives the spec's 4xx instead; each such
 * recorded case, with the reason Synapse crashed.
 */
export const SYNAPSE_CRASHES: Record<string, string> = {
  'er.requestToken_email_not_string':
    'a non-string `email` reaches `canonicalise_email`, whose `address.strip()` raises AttributeError (util/threepids.py:88); the spec makes a malformed field a 400, M_INVALID_PARAM',
};

TOLERATED.push(
  ...(['status', 'body errcode'] as const).map((what): Tolerance => ({
    what,
    covers: ({ recorded, actual }, exchange) =>
      Object.hasOwn(SYNAPSE_CRASHES, exchange.case) &&
      exchange.status === 500 &&
      (what === 'status'
        ? typeof actual === 'number' && actual >= 400 && actual < 500
        : recorded === 'M_UNKNOWN' && typeof actual === 'string' && actual.startsWith('M_')),
    reason: `Synapse 1.94 answered 500 to bad input where the spec's 4xx is right (${what}); each case and why Synapse crashed is in SYNAPSE_CRASHES.`,
    decision: 'docs/decisions/007-synapse-parity.md',
  })),
);

export function toleranceFor(difference: Difference, exchange: Exchange): Tolerance | undefined {
  return TOLERATED.find((tolerance) => tolerance.what === difference.what && tolerance.covers(difference, exchange));
}

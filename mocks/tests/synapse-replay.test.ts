import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { overHttp, replay, FIRST_RECORDING, type RecordingSetup } from './synapse-replay/replay';
import { throughHandlers } from './synapse-replay/replay';
import { EMAIL_SET_SHARED_SECRET, emailSetConfigs } from './synapse-replay/synapse-configs';
import { steadyClock } from './synapse-replay/timeline';
import { TOLERATED, toleranceFor } from './synapse-replay/tolerated';
import { loadEmails, loadTranscript, type TranscriptSet } from './synapse-replay/transcript';

/**
 * The mock against a real Synapse 1.94.0, in both recordings: every recorded request is sent again,
 * in order, to a mock configured like that server, once through the MSW handlers (the browser and
 * Node) and once over HTTP, and each answer (and each email, read through the mock's inbox) is
 * compared with Synapse's (synapse-replay/compare.ts says what counts).
 */
const EMAIL_RECORDING: RecordingSetup = {
  configs: emailSetConfigs,
  sharedSecret: EMAIL_SET_SHARED_SECRET,
  freshDatabase: true,
  times: steadyClock,
  emails: loadEmails(),
};
const recordings: [TranscriptSet, RecordingSetup][] = [
  ['first', FIRST_RECORDING],
  ['email', EMAIL_RECORDING],
];
const transports = [
  ['the MSW handlers', throughHandlers],
  ['HTTP', overHttp],
] as const;
const used = new Set<(typeof TOLERATED)[number]>();

describe.each(recordings)('replaying the %s recording of Synapse 1.94', (set, setup) => {
  const exchanges = loadTranscript(set);
  it.each(transports)(
    `answers all ${exchanges.length} recorded requests as Synapse did, through %s`,
    async (_, transport) => {
      const results = await replay(exchanges, transport, setup);
      const report = results.flatMap(({ exchange, differences }) =>
        differences.map((difference) => ({ exchange, difference, tolerance: toleranceFor(difference, exchange) })),
      );
      for (const { tolerance } of report) if (tolerance) used.add(tolerance);
      if (process.env.REPLAY_REPORT) {
        const failing = new Set(report.filter((entry) => !entry.tolerance).map((entry) => entry.exchange));
        process.stderr.write(
          `${set}: matched ${String(exchanges.length - failing.size)} of ${String(exchanges.length)}\n`,
        );
        for (const { exchange, difference } of report.filter((entry) => !entry.tolerance)) {
          process.stderr.write(
            `${exchange.case}: ${difference.what}: Synapse ${JSON.stringify(difference.recorded)}, mock ${JSON.stringify(difference.actual)}`.slice(
              0,
              300,
            ) + '\n',
          );
        }
      }
      const unexplained = report
        .filter((entry) => !entry.tolerance)
        .map(
          ({ exchange, difference }) =>
            `${exchange.case} ${difference.what}: Synapse ${JSON.stringify(difference.recorded)}, mock ${JSON.stringify(difference.actual)}`,
        );
      expect(unexplained).toEqual([]);
    },
  );
});

describe('the list of tolerated differences', () => {
  it('gives each one a reason and a decision record that exists', () => {
    for (const tolerance of TOLERATED) {
      expect(tolerance.reason.length).toBeGreaterThan(20);
      expect(existsSync(new URL(`../../${tolerance.decision}`, import.meta.url))).toBe(true);
    }
  });

  it('has no entry that no longer covers anything (after both replays)', () => {
    expect(TOLERATED.filter((tolerance) => !used.has(tolerance)).map((tolerance) => tolerance.reason)).toEqual([]);
  });
});

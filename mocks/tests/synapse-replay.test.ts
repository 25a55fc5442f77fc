import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { overHttp, replay, throughHandlers } from './synapse-replay/replay';
import { TOLERATED, toleranceFor } from './synapse-replay/tolerated';
import { loadTranscript } from './synapse-replay/transcript';

/**
 * The mock against a real Synapse 1.94.0: every recorded request is sent again, in order, to a mock
 * configured like that server, once through the MSW handlers (the browser and Node) and once over
 * HTTP, and each answer is compared with Synapse's (synapse-replay/compare.ts says what counts).
 */
const exchanges = loadTranscript();
const transports = [
  ['the MSW handlers', throughHandlers],
  ['HTTP', overHttp],
] as const;

describe.each(transports)('replaying Synapse 1.94 through %s', (_, transport) => {
  it(`answers all ${exchanges.length} recorded requests as Synapse did`, async () => {
    const results = await replay(exchanges, transport);
    const report = results.flatMap(({ exchange, differences }) =>
      differences.map((difference) => ({ exchange, difference, tolerance: toleranceFor(difference, exchange) })),
    );
    if (process.env.REPLAY_REPORT) {
      const failing = new Set(report.filter((entry) => !entry.tolerance).map((entry) => entry.exchange));
      process.stderr.write(`matched ${String(exchanges.length - failing.size)} of ${String(exchanges.length)}\n`);
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
    const used = new Set(report.map((entry) => entry.tolerance).filter((tolerance) => tolerance !== undefined));
    expect(TOLERATED.filter((tolerance) => !used.has(tolerance)).map((tolerance) => tolerance.reason)).toEqual([]);
  });
});

describe('the list of tolerated differences', () => {
  it('gives each one a reason and a decision record that exists', () => {
    for (const tolerance of TOLERATED) {
      expect(tolerance.reason.length).toBeGreaterThan(20);
      expect(existsSync(new URL(`../../${tolerance.decision}`, import.meta.url))).toBe(true);
    }
  });
});

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { launch, median } from './page-timing';
import { ratioWithSharedBrowserPart } from './ratio';
import { serveFolder } from './static-server';
import { writeStaticForms } from './static-forms';
import { benchVisitors, timeVisitors } from './visitors';

/**
 * `npx tsx scripts/bench/first-paint.ts [--dist dist] [--runs N] [--visitors build,other,rtl] [--speeds 1,4] [--host negotiating|plain]`: only the bench's time to a usable
 * form, for each visitor, against a build already made (for comparing builds while working; the
 * full bench is `npm run bench`). Prints one line per visitor and speed.
 */
const { values: options } = parseArgs({
  options: {
    dist: { type: 'string', default: 'dist' },
    runs: { type: 'string', default: '15' },
    visitors: { type: 'string', default: 'build,other,rtl' },
    speeds: { type: 'string', default: '1,4' },
    // `plain`: a host that serves index.html to everyone (the page fetches the visitor's language).
    host: { type: 'string', default: 'negotiating' },
  },
});
const chosen = new Set(options.visitors.split(','));
const visitors = (await benchVisitors()).filter((visitor) => chosen.has(visitor.id));
const work = await mkdtemp(join(tmpdir(), 'first-paint-'));
await writeStaticForms(work, [...new Set(visitors.map((visitor) => visitor.language))]);
const forms = await serveFolder(work);
const app = await serveFolder(options.dist, {}, { negotiate: options.host !== 'plain' });
const browser = await launch();
try {
  const results = await timeVisitors(
    browser,
    `${app.url}/`,
    (language) => `${forms.url}/${language}/`,
    visitors,
    Number(options.runs),
    (line) => process.stdout.write(`${line}\n`),
    options.speeds.split(',').map(Number),
  );
  for (const { visitor, cpuSlowdown, app: appTimes, form } of results) {
    const ratio = ratioWithSharedBrowserPart(appTimes, form);
    process.stdout.write(
      `${visitor.id.padEnd(6)} ${String(cpuSlowdown)}x  app ${median(appTimes.usable).toFixed(0)} ms / static ${median(form.usable).toFixed(0)} ms = ${ratio.value.toFixed(2)}x (95% ${ratio.low.toFixed(2)}–${ratio.high.toFixed(2)})  paint ${median(appTimes.painted).toFixed(0)} / ${median(form.painted).toFixed(0)}\n`,
    );
  }
} finally {
  await Promise.all([browser.close(), forms.close(), app.close()]);
  await rm(work, { recursive: true, force: true });
}

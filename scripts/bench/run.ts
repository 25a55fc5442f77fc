import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { cpus, platform, release, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { format, resolveConfig } from 'prettier';
import { launch, layoutShiftUntilReady, median, submitToSuccess, timeAppAgainstStaticForm } from './page-timing';
import { memoryOf, registerMany, startMockServer, stopMockServer } from './mock-server-load';
import { serveFolder } from './static-server';
import { buildApp, buildReactFloor, mockCodeIn, startupSize } from './size';
import { BUDGETS, type Figures } from './budgets';
import { report, type PreviousRun } from './report';

/**
 * `npm run bench`: the product measured as its users feel it. Prints a table; exits 1 when a budget
 * in `budgets.ts` is broken. `--write` also puts the figures into docs/performance.md.
 */
const { values: options } = parseArgs({
  options: {
    runs: { type: 'string', default: '20' },
    accounts: { type: 'string', default: '100000' },
    write: { type: 'boolean', default: false },
  },
});
const runs = Number(options.runs);
/** The last written run's figures: the next run prints them beside its own. */
const FIGURES_FILE = 'docs/performance.json';
const accountTarget = Number(options.accounts);
const log = (line: string) => process.stdout.write(`${line}\n`);

const work = await mkdtemp(join(tmpdir(), 'signup-bench-'));
try {
  log('Building the production app, the mock-mode app and a React-only page…');
  const appDir = join(work, 'app');
  const mockDir = join(work, 'mock');
  const floorDir = join(work, 'floor');
  await buildApp(appDir, 'production');
  await buildApp(mockDir, 'mock');
  await buildReactFloor(floorDir);
  const app = await startupSize(appDir);
  const floor = await startupSize(floorDir);
  const mockCode = await mockCodeIn(appDir);

  log('Starting the HTTP mock server in its own process…');
  const mock = await startMockServer();
  const appServer = await serveFolder(appDir, {
    '/config.json': JSON.stringify({ default_server: mock.base, allow_custom_servers: true }),
  });
  const formServer = await serveFolder('scripts/bench/static-form');
  const mockAppServer = await serveFolder(mockDir);

  const browser = await launch();
  const browserVersion = browser.version();
  log(
    `Time to a usable form, ${String(runs)} cold loads each, app and static form in turn (Chromium ${browserVersion})…`,
  );
  const pages = { app: `${appServer.url}/`, form: `${formServer.url}/` };
  const { app: appTimes, form: formTimes } = await timeAppAgainstStaticForm(browser, pages, runs);
  const { app: appTimesSlow, form: formTimesSlow } = await timeAppAgainstStaticForm(browser, pages, runs, 4);
  log(`Layout shift until the page has taken over, ${String(runs)} loads…`);
  const layoutShift = await layoutShiftUntilReady(browser, `${appServer.url}/`, runs);
  log(`Submit to success in mock mode, ${String(runs)} sign-ups…`);
  const submitTimes = await submitToSuccess(browser, `${mockAppServer.url}/?scenario=open`, runs);
  await browser.close();
  await Promise.all([appServer.close(), formServer.close(), mockAppServer.close()]);

  log(`The HTTP mock server: 50 clients, then up to ${String(accountTarget)} accounts…`);
  const before = await memoryOf(mock.child);
  const throughputCount = Math.min(10_000, accountTarget);
  const seconds = await registerMany(mock.base, throughputCount, 50, 'rate');
  const rest = accountTarget - throughputCount;
  if (rest > 0) await registerMany(mock.base, rest, 50, 'fill');
  const after = await memoryOf(mock.child);
  await stopMockServer(mock.child);

  const figures: Figures = {
    appStartupGzip: app.gzip,
    reactFloorGzip: floor.gzip,
    mockCodeFiles: mockCode,
    usableFormMs: median(appTimes.usable),
    usableFormRuns: appTimes.usable,
    usableFormSlowRuns: appTimesSlow.usable,
    submitRuns: submitTimes,
    staticFormMs: median(formTimes.usable),
    usableFormSlowMs: median(appTimesSlow.usable),
    staticFormSlowMs: median(formTimesSlow.usable),
    paintedFormMs: median(appTimes.painted),
    staticPaintedMs: median(formTimes.painted),
    paintedFormSlowMs: median(appTimesSlow.painted),
    staticPaintedSlowMs: median(formTimesSlow.painted),
    layoutShift,
    submitToSuccessMs: median(submitTimes),
    registrationsPerSecond: throughputCount / seconds,
    accounts: after.accounts,
    rssBefore: before.rss,
    rssAfter: after.rss,
    heapBefore: before.heapUsed,
    heapAfter: after.heapUsed,
  };
  const machine = {
    cpu: `${cpus()[0]?.model ?? 'unknown CPU'} × ${String(cpus().length)}`,
    memory: `${(totalmem() / 2 ** 30).toFixed(1)} GiB`,
    os: `${platform()} ${release()}`,
    node: process.version,
    browser: `Chromium ${browserVersion}`,
  };
  const previous = await readFile(FIGURES_FILE, 'utf8')
    .then((text) => JSON.parse(text) as PreviousRun)
    .catch(() => undefined);
  const { text, broken } = report(figures, machine, { runs, appFiles: app.files, floorFiles: floor.files }, previous);
  log('');
  log(text);
  if (options.write) {
    await writeResults('docs/performance.md', text);
    const run: PreviousRun = { date: new Date().toISOString().slice(0, 10), figures };
    await writeFormatted(FIGURES_FILE, JSON.stringify(run));
    log(`Wrote the figures into docs/performance.md and ${FIGURES_FILE}.`);
  }
  if (broken.length > 0) {
    log(`BUDGET BROKEN: ${broken.join('; ')}`);
    process.exitCode = 1;
  } else {
    log(`All ${String(Object.keys(BUDGETS).length)} budgets hold.`);
  }
} finally {
  await rm(work, { recursive: true, force: true });
}

/** Replaces the generated part of the file (between the markers), keeping what people wrote around it. */
async function writeResults(path: string, text: string): Promise<void> {
  const START = '<!-- bench:start -->';
  const END = '<!-- bench:end -->';
  const current = await readFile(path, 'utf8').catch(() => `${START}\n${END}\n`);
  const before = current.split(START)[0] ?? '';
  const after = current.split(END)[1] ?? '\n';
  await writeFormatted(path, `${before}${START}\n${text}${END}${after}`);
}

/** Written as `npm test`'s Prettier check expects (it aligns tables and wraps number lists). */
async function writeFormatted(path: string, text: string): Promise<void> {
  const options = (await resolveConfig(path)) ?? {};
  await writeFile(path, await format(text, { ...options, filepath: path }));
}

import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { cpus, platform, release, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { format, resolveConfig } from 'prettier';
import { launch, layoutShiftUntilReady, median, submitToSuccess } from './page-timing';
import { writeStaticForms } from './static-forms';
import { benchVisitors, timeVisitors } from './visitors';
import { memoryOf, registerMany, startMockServer, stopMockServer } from './mock-server-load';
import { serveFolder } from './static-server';
import { LANGUAGES } from '../../src/i18n/languages.ts';
import { buildApp, buildReactFloor, mockCodeIn, startupSize } from './size';
import { BUDGETS, type Figures } from './budgets';
import { report, type PreviousRun } from './report';

/**
 * `npm run bench`: the product measured as its users feel it. Prints a table; exits 1 when a budget
 * in `budgets.ts` is broken. `--write` also puts the figures into docs/performance.md.
 */
const { values: options } = parseArgs({
  options: {
    runs: { type: 'string', default: '40' },
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
  const visitors = await benchVisitors();
  const buildLanguage = visitors[0]?.language ?? 'en';
  const app = await startupSize(appDir, buildLanguage);
  // A visitor in another language: the largest of them all (their first paint's file and messages).
  const others = await Promise.all(
    LANGUAGES.filter((language) => language !== buildLanguage).map((language) => startupSize(appDir, language)),
  );
  const appOther = Math.max(...others.map((size) => size.gzip));
  const floor = await startupSize(floorDir);
  const mockCode = await mockCodeIn(appDir);

  log('Starting the HTTP mock server in its own process…');
  const mock = await startMockServer();
  // Served as the guide's nginx and Caddy configurations serve it: each visitor's language as it is.
  const appServer = await serveFolder(
    appDir,
    { '/config.json': JSON.stringify({ default_server: mock.base, allow_custom_servers: true }) },
    { negotiate: true },
  );
  const formsDir = join(work, 'forms');
  await writeStaticForms(formsDir, [...new Set(visitors.map((visitor) => visitor.language))]);
  const formServer = await serveFolder(formsDir);
  const mockAppServer = await serveFolder(mockDir);

  const browser = await launch();
  const browserVersion = browser.version();
  log(
    `Time to a usable form, ${String(runs)} cold loads each, app and static form in turn, per visitor (Chromium ${browserVersion})…`,
  );
  const visitorTimes = await timeVisitors(
    browser,
    `${appServer.url}/`,
    (language) => `${formServer.url}/${language}/`,
    visitors,
    runs,
    log,
  );
  log(`Layout shift until the page has taken over, ${String(runs)} loads for each of two visitors…`);
  const layoutShift = await layoutShiftUntilReady(browser, `${appServer.url}/`, runs, visitors[0]?.locale);
  const layoutShiftOther = await layoutShiftUntilReady(browser, `${appServer.url}/`, runs, visitors[1]?.locale);
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
    appStartupOtherGzip: appOther,
    appDocumentGzip: app.document,
    reactFloorGzip: floor.gzip,
    mockCodeFiles: mockCode,
    visitors: visitorTimes.map(({ visitor, cpuSlowdown, app: appTimes, form }) => ({
      id: visitor.id,
      label: visitor.label,
      cpuSlowdown,
      app: appTimes.usable,
      form: form.usable,
      appDocument: appTimes.document,
      formDocument: form.document,
      appPainted: appTimes.painted,
      formPainted: form.painted,
    })),
    submitRuns: submitTimes,
    layoutShift,
    layoutShiftOther,
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

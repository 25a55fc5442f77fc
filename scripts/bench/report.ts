import { brokenBudgets, usableRatioOf, verdicts, type Figures } from './budgets';
import { median, quantile } from './ratio';

const kb = (bytes: number) => `${(bytes / 1024).toFixed(2)} KB`;
const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MB`;
const spread = (runs: number[]) => {
  const sorted = [...runs].sort((a, b) => a - b);
  const at = (share: number) => sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))] ?? NaN;
  return `min ${(sorted[0] ?? NaN).toFixed(0)}, p90 ${at(0.9).toFixed(0)}, max ${(sorted.at(-1) ?? NaN).toFixed(0)}`;
};

/** The run as Markdown: the same text is printed and, with `--write`, becomes docs/performance.md. */
export interface PreviousRun {
  date: string;
  /** Where the figures came from, when not written by a run. */
  source?: string;
  figures: Figures;
}

/** Each visitor at each speed: medians with the middle half of the runs, the ratio and its interval. */
function visitorTable(f: Figures): string {
  if (!f.visitors) return 'Not measured in this run.';
  const ms = (runs: number[]) =>
    `${median(runs).toFixed(0)} ms (${quantile(runs, 0.25).toFixed(0)}–${quantile(runs, 0.75).toFixed(0)})`;
  const rows = f.visitors.map((visitor) => {
    const ratio = usableRatioOf(visitor);
    const browserPart =
      visitor.appDocument && visitor.formDocument
        ? `${median(visitor.appDocument).toFixed(0)} / ${median(visitor.formDocument).toFixed(0)} ms`
        : 'not measured';
    return `| ${visitor.label} | ${visitor.cpuSlowdown === 1 ? '1×' : `${String(visitor.cpuSlowdown)}×`} | ${ms(visitor.app)} | ${ms(visitor.form)} | ${browserPart} | ${ratio.value.toFixed(2)}× (${ratio.low.toFixed(2)}–${ratio.high.toFixed(2)}) | ${median(visitor.appPainted).toFixed(0)} / ${median(visitor.formPainted).toFixed(0)} ms |`;
  });
  return [
    'Medians of the runs, with the middle half of them in brackets; the browser’s part of the same',
    'loads (navigation to the document’s creation); the ratio with its 95 % interval.',
    '',
    '| Visitor | CPU | App | Static form | Browser’s part, app / form | Ratio | First paint, app / form |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...rows,
  ].join('\n');
}

export function report(
  f: Figures,
  machine: Record<string, string>,
  details: { runs: number; appFiles: { name: string; gzip: number }[]; floorFiles: { name: string; gzip: number }[] },
  previous?: PreviousRun,
): { text: string; broken: string[] } {
  const broken = brokenBudgets(f);
  const before = previous ? verdicts(previous.figures) : [];
  const budgetRows = verdicts(f).map(({ budget, value, holds }, index) => {
    const sign = budget.kind === 'max' ? '≤' : '≥';
    const earlier = before[index]?.value;
    const shown = earlier === undefined || Number.isNaN(earlier) ? '—' : budget.format(earlier);
    return `| ${budget.label} | ${budget.format(value)} | ${shown} | ${sign} ${budget.format(budget.limit)} | ${holds ? 'holds' : '**broken**'} |`;
  });
  const was = (value: number | undefined, unit = ' ms') => (value === undefined ? '—' : `${value.toFixed(1)}${unit}`);
  const p = previous?.figures;
  const text = `## Last run

\`npm run bench -- --write\` wrote this section. Runs: ${String(details.runs)} per timing.
Date: ${new Date().toISOString().slice(0, 10)}.

### Machine

${Object.entries(machine)
  .map(([key, value]) => `- ${key}: ${value}`)
  .join('\n')}

### Budgets

Previous: ${previous ? `the run of ${previous.date} (\`docs/performance.json\`${previous.source ? `, ${previous.source}` : ''})` : 'none recorded'}.

| Figure | Measured | Previous | Budget | |
| --- | --- | --- | --- | --- |
${budgetRows.join('\n')}

### Figures

| Figure | Value | Previous |
| --- | --- | --- |
| Start-up code and data, visitor in the build's language (gzip -9) | ${kb(f.appStartupGzip)} | ${p ? kb(p.appStartupGzip) : '—'} |
| The same, visitor in another language (their first messages) | ${f.appStartupOtherGzip === undefined ? '—' : kb(f.appStartupOtherGzip)} | ${p?.appStartupOtherGzip === undefined ? '—' : kb(p.appStartupOtherGzip)} |
| The whole \`index.html\` (gzip -9) | ${f.appDocumentGzip === undefined ? '—' : kb(f.appDocumentGzip)} | ${p?.appDocumentGzip === undefined ? '—' : kb(p.appDocumentGzip)} |
| A page that only renders React (its script) | ${kb(f.reactFloorGzip)} | ${p ? kb(p.reactFloorGzip) : '—'} |
| Submit to success screen, median (mock mode, no delay) | ${f.submitToSuccessMs.toFixed(1)} ms (${spread(f.submitRuns)}) | ${was(p?.submitToSuccessMs)} |
| HTTP mock: registrations per second (50 clients, 10,000 sign-ups) | ${f.registrationsPerSecond.toFixed(0)} | ${p ? p.registrationsPerSecond.toFixed(0) : '—'} |
| HTTP mock: accounts at the end | ${String(f.accounts)} | ${p ? String(p.accounts) : '—'} |
| HTTP mock: resident memory, start → end | ${mb(f.rssBefore)} → ${mb(f.rssAfter)} | ${p ? `${mb(p.rssBefore)} → ${mb(p.rssAfter)}` : '—'} |
| HTTP mock: heap after GC, start → end | ${mb(f.heapBefore)} → ${mb(f.heapAfter)} | ${p ? `${mb(p.heapBefore)} → ${mb(p.heapAfter)}` : '—'} |

### Time to a usable form, each visitor

${visitorTable(f)}

Start-up code and data of a visitor in the build's language, gzip -9:
${details.appFiles.map((file) => `- \`${file.name}\`: ${kb(file.gzip)}`).join('\n')}

React alone: ${details.floorFiles.map((file) => `\`${file.name}\` ${kb(file.gzip)}`).join(', ')}.

### How each figure is taken

- Sizes: \`vite build\` of the app and of \`scripts/bench/react-floor\` (React + ReactDOM rendering one
  paragraph, same Vite and plugin). Start-up code and data (\`scripts/bench/size.ts\`): each file
  \`index.html\` loads at start, its inline styles and scripts (compressed together, as they travel
  in one document), and the visitor's first messages (for another language than the build's, the
  file of its first paint, which brings them; decision 025), each gzip level 9, the largest language;
  the document's own markup is content a static page has too, and is in the whole-document figure. The
  mock check searches every file of the production build for MSW's and the mock's strings.
- Time to a usable form: headless Chromium, a fresh context per run (cold cache) with the visitor's
  locale (\`navigator.languages\`, \`Accept-Language\`), the app and the static form loaded in turn
  after one dropped load of each (so neither is charged with the browser warming up or a busy moment
  of the machine), the app first in even runs and the form first in odd ones, a quarter of a second
  after each load for the closed context's renderer to end before the next (decision 030), pages
  served by one tiny static server on loopback; the app's \`config.json\` names the HTTP mock server
  (its own process, loopback). The time is \`performance.now()\` when the username field is first
  present, enabled and visible (a MutationObserver, and a check before each frame for what only
  styles change); a load that meets the field in another language than the visitor's fails the run.
  The floor is a plain HTML form with the same field in the visitor's language and direction, its
  words from the page's catalog (\`scripts/bench/static-forms.ts\`).
  Each load is split where its document is created (the bench's own script, which runs then): before
  it, the browser's part (request, response, commit), which has read none of the page and is the
  same work for both; after it, the page's own. Each page's time is the median of the browser's part
  over both pages' loads plus the median of its own part, and the ratio is the app's time over the
  form's (decision 030); its 95 % interval comes from resampling the paired runs 2,000 times
  (\`scripts/bench/ratio.ts\`), so a budget read against it holds or breaks for a reason.
  Throttling: Chrome DevTools Protocol \`Emulation.setCPUThrottlingRate\` 4.
- Layout shift: the production build, ${String(details.runs)} cold loads for each of a visitor in the build's language and one in German; the \`layout-shift\` entries
  (CLS's) summed from navigation until \`<html data-signup="ready">\` (the page has taken over from the
  prerendered form) and the server's requirements are shown; the largest sum of the runs.
- Submit to success: the mock-mode build (MSW in a service worker, \`?scenario=open\`, no delay); the
  form is filled and the name checked first; from the \`submit\` event to the success heading in the
  DOM (two \`/register\` requests: the 401, then the dummy stage).
- The HTTP mock server runs in a child process (\`--expose-gc\`); 50 concurrent clients each run
  whole registrations (401, then dummy stage) back to back; the first 10,000 are timed, then more
  until the account count is reached; memory is \`process.memoryUsage()\` after \`gc()\`.
`;
  return { text, broken };
}

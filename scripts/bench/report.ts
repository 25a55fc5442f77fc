import { brokenBudgets, verdicts, type Figures } from './budgets';

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
| Start-up JS + CSS, gzip -9 (production build) | ${kb(f.appStartupGzip)} | ${p ? kb(p.appStartupGzip) : '—'} |
| The same for a page that only renders React | ${kb(f.reactFloorGzip)} | ${p ? kb(p.reactFloorGzip) : '—'} |
| Time to a usable form, median (app, loopback) | ${f.usableFormMs.toFixed(1)} ms (${spread(f.usableFormRuns)}) | ${was(p?.usableFormMs)} |
| Time to a usable form, median (static HTML form) | ${f.staticFormMs.toFixed(1)} ms | ${was(p?.staticFormMs)} |
| Time to a usable form, 4× CPU throttling (app) | ${f.usableFormSlowMs.toFixed(1)} ms (${spread(f.usableFormSlowRuns)}) | ${was(p?.usableFormSlowMs)} |
| Time to a usable form, 4× CPU throttling (static form) | ${f.staticFormSlowMs.toFixed(1)} ms | ${was(p?.staticFormSlowMs)} |
| First contentful paint, median (app; static form) | ${was(f.paintedFormMs)}; ${was(f.staticPaintedMs)} | ${was(p?.paintedFormMs)}; ${was(p?.staticPaintedMs)} |
| First contentful paint, 4× CPU throttling (app; static form) | ${was(f.paintedFormSlowMs)}; ${was(f.staticPaintedSlowMs)} | ${was(p?.paintedFormSlowMs)}; ${was(p?.staticPaintedSlowMs)} |
| Submit to success screen, median (mock mode, no delay) | ${f.submitToSuccessMs.toFixed(1)} ms (${spread(f.submitRuns)}) | ${was(p?.submitToSuccessMs)} |
| HTTP mock: registrations per second (50 clients, 10,000 sign-ups) | ${f.registrationsPerSecond.toFixed(0)} | ${p ? p.registrationsPerSecond.toFixed(0) : '—'} |
| HTTP mock: accounts at the end | ${String(f.accounts)} | ${p ? String(p.accounts) : '—'} |
| HTTP mock: resident memory, start → end | ${mb(f.rssBefore)} → ${mb(f.rssAfter)} | ${p ? `${mb(p.rssBefore)} → ${mb(p.rssAfter)}` : '—'} |
| HTTP mock: heap after GC, start → end | ${mb(f.heapBefore)} → ${mb(f.heapAfter)} | ${p ? `${mb(p.heapBefore)} → ${mb(p.heapAfter)}` : '—'} |

Start-up files (what \`index.html\` loads: scripts, module preloads, styles), gzip -9:
${details.appFiles.map((file) => `- \`${file.name}\`: ${kb(file.gzip)}`).join('\n')}

React alone: ${details.floorFiles.map((file) => `\`${file.name}\` ${kb(file.gzip)}`).join(', ')}.

### How each figure is taken

- Sizes: \`vite build\` of the app and of \`scripts/bench/react-floor\` (React + ReactDOM rendering one
  paragraph, same Vite and plugin), each file \`index.html\` names compressed with gzip level 9. The
  mock check searches every file of the production build for MSW's and the mock's strings.
- Time to a usable form: headless Chromium, a fresh context per run (cold cache), the app and the
  static form loaded in turn after one dropped load of each (so neither is charged with the browser
  warming up or a busy moment of the machine), pages served by
  one tiny static server on loopback; the app's \`config.json\` names the HTTP mock server (its own
  process, loopback). The time is \`performance.now()\` when a MutationObserver first sees
  \`#field-username\` present and enabled. The floor is \`scripts/bench/static-form\`, plain HTML with
  the same field. Throttling: Chrome DevTools Protocol \`Emulation.setCPUThrottlingRate\` 4. The
  first contentful paint of the same loads is reported beside it (the static form has no styles to
  wait for; the app's are inline).
- Layout shift: the production build, ${String(details.runs)} cold loads; the \`layout-shift\` entries
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

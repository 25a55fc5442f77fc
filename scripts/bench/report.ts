import { brokenBudgets, verdicts, type Figures } from './budgets';

const kb = (bytes: number) => `${(bytes / 1024).toFixed(2)} KB`;
const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MB`;
const spread = (runs: number[]) => {
  const sorted = [...runs].sort((a, b) => a - b);
  const at = (share: number) => sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))] ?? NaN;
  return `min ${(sorted[0] ?? NaN).toFixed(0)}, p90 ${at(0.9).toFixed(0)}, max ${(sorted.at(-1) ?? NaN).toFixed(0)}`;
};

/** The run as Markdown: the same text is printed and, with `--write`, becomes docs/performance.md. */
export function report(
  f: Figures,
  machine: Record<string, string>,
  details: { runs: number; appFiles: { name: string; gzip: number }[]; floorFiles: { name: string; gzip: number }[] },
): { text: string; broken: string[] } {
  const broken = brokenBudgets(f);
  const budgetRows = verdicts(f).map(({ budget, value, holds }) => {
    const sign = budget.kind === 'max' ? '≤' : '≥';
    return `| ${budget.label} | ${budget.format(value)} | ${sign} ${budget.format(budget.limit)} | ${holds ? 'holds' : '**broken**'} |`;
  });
  const text = `## Last run

\`npm run bench -- --write\` wrote this section. Runs: ${String(details.runs)} per timing.
Date: ${new Date().toISOString().slice(0, 10)}.

### Machine

${Object.entries(machine)
  .map(([key, value]) => `- ${key}: ${value}`)
  .join('\n')}

### Budgets

| Figure | Measured | Budget | |
| --- | --- | --- | --- |
${budgetRows.join('\n')}

### Figures

| Figure | Value |
| --- | --- |
| Start-up JS + CSS, gzip -9 (production build) | ${kb(f.appStartupGzip)} |
| The same for a page that only renders React | ${kb(f.reactFloorGzip)} |
| Time to a usable form, median (app, loopback) | ${f.usableFormMs.toFixed(1)} ms (${spread(f.usableFormRuns)}) |
| Time to a usable form, median (static HTML form) | ${f.staticFormMs.toFixed(1)} ms |
| Time to a usable form, 4× CPU throttling (app) | ${f.usableFormSlowMs.toFixed(1)} ms (${spread(f.usableFormSlowRuns)}) |
| Time to a usable form, 4× CPU throttling (static form) | ${f.staticFormSlowMs.toFixed(1)} ms |
| App ÷ static form, unthrottled and 4× | ${(f.usableFormMs / f.staticFormMs).toFixed(2)}×, ${(f.usableFormSlowMs / f.staticFormSlowMs).toFixed(2)}× |
| Submit to success screen, median (mock mode, no delay) | ${f.submitToSuccessMs.toFixed(1)} ms (${spread(f.submitRuns)}) |
| HTTP mock: registrations per second (50 clients, 10,000 sign-ups) | ${f.registrationsPerSecond.toFixed(0)} |
| HTTP mock: accounts at the end | ${String(f.accounts)} |
| HTTP mock: resident memory, start → end | ${mb(f.rssBefore)} → ${mb(f.rssAfter)} |
| HTTP mock: heap after GC, start → end | ${mb(f.heapBefore)} → ${mb(f.heapAfter)} |

Start-up files (what \`index.html\` loads: scripts, module preloads, styles), gzip -9:
${details.appFiles.map((file) => `- \`${file.name}\`: ${kb(file.gzip)}`).join('\n')}

React alone: ${details.floorFiles.map((file) => `\`${file.name}\` ${kb(file.gzip)}`).join(', ')}.

### How each figure is taken

- Sizes: \`vite build\` of the app and of \`scripts/bench/react-floor\` (React + ReactDOM rendering one
  paragraph, same Vite and plugin), each file \`index.html\` names compressed with gzip level 9. The
  mock check searches every file of the production build for MSW's and the mock's strings.
- Time to a usable form: headless Chromium, a fresh context per run (cold cache), pages served by
  one tiny static server on loopback; the app's \`config.json\` names the HTTP mock server (its own
  process, loopback). The time is \`performance.now()\` when a MutationObserver first sees
  \`#field-username\` present and enabled. The floor is \`scripts/bench/static-form\`, plain HTML with
  the same field. Throttling: Chrome DevTools Protocol \`Emulation.setCPUThrottlingRate\` 4.
- Submit to success: the mock-mode build (MSW in a service worker, \`?scenario=open\`, no delay); the
  form is filled and the name checked first; from the \`submit\` event to the success heading in the
  DOM (two \`/register\` requests: the 401, then the dummy stage).
- The HTTP mock server runs in a child process (\`--expose-gc\`); 50 concurrent clients each run
  whole registrations (401, then dummy stage) back to back; the first 10,000 are timed, then more
  until the account count is reached; memory is \`process.memoryUsage()\` after \`gc()\`.
`;
  return { text, broken };
}

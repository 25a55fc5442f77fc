import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { launch, median, timeAppAgainstStaticForm } from './page-timing';
import { MODULE_TAGS } from '../vite/scripts-after-form';
import { serveFolder } from './static-server';
import { writeStaticForms } from './static-forms';

/**
 * `npx tsx scripts/bench/script-placement.ts [--runs N] [--slowdown K]`, after `npm run build`:
 * times `dist/` as built (the entry script and its preloads after the form, decision 010) against
 * the same page with them in `<head>`, where Vite puts them, each against the static form in turn.
 */
const { values: options } = parseArgs({
  options: { runs: { type: 'string', default: '25' }, slowdown: { type: 'string', default: '4' } },
});
const built = await readFile('dist/index.html', 'utf8');
const inHead = (html: string) =>
  html.replace(MODULE_TAGS, '').replace('<style>', `${(html.match(MODULE_TAGS) ?? []).join('')}<style>`);
const placements = [
  ['after the form (as built)', built],
  ['in <head>', inHead(built)],
] as const;

const browser = await launch();
const work = await mkdtemp(join(tmpdir(), 'script-placement-'));
await writeStaticForms(join(work, 'forms'), ['en']);
const form = await serveFolder(join(work, 'forms'));
try {
  for (const [index, [name, html]] of placements.entries()) {
    const dir = join(work, String(index));
    await cp('dist', dir, { recursive: true });
    await writeFile(join(dir, 'index.html'), html);
    const app = await serveFolder(dir);
    const times = await timeAppAgainstStaticForm(
      browser,
      { app: `${app.url}/`, form: `${form.url}/en/` },
      Number(options.runs),
      Number(options.slowdown),
    );
    const [page, floor] = [median(times.app.usable), median(times.form.usable)];
    process.stdout.write(
      `${name}: the field in the DOM at ${page.toFixed(0)} ms, the static form's at ${floor.toFixed(0)} ms (${(page / floor).toFixed(2)}x)\n`,
    );
    await app.close();
  }
} finally {
  await Promise.all([browser.close(), form.close()]);
  await rm(work, { recursive: true, force: true });
}

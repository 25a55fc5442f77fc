import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { launch, median, timeAppAgainstStaticForm } from './page-timing';
import { startFilesOf } from '../../src/prerender/start-files';
import { serveFolder } from './static-server';
import { writeStaticForms } from './static-forms';

/**
 * `npx tsx scripts/bench/script-placement.ts [--runs N] [--slowdown K]`, after `npm run build`:
 * times `dist/` as built (the config and code asked for by a script after the form, decision 026)
 * against the same page with them as tags after the form (decision 010) and in `<head>`, where Vite
 * puts them, each against the static form in turn.
 */
const { values: options } = parseArgs({
  options: { runs: { type: 'string', default: '25' }, slowdown: { type: 'string', default: '4' } },
});
const built = await readFile('dist/index.html', 'utf8');
const files = startFilesOf(built);
const tags = [
  '<link rel="preload" href="./config.json" as="fetch" crossorigin>',
  ...files
    .filter((name) => name.endsWith('.js'))
    .map((name, index, all) =>
      index === all.length - 1
        ? `<script type="module" crossorigin src="./${name}"></script>`
        : `<link rel="modulepreload" crossorigin href="./${name}">`,
    ),
].join('');
const withoutScript = built.replace(/<script id="start-app">[\s\S]*?<\/script>/, '');
const placements = [
  ['asked for after the form (as built)', built],
  ['tags after the form', withoutScript.replace('</body>', `${tags}</body>`)],
  ['tags in <head>', withoutScript.replace('<style>', `${tags}<style>`)],
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

import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { directionOf, type Language } from '../../src/i18n/languages.ts';

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * The physical floor for a visitor: a plain HTML form with the same field, in their language and
 * direction, with the page's own words for it (so that a script with other glyphs pays for its
 * fonts on both sides). No styles, no scripts. Written to `<dir>/<language>/index.html`.
 */
export async function writeStaticForms(dir: string, languages: readonly Language[]): Promise<void> {
  for (const language of languages) {
    const words = JSON.parse(await readFile(`src/locales/${language}/start.json`, 'utf8')) as Record<string, string>;
    const word = (key: string) => escapeHtml(words[key] ?? key);
    const html = `<!doctype html>
<html lang="${language}" dir="${directionOf(language)}">
  <head>
    <meta charset="UTF-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1.0" />
    <title>${word('app.title')}</title>
  </head>
  <body>
    <main>
      <h1>${word('app.title')}</h1>
      <form>
        <label for="field-username">${word('username.label')}</label>
        <input id="field-username" autocomplete="username" />
        <label for="field-password">${word('password.label')}</label>
        <input id="field-password" type="password" autocomplete="new-password" />
        <button type="submit">${word('form.submit')}</button>
      </form>
    </main>
  </body>
</html>
`;
    await mkdir(join(dir, language), { recursive: true });
    await writeFile(join(dir, language, 'index.html'), html);
  }
}

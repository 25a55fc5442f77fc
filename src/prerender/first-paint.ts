import { FIRST_PAINT_WORDS_ID, type CarriedLanguages } from './carried-languages';

/**
 * Runs right after the prerendered form has been parsed (a small inline script, built on its own by
 * the `prerender` plugin), before the first paint: when the script before paint asked for another
 * language than the build's (`data-language-pending`, src/prerender/before-paint.ts), the form is put
 * in place in that language, from the markup the build prerendered for it (decision 023). The page
 * is then what a static page in the person's language would be: typeable at once, in their
 * direction, and hydrated as it is by the app.
 *
 * What it writes is the build's own markup, never anything from the address or the network.
 */
const html = document.documentElement;
const pending = html.getAttribute('data-language-pending');
const root = document.getElementById('root');
const carried = document.getElementById(FIRST_PAINT_WORDS_ID)?.textContent;
if (pending && root && carried) {
  const languages = JSON.parse(carried) as CarriedLanguages;
  const page = Object.hasOwn(languages, pending) ? languages[pending] : undefined;
  if (page) {
    root.innerHTML = page.body;
    root.setAttribute('data-language', pending);
    html.lang = pending;
    html.dir = page.dir;
    document.title = page.title;
    html.removeAttribute('data-language-pending');
  }
}

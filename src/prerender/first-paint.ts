import { handedFirstPaint } from './language-first-paint';

/**
 * Runs right after the prerendered form has been parsed (a small inline script, built on its own by
 * the `prerender` plugin), before the first paint: when the script before paint asked for another
 * language than the build's (`data-language-pending`, src/prerender/before-paint.ts), the form is put
 * in place in that language, from the markup the build prerendered for it: the file of that language
 * the script before paint had the parser load (decisions 023 and 025). The page
 * is then what a static page in the person's language would be: typeable at once, in their
 * direction, and hydrated as it is by the app.
 *
 * What it writes is the build's own markup, from a file the build wrote beside the page (a script
 * the CSP allows as `'self'`), never anything from the address.
 */
// Asked first: for most visitors no other language's file came, and then nothing here touches an
// element (the first touch of one makes its script object, decision 029): 3.9 ms sooner to a usable
// form at 1× (decision 031).
// Left in place: the app takes the messages that came with it (`takeHandedStartMessages`).
const page = handedFirstPaint();
if (page) {
  const html = document.documentElement;
  const pending = html.getAttribute('data-language-pending');
  const root = document.getElementById('root');
  if (pending && root && page.language === pending) {
    root.innerHTML = page.body;
    root.setAttribute('data-language', pending);
    html.lang = pending;
    html.dir = page.dir;
    document.title = page.title;
    html.removeAttribute('data-language-pending');
  }
}

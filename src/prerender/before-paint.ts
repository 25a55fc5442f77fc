import { applyTheme, storedTheme } from '../app/theme';
import { preferredLanguage, storedLanguage } from '../i18n/languages';
import { hasAuthorizationAnswer, roundTripLanguage } from '../matrix/oauth/round-trip';
import { addressParts } from '../lib/address-parts';
import { readCookies } from '../lib/choices';
import { firstPaintFile } from './language-first-paint';

/**
 * The hash in the names of the other languages' first-paint files (one for all: every language but
 * the build's has one), put in by the `prerender` plugin when it builds this script.
 */
declare const FIRST_PAINT_HASH: string;

/**
 * Runs before the body is painted (a small blocking script, built on its own by the `prerender`
 * plugin), so that the prerendered page never shows first in what the person did not choose:
 * - their language, when it is not the one the page was prerendered in: the prerendered words are
 *   hidden (decision 010) until `first-paint.ts` has put theirs in place, from the one file of their
 *   language this script has the parser load (decision 025);
 * - their theme, when they chose one other than the community's default;
 * - nothing of the form when they are coming back from an OAuth server (the answer is in the address):
 *   the page shows how that sign-up ended instead;
 * - nothing but why, when another site frames the page (src/app/framing.ts).
 */
if (window.top !== window.self) document.documentElement.setAttribute('data-framed', '');
// Read once, for both choices (src/lib/choices.ts).
const cookies = readCookies();
const address = addressParts(document.URL);
const returning = hasAuthorizationAnswer(address);
const preferred = preferredLanguage({
  // As main.tsx chooses: back from the OAuth server, the language the person left in.
  query:
    (returning ? roundTripLanguage() : undefined) ??
    (address.search === '' ? null : new URLSearchParams(address.search).get('lang')),
  stored: storedLanguage(cookies),
  browser: navigator.languages,
});
// Asked of the document, not of `document.documentElement`: the first touch of an element makes its
// script object, which cost more than the rest of this script on a slow CPU (decision 029). The
// answer is null for most visitors, the page being in their language.
if (preferred !== undefined && document.querySelector(`html:not([lang="${preferred}"])`) !== null) {
  document.documentElement.setAttribute('data-language-pending', preferred);
  // Only this visitor's language comes, and before the body is parsed: a script the parser waits
  // for, so that `first-paint.ts` has it when the form is (decision 025). Its name is the build's own.
  // document.write is the one way to have the parser wait for a script chosen here; the file is the
  // page's own (same origin), which Chrome's intervention against written scripts leaves alone.
  // eslint-disable-next-line @typescript-eslint/no-deprecated
  document.write(`<script src="./${firstPaintFile(preferred, FIRST_PAINT_HASH)}"></script>`);
}
const theme = storedTheme(cookies);
if (theme) applyTheme(theme);
// The same test main.tsx's `readAuthorizationAnswer` makes: a page hidden here is always shown there.
if (returning) document.documentElement.setAttribute('data-oauth-return', '');

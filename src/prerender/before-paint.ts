import { applyTheme, storedTheme } from '../app/theme';
import { preferredLanguage, storedLanguage } from '../i18n/languages';
import { hasAuthorizationAnswer, roundTripLanguage } from '../matrix/oauth/round-trip';

/**
 * Runs before the body is painted (a small blocking script, built on its own by the `prerender`
 * plugin), so that the prerendered page never shows first in what the person did not choose:
 * - their language, when it is not the one the page was prerendered in: the prerendered words are
 *   hidden until the page has rendered in theirs (decision 010);
 * - their theme, when they chose one other than the community's default;
 * - nothing of the form when they are coming back from an OAuth server (the answer is in the address):
 *   the page shows how that sign-up ended instead;
 * - nothing but why, when another site frames the page (src/app/framing.ts).
 */
if (window.top !== window.self) document.documentElement.setAttribute('data-framed', '');
const returning = hasAuthorizationAnswer(window.location);
const preferred = preferredLanguage({
  // As main.tsx chooses: back from the OAuth server, the language the person left in.
  query: (returning ? roundTripLanguage() : undefined) ?? new URLSearchParams(window.location.search).get('lang'),
  stored: storedLanguage(),
  browser: navigator.languages,
});
if (preferred !== undefined && preferred !== document.documentElement.lang) {
  document.documentElement.setAttribute('data-language-pending', preferred);
}
const theme = storedTheme();
if (theme) applyTheme(theme);
// The same test main.tsx's `readAuthorizationAnswer` makes: a page hidden here is always shown there.
if (returning) document.documentElement.setAttribute('data-oauth-return', '');

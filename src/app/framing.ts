import { loadCatalog } from '../i18n/catalogs';
import { applyDocumentLanguage } from '../i18n/i18n';
import { directionOf, type Language } from '../i18n/languages';

/**
 * Whether the page is inside another page's frame. Comparing `top` with `self` works across origins
 * (only reading `top`'s contents would not).
 */
export function isFramed(view: Window = window): boolean {
  return view.top !== view.self;
}

/**
 * The last line against clickjacking (security review P3; docs/security.md). A host that sends
 * `frame-ancestors 'none'` (the guide's nginx and Caddy configurations do) stops framing before this
 * runs; a host that cannot send headers (GitHub Pages, a plain bucket) cannot, and the CSP meta tag
 * cannot carry `frame-ancestors`. So the page starts nothing when framed: no config, no homeserver,
 * no form. It shows only why, and a link that opens it in a tab of its own, where it works. The
 * before-paint script has already hidden everything else (`data-framed`, src/prerender/before-paint.ts).
 */
export async function refuseFraming(language: Language | undefined): Promise<void> {
  document.documentElement.setAttribute('data-framed', '');
  const why = document.getElementById('framed-why');
  const open = document.getElementById('framed-open');
  // The notice holds the build language's words (its `lang` says which; the form's language may have
  // been put in place already, decision 023); the person's own replace them where they differ.
  const notice = why?.closest<HTMLElement>('[lang]')?.lang;
  if (!why || !open || !language || language === notice) return;
  const words = await loadCatalog(language, 'start').catch(() => undefined);
  const [whyText, openText] = [words?.['app.framed'], words?.['app.framedOpen']];
  if (!whyText || !openText) return;
  why.textContent = whyText;
  open.textContent = openText;
  const box = why.closest<HTMLElement>('[lang]');
  box?.setAttribute('lang', language);
  box?.setAttribute('dir', directionOf(language));
  applyDocumentLanguage(language);
}

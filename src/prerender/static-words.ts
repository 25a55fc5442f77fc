import type { Catalog } from '../i18n/catalogs';
import { directionOf, SOURCE_LANGUAGE, type Language } from '../i18n/languages.ts';

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * The HTML pages' own words, filled in at build time (the `catalog-words` plugin) so that the markup
 * holds no text of its own: the sign-up page's title and the paragraph shown when not even its
 * messages can load, in the language the page is prerendered in (`default_language`), marked with
 * that language so that a screen reader reads it with the right voice (review 2026-12 §3.4), and so
 * is the notice a framed page shows (src/app/framing.ts); the
 * invite page's title in English, as its `<html lang>` is until its script sets the person's language.
 */
export function fillStaticWords(
  html: string,
  language: Language,
  catalog: (language: Language, namespace: 'start' | 'invite') => Catalog,
): string {
  const start = catalog(language, 'start');
  const source = catalog(SOURCE_LANGUAGE, 'start');
  const loadFailed = start['app.loadFailed'] || source['app.loadFailed'] || '';
  return html
    .replace('__APP_TITLE__', escapeHtml(start['app.title'] || source['app.title'] || ''))
    .replace(
      /<p id="load-failed" hidden>__LOAD_FAILED__<\/p>/,
      `<p id="load-failed" lang="${language}" dir="${directionOf(language)}" hidden>${escapeHtml(loadFailed)}</p>`,
    )
    .replace('<div id="framed" hidden>', `<div id="framed" lang="${language}" dir="${directionOf(language)}" hidden>`)
    .replace('__FRAMED__', escapeHtml(start['app.framed'] || source['app.framed'] || ''))
    .replace('__FRAMED_OPEN__', escapeHtml(start['app.framedOpen'] || source['app.framedOpen'] || ''))
    .replace('__INVITE_TITLE__', escapeHtml(catalog(SOURCE_LANGUAGE, 'invite')['invite.title'] ?? ''));
}

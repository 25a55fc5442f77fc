import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Catalog } from '../i18n/catalogs';
import type { Language } from '../i18n/languages';
import { fillStaticWords } from './static-words';

const catalog = (language: Language, namespace: string) =>
  JSON.parse(readFileSync(new URL(`../locales/${language}/${namespace}.json`, import.meta.url), 'utf8')) as Catalog;
const indexHtml = readFileSync(new URL('../../index.html', import.meta.url), 'utf8');

describe("index.html's paragraph for a page that could not load", () => {
  it('is in the language the page is prerendered in, marked as such (review 2026-12 §3.4)', () => {
    const html = fillStaticWords(indexHtml, 'ar', catalog);
    const arabic = catalog('ar', 'start')['app.loadFailed'] ?? '-';
    expect(html).toContain(`<p id="load-failed" lang="ar" dir="rtl" hidden>${arabic}</p>`);
    expect(html).not.toContain(catalog('en', 'start')['app.loadFailed'] ?? '-');
    expect(html).not.toContain('__');
  });

  it('is in English, marked English, in an English build', () => {
    const html = fillStaticWords(indexHtml, 'en', catalog);
    expect(html).toContain(
      `<p id="load-failed" lang="en" dir="ltr" hidden>${catalog('en', 'start')['app.loadFailed'] ?? '-'}</p>`,
    );
  });
});

describe('the notice a framed page shows (security review P3)', () => {
  it('is in the language the page is prerendered in, marked as such, on both pages', () => {
    const inviteHtml = readFileSync(new URL('../../invite.html', import.meta.url), 'utf8');
    const words = catalog('de', 'start');
    for (const page of [indexHtml, inviteHtml]) {
      const html = fillStaticWords(page, 'de', catalog);
      expect(html).toContain('<div id="framed" lang="de" dir="ltr" hidden>');
      expect(html).toContain(`<p id="framed-why">${words['app.framed'] ?? '-'}</p>`);
      expect(html).toContain(`>${words['app.framedOpen'] ?? '-'}</a>`);
      expect(html).not.toContain('__');
    }
  });
});

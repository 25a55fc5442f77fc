import { describe, expect, it } from 'vitest';
import { chooseLanguage, directionOf, matchLanguage, negotiate } from './languages';

describe('which language the page speaks', () => {
  it.each([
    ['de', 'de'],
    ['DE-at', 'de'],
    ['pt', 'pt-BR'],
    ['pt-PT', 'pt-BR'],
    ['zh-CN', 'zh-Hans'],
    ['zh', 'zh-Hans'],
    ['zh-Hans-SG', 'zh-Hans'],
    ['zh-TW', undefined],
    ['zh-Hant', undefined],
    ['en_GB', 'en'],
    ['zh_TW', undefined],
    ['zh_Hant_HK', undefined],
    ['eo', undefined],
    ['', undefined],
  ])('matches %s to %s', (tag, language) => {
    expect(matchLanguage(tag)).toBe(language);
  });

  it("takes the browser's first language the page speaks, skipping Traditional Chinese", () => {
    expect(negotiate(['zh-TW', 'ja-JP', 'en'])).toBe('ja');
    expect(negotiate(['eo', 'ko'])).toBeUndefined();
  });

  it('goes ?lang=, then the choice made, then the browser, then the config, then English', () => {
    const base = { query: null, stored: null, browser: [] as string[] };
    expect(chooseLanguage({ ...base, query: 'fr', stored: 'de', browser: ['es'] })).toBe('fr');
    expect(chooseLanguage({ ...base, query: 'xx', stored: 'de', browser: ['es'] })).toBe('de');
    expect(chooseLanguage({ ...base, browser: ['ko', 'es-MX'] })).toBe('es');
    expect(chooseLanguage({ ...base, browser: ['ko'], configured: () => 'nl' })).toBe('nl');
    expect(chooseLanguage({ ...base, browser: ['ko'], configured: () => 'xx' })).toBe('en');
  });

  it('reads Arabic right to left', () => {
    expect([directionOf('ar'), directionOf('he-IL'), directionOf('de')]).toEqual(['rtl', 'rtl', 'ltr']);
  });
});

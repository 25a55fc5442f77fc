import { describe, expect, it } from 'vitest';
import type { Catalog } from '../../i18n/catalogs';
import { translator } from '../../i18n/i18n';
import type { Language } from '../../i18n/languages';
import { loadCatalog } from '../../i18n/catalogs';
import { refusedCharactersMessage } from './username-check';

const wordsIn = async (language: Language) => {
  const start: Catalog = await loadCatalog(language, 'start');
  return translator({ language, catalogs: { start } });
};

describe('the refused characters of a username', () => {
  it('are joined as the language joins an "or" list, not with a bare space (review 2026-12 §2 item 9)', async () => {
    const en = await wordsIn('en');
    expect(refusedCharactersMessage(en, 'en', 'a b!c#')).toContain(
      `${en('username.space')}, ${en('username.character', { character: '!' })}, or ${en('username.character', { character: '#' })})`,
    );
    const de = await wordsIn('de');
    expect(refusedCharactersMessage(de, 'de', 'a b!')).toContain(
      `${de('username.space')} oder ${de('username.character', { character: '!' })}`,
    );
    const zh = await wordsIn('zh-Hans');
    expect(refusedCharactersMessage(zh, 'zh-Hans', 'a b!')).toContain(
      `${zh('username.space')}或${zh('username.character', { character: '!' })}`,
    );
  });

  it('are each set apart in Arabic, so that a Latin one keeps its place between the Arabic words', async () => {
    const message = refusedCharactersMessage(await wordsIn('ar'), 'ar', 'a b!');
    expect(message).toMatch(/\u2068[^\u2069]*\u2069 أو \u2068/);
  });
});

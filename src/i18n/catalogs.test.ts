import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatMessage } from './format';
import { LANGUAGES, SOURCE_LANGUAGE } from './languages';
import { messageProblems, pluralCategoriesNeeded } from './message-check';

/**
 * Every catalog against the source (English): the same messages, each well formed, with the same
 * placeholders, and every plural with the cases its language needs (Arabic six, Japanese one). The
 * page would fall back to English for a missing message (i18n.tsx), but a shipped catalog is whole.
 */
const root = new URL('../locales/', import.meta.url);
const read = (language: string, file: string) =>
  JSON.parse(readFileSync(new URL(`${language}/${file}`, root), 'utf8')) as Record<string, string>;
// Files only: `en/descriptions/` holds the notes for translators (descriptions.test.ts).
const namespaces = readdirSync(new URL(`${SOURCE_LANGUAGE}/`, root)).filter((file) => file.endsWith('.json'));

describe('the catalogs', () => {
  it('has a folder for every language the page offers, and no other', () => {
    const folders = readdirSync(root, { withFileTypes: true }).filter((entry) => entry.isDirectory());
    expect(folders.map((entry) => entry.name).sort()).toEqual([...LANGUAGES].sort());
  });

  describe.each(LANGUAGES.filter((language) => language !== SOURCE_LANGUAGE))('%s', (language) => {
    it.each(namespaces)('%s has every message, and no other', (file) => {
      expect(Object.keys(read(language, file)).sort()).toEqual(Object.keys(read(SOURCE_LANGUAGE, file)).sort());
    });

    it.each(namespaces)('%s: each message is well formed, with the source placeholders and plural cases', (file) => {
      const source = read(SOURCE_LANGUAGE, file);
      const problems = Object.entries(read(language, file)).flatMap(([id, message]) =>
        messageProblems(language, source[id] ?? '', message).map((problem) => `${id}: ${problem}`),
      );
      expect(problems).toEqual([]);
    });
  });

  it.each(namespaces)('the source %s parses, and formats without throwing', (file) => {
    for (const message of Object.values(read(SOURCE_LANGUAGE, file))) {
      expect(() => formatMessage(SOURCE_LANGUAGE, message, {})).not.toThrow();
    }
  });
});

describe('the message check', () => {
  const source = '{seconds, plural, one {# second} other {# seconds}}';

  it('needs the plural categories a count up to 9,999 can take, not a French `many` only millions take', () => {
    expect(pluralCategoriesNeeded('fr')).toEqual(['one', 'other']);
    expect(pluralCategoriesNeeded('pl')).toEqual(['few', 'many', 'one', 'other']);
    expect(pluralCategoriesNeeded('ar')).toEqual(['few', 'many', 'one', 'other', 'two', 'zero']);
    expect(pluralCategoriesNeeded('ja')).toEqual(['other']);
    expect(messageProblems('fr', source, '{seconds, plural, one {# seconde} other {# secondes}}')).toEqual([]);
    expect(
      messageProblems('fr', source, '{seconds, plural, one {# seconde} many {# secondes} other {# secondes}}'),
    ).toEqual([]);
    expect(
      messageProblems('pl', source, '{seconds, plural, one {# sekunda} few {# sekundy} other {# sekundy}}'),
    ).toEqual(['a plural without many']);
  });

  it('refuses a syntax error, an empty message and other placeholders, naming them', () => {
    expect(messageProblems('de', 'To {name}', 'An {name')).toHaveLength(1);
    expect(messageProblems('de', 'To {name}', ' ')).toEqual(['empty']);
    expect(messageProblems('de', 'To {name}', 'An {nom}')).toEqual(['placeholders {nom} where the source has {name}']);
    expect(messageProblems('de', 'To {name}', 'An alle')).toEqual(['placeholders none where the source has {name}']);
  });

  it("refuses an ASCII apostrophe before a placeholder (L'{name}) and an @ glued to one, saying why", () => {
    expect(messageProblems('fr', 'To {name}', "Compte d'{name}")[0]).toContain('write ’ (U+2019)');
    expect(messageProblems('fr', 'To {name}', 'Compte d’{name}')).toEqual([]);
    expect(messageProblems('ar', 'ID {name}', 'المعرّف @{name}')[0]).toContain('belongs in the value');
  });
});

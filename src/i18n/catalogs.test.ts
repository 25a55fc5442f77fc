import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { argumentsOf, formatMessage, parseMessage, pluralCasesOf } from './format';
import { LANGUAGES, SOURCE_LANGUAGE } from './languages';

/**
 * Every catalog against the source (English): the same messages, each well formed, with the same
 * placeholders, and every plural with the cases its language needs (Arabic has six, Japanese one).
 */
const root = new URL('../locales/', import.meta.url);
const read = (language: string, file: string) =>
  JSON.parse(readFileSync(new URL(`${language}/${file}`, root), 'utf8')) as Record<string, string>;
const namespaces = readdirSync(new URL(`${SOURCE_LANGUAGE}/`, root)).filter((file) => file.endsWith('.json'));

describe('the catalogs', () => {
  it('has a folder for every language the page offers, and no other', () => {
    const folders = readdirSync(root, { withFileTypes: true }).filter((entry) => entry.isDirectory());
    expect(folders.map((entry) => entry.name).sort()).toEqual([...LANGUAGES].sort());
  });

  describe.each(LANGUAGES.filter((language) => language !== SOURCE_LANGUAGE))('%s', (language) => {
    const categories = new Intl.PluralRules(language).resolvedOptions().pluralCategories;

    it.each(namespaces)('%s has every message, and no other', (file) => {
      expect(Object.keys(read(language, file)).sort()).toEqual(Object.keys(read(SOURCE_LANGUAGE, file)).sort());
    });

    it.each(namespaces)('%s: each message is well formed, with the source placeholders and plural cases', (file) => {
      const source = read(SOURCE_LANGUAGE, file);
      const problems: string[] = [];
      for (const [id, message] of Object.entries(read(language, file))) {
        try {
          parseMessage(message);
        } catch (error) {
          problems.push(`${id}: ${String(error)}`);
          continue;
        }
        if (message.trim() === '') problems.push(`${id}: empty`);
        const wanted = argumentsOf(source[id] ?? '');
        if (JSON.stringify(argumentsOf(message)) !== JSON.stringify(wanted)) {
          problems.push(
            `${id}: placeholders ${argumentsOf(message).join(',')} where the source has ${wanted.join(',')}`,
          );
        }
        for (const cases of pluralCasesOf(message)) {
          const missing = categories.filter((category) => !cases.includes(category));
          if (missing.length > 0) problems.push(`${id}: a plural without ${missing.join(', ')}`);
        }
      }
      expect(problems).toEqual([]);
    });
  });

  it.each(namespaces)('the source %s parses, and formats without throwing', (file) => {
    for (const message of Object.values(read(SOURCE_LANGUAGE, file))) {
      expect(() => formatMessage(SOURCE_LANGUAGE, message, {})).not.toThrow();
    }
  });
});

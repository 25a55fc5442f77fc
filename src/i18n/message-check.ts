import { argumentsOf, parseMessage, pluralCasesOf } from './format';

const neededCategories = new Map<string, string[]>();

/**
 * The plural categories a language's messages must offer: `other`, and each category that a count
 * this page can show (0 to 9,999 seconds, characters, accounts) falls in. So Polish, Russian and
 * Ukrainian need `many` (5 sekund), while French, Spanish, Italian and Portuguese, whose `many`
 * (CLDR 42+) only takes multiples of a million, do not: a translation platform on older CLDR data
 * exports their plurals as `one|other`, which the formatter handles (a missing category falls to
 * `other`). A `many` that is there is still used. (Review 2026-12 §3.2.)
 */
export function pluralCategoriesNeeded(language: string): string[] {
  let needed = neededCategories.get(language);
  if (!needed) {
    const rules = new Intl.PluralRules(language);
    const found = new Set<string>(['other']);
    for (let count = 0; count < 10_000; count++) found.add(rules.select(count));
    needed = [...found].sort();
    neededCategories.set(language, needed);
  }
  return needed;
}

/**
 * What is wrong with `message` as the `language` wording of `source` (the English message): not
 * well formed, an ASCII apostrophe or an `@` glued to a placeholder, empty, other placeholders (or kinds, or select keys) than the source's, or a plural
 * without a category the language needs. One rule for the shipped catalogs (catalogs.test.ts) and
 * for a community's corrections in `config.json` (overrides.ts). Empty when nothing is.
 */
export function messageProblems(language: string, source: string, message: string): string[] {
  // Said plainly before the parser's "unterminated quote" (review 2026-12 §3.2, §3.3, §4).
  if (/'\{/.test(message)) {
    return ["an ASCII apostrophe (') before a placeholder starts ICU quoting: write ’ (U+2019) or ''"];
  }
  if (/@\{/.test(message)) {
    return ['an "@" written before a placeholder: right to left it lands after the value; it belongs in the value'];
  }
  try {
    parseMessage(message);
  } catch (error) {
    return [error instanceof Error ? error.message : String(error)];
  }
  if (message.trim() === '') return ['empty'];
  const problems: string[] = [];
  const wanted = argumentsOf(source);
  const found = argumentsOf(message);
  if (JSON.stringify(found) !== JSON.stringify(wanted)) {
    const list = (names: string[]) => (names.length > 0 ? names.map((name) => `{${name}}`).join(' ') : 'none');
    problems.push(`placeholders ${list(found)} where the source has ${list(wanted)}`);
  }
  for (const cases of pluralCasesOf(message)) {
    const missing = pluralCategoriesNeeded(language).filter((category) => !cases.includes(category));
    if (missing.length > 0) problems.push(`a plural without ${missing.join(', ')}`);
  }
  return problems;
}

import type { Catalog } from './catalogs';
import { isLanguage, LANGUAGES, type Language } from './languages';
import { messageProblems } from './message-check';

/** A community's corrections, per language and message ID, each checked against its source message. */
export type MessageOverrides = Partial<Record<Language, Catalog>>;

export interface CheckedOverrides {
  overrides: MessageOverrides;
  /** One line per refused correction, naming its language and key, for whoever runs the page. */
  warnings: string[];
}

/**
 * `config.json`'s `"messages": {"de": {"token.label": "…"}}`: a community corrects a message without
 * a rebuild (review 2026-12 §3.1). Each correction is held to the shipped catalogs' own rule
 * (message-check.ts: the same parser, the same placeholders as the English source, the plural
 * categories the language needs); one that fails, names no message or no language of the page is
 * left out with a warning, and the shipped message stays. A bad correction never stops the page:
 * it is words, not set-up.
 */
export function checkMessageOverrides(raw: unknown, source: Catalog): CheckedOverrides {
  const warnings: string[] = [];
  const overrides: MessageOverrides = {};
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { overrides, warnings: ['config.json: messages is not an object of languages; it was ignored'] };
  }
  for (const [language, messages] of Object.entries(raw)) {
    if (!isLanguage(language)) {
      warnings.push(
        `config.json: messages.${language} is not one of the page's languages (${LANGUAGES.join(', ')}); it was ignored`,
      );
      continue;
    }
    if (typeof messages !== 'object' || messages === null || Array.isArray(messages)) {
      warnings.push(`config.json: messages.${language} is not an object of messages; it was ignored`);
      continue;
    }
    const accepted: [string, string][] = [];
    for (const [id, message] of Object.entries(messages as Record<string, unknown>)) {
      const where = `config.json: messages.${language}["${id}"]`;
      if (!Object.hasOwn(source, id)) {
        warnings.push(`${where} is not a message of this page; it was ignored`);
        continue;
      }
      if (typeof message !== 'string') {
        warnings.push(`${where} is not a string; the shipped message is used`);
        continue;
      }
      const problems = messageProblems(language, source[id] ?? '', message);
      if (problems.length > 0) {
        warnings.push(`${where}: ${problems.join('; ')}; the shipped message is used`);
        continue;
      }
      accepted.push([id, message]);
    }
    if (accepted.length > 0) overrides[language] = Object.fromEntries(accepted);
  }
  return { overrides, warnings };
}

const sourceLoaders = import.meta.glob<{ default: Catalog }>('../locales/en/*.json');

/** Every English message, of every namespace: what a correction is checked against. */
export async function loadSourceMessages(): Promise<Catalog> {
  const catalogs = await Promise.all(Object.values(sourceLoaders).map(async (load) => (await load()).default));
  return Object.assign({}, ...catalogs) as Catalog;
}

/**
 * The corrections in a config's raw `messages`, checked; unless `quiet` (the build's copy of a config
 * already warned about at build time), the refused ones are told in the console, for the admins.
 */
export async function loadMessageOverrides(raw: unknown, { quiet = false } = {}): Promise<MessageOverrides> {
  const checked = checkMessageOverrides(raw, await loadSourceMessages());
  // For whoever runs the page, as branding.ts tells its corrections; the page itself goes on.
  // eslint-disable-next-line no-console
  if (!quiet) for (const warning of checked.warnings) console.warn(warning);
  return checked.overrides;
}

import { chosen } from '../lib/choices.ts';

/** The languages the page speaks (a catalog each in src/locales/), English first as the source. */
export const LANGUAGES = [
  'en',
  'ar',
  'de',
  'es',
  'fr',
  'it',
  'ja',
  'nl',
  'pl',
  'pt-BR',
  'ru',
  'uk',
  'zh-Hans',
] as const;
export type Language = (typeof LANGUAGES)[number];
export const SOURCE_LANGUAGE: Language = 'en';

/**
 * The language the person picked on this page before, if any, unchecked (`cookies`: read once by
 * the caller).
 */
export function storedLanguage(cookies?: string): string | null {
  return chosen('language', cookies);
}

const RIGHT_TO_LEFT = new Set<string>(['ar', 'he', 'fa', 'ur']);

export function directionOf(language: string): 'ltr' | 'rtl' {
  return RIGHT_TO_LEFT.has(language.split('-')[0] ?? '') ? 'rtl' : 'ltr';
}

export function isLanguage(value: string): value is Language {
  return (LANGUAGES as readonly string[]).includes(value);
}

/**
 * The supported language for one BCP 47 tag, or none: the exact tag (any case); else its base
 * language (`de-AT` is `de`, `pt-PT` is `pt-BR`, `zh-CN` is `zh-Hans`). Traditional Chinese
 * (`zh-TW`, `zh-HK`, `zh-Hant`) is not offered Simplified: the next preference wins instead.
 */
export function matchLanguage(tag: string): Language | undefined {
  const lower = tag.trim().toLowerCase();
  if (lower === '') return undefined;
  const exact = LANGUAGES.find((language) => language.toLowerCase() === lower);
  if (exact) return exact;
  // Plain string splits, no regular expression: this runs before the first paint (before-paint.ts),
  // where compiling one was most of a millisecond of a fresh page's time.
  const [base = '', ...rest] = lower.replaceAll('_', '-').split('-');
  if (base === 'zh') return rest.some((part) => ['hant', 'tw', 'hk', 'mo'].includes(part)) ? undefined : 'zh-Hans';
  return LANGUAGES.find((language) => language.split('-')[0]?.toLowerCase() === base);
}

/** The first of the browser's languages (`navigator.languages`, best first) the page speaks. */
export function negotiate(preferences: readonly string[]): Language | undefined {
  for (const preference of preferences) {
    const match = matchLanguage(preference);
    if (match) return match;
  }
  return undefined;
}

export interface LanguageSources {
  /** `?lang=` */
  query: string | null;
  /** The person's choice in the picker, remembered. */
  stored: string | null;
  browser: readonly string[];
  /** `config.json`'s `default_language`; only read when nothing above matches. */
  configured?: () => string | undefined;
}

/** `?lang=`, else the person's choice, else the browser's languages; undefined when none matches. */
export function preferredLanguage(sources: LanguageSources): Language | undefined {
  return (
    (sources.query !== null ? matchLanguage(sources.query) : undefined) ??
    (sources.stored !== null ? matchLanguage(sources.stored) : undefined) ??
    negotiate(sources.browser)
  );
}

/** `?lang=`, else the person's choice, else the browser's languages, else the config's default, else English. */
export function chooseLanguage(sources: LanguageSources): Language {
  return preferredLanguage(sources) ?? matchLanguage(sources.configured?.() ?? '') ?? SOURCE_LANGUAGE;
}

/** A language's own name, in that language (`Deutsch`, `العربية`), from the browser's `Intl`. */
export function nativeName(language: Language): string {
  try {
    const name = new Intl.DisplayNames([language], { type: 'language' }).of(language) ?? language;
    return name.charAt(0).toLocaleUpperCase(language) + name.slice(1);
  } catch {
    return language;
  }
}

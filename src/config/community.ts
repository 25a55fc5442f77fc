import type { Language } from '../i18n/languages';

/**
 * What the page knows of the community it serves (from `config.json`, checked by `branding.ts`,
 * which loads only when the config has such keys; this file is the small part the page always needs).
 */

/** Text an admin writes: one string, or one per language (`{"en": "…", "de": "…"}`). */
export type LocalizedText = string | Readonly<Record<string, string>>;

export type Theme = 'system' | 'light' | 'dark';
export const THEMES: readonly Theme[] = ['system', 'light', 'dark'];

export interface Branding {
  name?: LocalizedText;
  logo?: { light: string; dark: string };
  faviconUrl?: string;
  accent?: { light: { accent: string; text: string }; dark: { accent: string; text: string } };
  welcomeText?: LocalizedText;
  helpUrl?: LocalizedText;
  footerLinks: { label: LocalizedText; url: LocalizedText }[];
  defaultTheme: Theme;
  /** What was wrong with the config and how the page made up for it (a low-contrast accent). */
  warnings: string[];
}

/** Admin text in the page's language: that language, its base language, English, else the first given. */
export function localized(text: LocalizedText, language: Language): string {
  if (typeof text === 'string') return text;
  return text[language] ?? text[language.split('-')[0] ?? ''] ?? text.en ?? Object.values(text)[0] ?? '';
}

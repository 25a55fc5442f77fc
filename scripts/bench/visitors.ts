import { readFile } from 'node:fs/promises';
import type { Browser } from '@playwright/test';
import type { Language } from '../../src/i18n/languages.ts';
import { timeAppAgainstStaticForm, type LoadTimes, type Visitor } from './page-timing';

/**
 * The people the bench times the page for, on a build prerendered in English: one whose browser
 * speaks the build's language, one who speaks another (German), and one who reads right to left
 * (Arabic). Each meets the form in their own language, or the run fails.
 */
export async function benchVisitors(): Promise<Visitor[]> {
  const visitor = async (id: string, label: string, locale: string, language: Language): Promise<Visitor> => {
    const words = JSON.parse(await readFile(`src/locales/${language}/start.json`, 'utf8')) as Record<string, string>;
    return { id, label, locale, language, usernameLabel: words['username.label'] ?? '' };
  };
  return [
    await visitor('build', 'browser in the build’s language (English)', 'en-US', 'en'),
    await visitor('other', 'browser in another language (German)', 'de-DE', 'de'),
    await visitor('rtl', 'browser in a right-to-left language (Arabic)', 'ar', 'ar'),
  ];
}

export interface VisitorTimes {
  visitor: Visitor;
  cpuSlowdown: number;
  app: LoadTimes;
  form: LoadTimes;
}

/**
 * Each visitor, unthrottled and with 4× CPU throttling: `runs` cold loads of the app and of the
 * static form in their language, in turn. `formUrl(language)` serves that form.
 */
export async function timeVisitors(
  browser: Browser,
  appUrl: string,
  formUrl: (language: string) => string,
  visitors: Visitor[],
  runs: number,
  log: (line: string) => void = () => undefined,
  cpuSlowdowns: readonly number[] = [1, 4],
): Promise<VisitorTimes[]> {
  const results: VisitorTimes[] = [];
  for (const cpuSlowdown of cpuSlowdowns) {
    for (const visitor of visitors) {
      log(`  ${visitor.label}, ${cpuSlowdown === 1 ? 'unthrottled' : `${String(cpuSlowdown)}× CPU`}…`);
      const urls = { app: appUrl, form: formUrl(visitor.language) };
      const { app, form } = await timeAppAgainstStaticForm(browser, urls, runs, cpuSlowdown, visitor);
      results.push({ visitor, cpuSlowdown, app, form });
    }
  }
  return results;
}

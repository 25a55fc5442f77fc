import { readFileSync } from 'node:fs';
import type { MessageId } from '../../src/i18n/catalogs';
import { formatMessage, type Values } from '../../src/i18n/format';

/** What a namespace says in another language, for tests that read the page in it. */
export function catalogOf(language: string, namespace: string): Record<string, string> {
  return JSON.parse(
    readFileSync(new URL(`../../src/locales/${language}/${namespace}.json`, import.meta.url), 'utf8'),
  ) as Record<string, string>;
}

const english = {
  ...catalogOf('en', 'start'),
  ...catalogOf('en', 'later'),
  ...catalogOf('en', 'panel'),
  ...catalogOf('en', 'invite'),
};

/** A message as the page shows it in English (the source catalogs), so tests follow the wording. */
export function en(id: MessageId, values?: Values): string {
  const message = english[id];
  if (message === undefined) throw new Error(`no English message ${id}`);
  return formatMessage('en', message, values);
}

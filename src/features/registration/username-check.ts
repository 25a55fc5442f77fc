import type { Translate } from '../../i18n/i18n';
import { LOCALPART_PATTERN } from '../../matrix/user-id';

/** The characters of a typed name that no Matrix username may hold (capitals are lower-cased, not refused). */
export function refusedCharacters(username: string): string[] {
  return [...new Set(Array.from(username).filter((char) => !LOCALPART_PATTERN.test(char)))];
}

/** "A username can only have … (not spaces “!”)", naming what this name holds. */
export function refusedCharactersMessage(t: Translate, username: string): string {
  const characters = refusedCharacters(username)
    .map((char) => (char === ' ' ? t('username.space') : t('username.character', { character: char })))
    .join(' ');
  return t('username.badCharacters', { characters });
}

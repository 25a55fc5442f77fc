import { formatList } from '../../i18n/format';
import type { Translate } from '../../i18n/i18n';
import { LOCALPART_PATTERN } from '../../matrix/user-id';

/** The characters of a typed name that no Matrix username may hold (capitals are lower-cased, not refused). */
export function refusedCharacters(username: string): string[] {
  return [...new Set(Array.from(username).filter((char) => !LOCALPART_PATTERN.test(char)))];
}

/**
 * "A username can only have … (not spaces or “!”)", naming what this name holds, joined as the
 * page's language joins a list (`Intl.ListFormat`: "A, B or C", "A、B、またはC", "A أو B"), not with
 * a bare space (review 2026-12 §2 item 9). An "or" list: every catalog says "not {characters}".
 */
export function refusedCharactersMessage(t: Translate, language: string, username: string): string {
  const characters = formatList(
    language,
    refusedCharacters(username).map((char) =>
      char === ' ' ? t('username.space') : t('username.character', { character: char }),
    ),
    'disjunction',
  );
  return t('username.badCharacters', { characters });
}

/**
 * Latin fragments that messages show as placeholders rather than as text of their own, so that the
 * formatter isolates them in a right-to-left language: written into Arabic text, "https://" rendered
 * as `.//:https` and "(https://…)" as `(…//:https)` (review 2026-12 §4). The same in every language.
 */
export const ADDRESS_WORDS = {
  /** "…or an address starting with {scheme}." */
  scheme: 'https://',
  /** "Type the server's full address ({fullAddress}) instead". */
  fullAddress: 'https://…',
} as const;

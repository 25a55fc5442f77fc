/**
 * The first paint in every language but the build's, carried in the page as JSON
 * (`<script type="application/json" id="first-paint-words">`) for `first-paint.ts` to put in place
 * before the first paint (decision 023).
 */
export const FIRST_PAINT_WORDS_ID = 'first-paint-words';

export interface CarriedLanguage {
  /** `#root`'s markup, as the build prerendered it in this language. */
  body: string;
  title: string;
  dir: 'ltr' | 'rtl';
}

export type CarriedLanguages = Record<string, CarriedLanguage>;

/** The language `#root`'s markup is in: the build's, or the one `first-paint.ts` put in place. */
export const markupLanguage = (root: HTMLElement): string | undefined => root.dataset.language;

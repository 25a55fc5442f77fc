/**
 * The first paint in each language but the build's, one small classic script per language
 * (`assets/first-paint-<language>-<hash>.js`, one hash of them all, decision 025). The script before paint writes the
 * visitor's in (and only theirs) when their language is not the build's; the file hands its page to
 * `first-paint.ts`, which puts it in place before the first paint.
 */
export interface LanguageFirstPaint {
  language: string;
  /** `#root`'s markup, as the build prerendered it in this language. */
  body: string;
  title: string;
  dir: 'ltr' | 'rtl';
  /**
   * The language's `start` messages, which the app needs for its first render: in the same file, the
   * words the markup shares with them are downloaded once, and the app fetches no catalog of its own.
   */
  start: Record<string, string>;
}

/**
 * The global a first-paint file sets, for `first-paint.ts` (the markup) and then the app (the
 * messages, `takeHandedStartMessages`): a classic script has no other way to hand them over.
 */
export const FIRST_PAINT_GLOBAL = 'signupFirstPaint';

/** What the first-paint file the parser loaded set, if it did. */
export const handedFirstPaint = (): LanguageFirstPaint | undefined =>
  (window as unknown as Partial<Record<typeof FIRST_PAINT_GLOBAL, LanguageFirstPaint>>)[FIRST_PAINT_GLOBAL];

/**
 * The `start` messages of `language` the first-paint file brought, for the app's first render, taken
 * once (undefined when the visitor's language is the build's, or another than the file's).
 */
export function takeHandedStartMessages(language: string): Record<string, string> | undefined {
  const firstPaint = handedFirstPaint();
  Reflect.deleteProperty(window, FIRST_PAINT_GLOBAL);
  return firstPaint?.language === language ? firstPaint.start : undefined;
}

/** A language's first-paint file, relative to the page. */
export const firstPaintFile = (language: string, hash: string) => `assets/first-paint-${language}-${hash}.js`;

/** The language `#root`'s markup is in: the build's, or the one `first-paint.ts` put in place. */
export const markupLanguage = (root: HTMLElement): string | undefined => root.dataset.language;

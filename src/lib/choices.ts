/**
 * What the person chose on this page, its language and theme, kept in a cookie of the page's folder
 * rather than in localStorage: the script before paint must know both before the first paint, and
 * the first read of `document.cookie` costs about half the first read of `localStorage`, the larger
 * part of that script's time (decision 029). The values are the page's own tokens (`pt-BR`,
 * `dark`), written as they are; whoever reads one checks it, since another page of the site can
 * set the cookie too.
 */
export type Choice = 'language' | 'theme';

/** The page's cookies, read once: each read of `document.cookie` may ask the browser again. */
export function readCookies(): string {
  try {
    return document.cookie;
  } catch {
    // A sandboxed or opaque origin throws: nothing was chosen that this page can see.
    return '';
  }
}

/** The value the person chose, as it was kept (unchecked), or null. */
export function chosen(choice: Choice, cookies: string = readCookies()): string | null {
  const prefix = `signup-${choice}=`;
  for (const cookie of cookies.split('; ')) if (cookie.startsWith(prefix)) return cookie.slice(prefix.length);
  return null;
}

/**
 * Kept for a year, as localStorage kept it; `value` is one of the page's own tokens. With no `Path`,
 * the cookie's is the page's folder (RFC 6265 §5.1.4's default path: `/join` for `/join/`), so a
 * page under `/join/` keeps its choices to itself.
 */
export function choose(choice: Choice, value: string): void {
  try {
    document.cookie = `signup-${choice}=${value}; Max-Age=31536000; SameSite=Lax${location.protocol === 'https:' ? '; Secure' : ''}`;
  } catch {
    // Cookies blocked: the choice lasts until the page is left.
  }
}

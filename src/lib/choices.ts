/**
 * What the person chose on this page, its language and theme, kept in a cookie of the page's folder
 * rather than in localStorage: the script before paint must know both before the first paint, and
 * the first read of `document.cookie` costs about half the first read of `localStorage`, the larger
 * part of that script's time (decision 029). Whoever reads a choice checks its value: a cookie is
 * outside input (another page of the site can set one).
 */
export type Choice = 'language' | 'theme';

const cookieName = (choice: Choice) => `signup-${choice}`;

/** A year: the choice outlives the visit, as localStorage's did. */
const KEPT_SECONDS = 365 * 24 * 60 * 60;

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
  const prefix = `${cookieName(choice)}=`;
  for (const cookie of cookies.split(';')) {
    const trimmed = cookie.trim();
    if (!trimmed.startsWith(prefix)) continue;
    try {
      return decodeURIComponent(trimmed.slice(prefix.length));
    } catch {
      return null;
    }
  }
  return null;
}

/** The folder of the page's address (`/join/` for `/join/index.html`): the cookie's path. */
export function pageFolder(pathname: string): string {
  const folder = pathname.slice(0, pathname.lastIndexOf('/') + 1);
  // A `;` would end the path and start another attribute.
  return folder.startsWith('/') && !folder.includes(';') ? folder : '/';
}

export function choose(choice: Choice, value: string): void {
  const secure = window.location.protocol === 'https:' ? '; Secure' : '';
  try {
    document.cookie =
      `${cookieName(choice)}=${encodeURIComponent(value)}; Path=${pageFolder(window.location.pathname)}; ` +
      `Max-Age=${String(KEPT_SECONDS)}; SameSite=Lax${secure}`;
  } catch {
    // Cookies blocked: the choice lasts until the page is left.
  }
}

/**
 * The page's Content-Security-Policy: no inline script or style but the built page's own (allowed
 * by hash), no eval, scripts only from this origin (and reCAPTCHA's, which the captcha stage
 * loads). `connect-src` must allow any homeserver, so it allows any https origin, and plain http on
 * loopback only (development servers, the mock). Written into every built page as a meta tag (so
 * that any static host serves it) and beside it as `content-security-policy.txt`, the header form,
 * which `vite preview` sends. Decisions: docs/decisions/005 and 010.
 */
const RECAPTCHA = ['https://www.recaptcha.net/recaptcha/', 'https://www.gstatic.com/recaptcha/'];

const directives: Record<string, string[]> = {
  'default-src': ["'self'"],
  'script-src': ["'self'", ...RECAPTCHA],
  'style-src': ["'self'"],
  'img-src': ["'self'", 'data:', 'https:'],
  'font-src': ["'self'"],
  'connect-src': ["'self'", 'https:', 'http://localhost:*', 'http://127.0.0.1:*'],
  'frame-src': ['https://www.recaptcha.net/recaptcha/', 'https://recaptcha.net/recaptcha/'],
  'worker-src': ["'self'"],
  'manifest-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
};

/** What the page carries inline (decision 010), allowed by hash: `'sha256-…'` sources. */
export interface InlineHashes {
  scripts: string[];
  styles: string[];
}

/**
 * `frame-ancestors` is ignored in a meta tag, so only the header carries it. `inline` adds the
 * hashes of the built page's inline script and style (the prerendered page's, decision 010).
 */
export function contentSecurityPolicy(
  as: 'header' | 'meta',
  inline: InlineHashes = { scripts: [], styles: [] },
): string {
  const all: Record<string, string[]> = {
    ...directives,
    'script-src': [...(directives['script-src'] ?? []), ...inline.scripts.map((hash) => `'${hash}'`)],
    'style-src': [...(directives['style-src'] ?? []), ...inline.styles.map((hash) => `'${hash}'`)],
    ...(as === 'header' ? { 'frame-ancestors': ["'none'"] } : {}),
  };
  return Object.entries(all)
    .map(([name, sources]) => `${name} ${sources.join(' ')}`)
    .join('; ');
}

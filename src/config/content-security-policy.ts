/**
 * The page's Content-Security-Policy: no inline script, no eval, scripts only from this origin
 * (and reCAPTCHA's, which the captcha stage loads). `connect-src` must allow any homeserver, so it
 * allows any https origin, and plain http on loopback only (development servers, the mock).
 * Used by `vite preview` (as a header) and written into every built `index.html` (as a meta tag,
 * so that any static host serves it). Decision: docs/decisions/005.
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

/** `frame-ancestors` is ignored in a meta tag, so only the header carries it. */
export function contentSecurityPolicy(as: 'header' | 'meta'): string {
  const all = as === 'header' ? { ...directives, 'frame-ancestors': ["'none'"] } : directives;
  return Object.entries(all)
    .map(([name, sources]) => `${name} ${sources.join(' ')}`)
    .join('; ');
}

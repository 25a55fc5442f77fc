// The server's own page for a stage (spec: UIA fallback), and the captcha keys that need it.
// Apart from `stages.ts`, which the page's first chunk imports: only the steps use these.

/** The server's own page for a stage (spec: UIA fallback), for this session. */
export function fallbackUrl(server: { baseUrl: string; prefix: string }, stage: string, session: string): string {
  return `${server.baseUrl}${server.prefix}/auth/${encodeURIComponent(stage)}/fallback/web?${new URLSearchParams({ session }).toString()}`;
}

/**
 * Whether the server serves a fallback page there, as far as the page can tell cheaply: a readable
 * 404 or 405 means it does not (continuwuity has no fallback routes; its router answers 404
 * `M_UNRECOGNIZED` with CORS headers). Anything else counts as "maybe": Synapse's fallback HTML is
 * sent without CORS headers, so the browser hides its answer, and a page that may work is offered.
 */
export async function fallbackServed(url: string, signal?: AbortSignal): Promise<boolean> {
  try {
    const timeout = AbortSignal.timeout(5_000);
    const response = await fetch(url, {
      credentials: 'omit',
      signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
    });
    // Only the status matters; not awaited, since some streams settle a cancel only once read.
    response.body?.cancel().catch(() => undefined);
    return response.status !== 404 && response.status !== 405;
  } catch {
    return true;
  }
}

/** The kind of captcha a public key belongs to. Servers say only `public_key`; its shape tells the provider. */
export type CaptchaProvider = 'recaptcha' | 'hcaptcha' | 'turnstile' | 'unknown';

/**
 * reCAPTCHA site keys are 40 characters starting `6L`; hCaptcha site keys are UUIDs; Turnstile
 * site keys start `0x` (its test keys `1x`, `2x`, `3x`). Dendrite lets admins set hCaptcha or
 * Turnstile (`recaptcha_api_js_url`, `recaptcha_sitekey_class`) but still sends the key alone
 * (`setup/config/config.go`), and loading Google's widget with another provider's key fails.
 */
export function captchaProvider(key: string): CaptchaProvider {
  if (/^6L[0-9A-Za-z_-]{38}$/.test(key)) return 'recaptcha';
  if (/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(key)) return 'hcaptcha';
  if (/^[0-3]x[0-9A-Za-z_-]+$/.test(key)) return 'turnstile';
  return 'unknown';
}

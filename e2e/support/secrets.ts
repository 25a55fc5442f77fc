import { expect, type Page } from '@playwright/test';

/**
 * Watches a page for what it must never do: print to the console (every line is kept, to search for
 * secrets) or break its Content-Security-Policy (each violation is recorded by the page itself).
 */
export async function watchPage(page: Page) {
  const consoleLines: string[] = [];
  page.on('console', (message) => consoleLines.push(`${message.type()}: ${message.text()}`));
  page.on('pageerror', (error) => consoleLines.push(`pageerror: ${error.message}`));
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as { cspViolations?: string[] }).cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (event) => {
      seen.push(`${event.effectiveDirective} ${event.blockedURI}`);
    });
  });
  return {
    consoleLines,
    cspViolations: () => page.evaluate(() => (window as { cspViolations?: string[] }).cspViolations ?? []),
  };
}

/** The access tokens of the page's successful `/register` answers, as they arrive. */
export function collectAccessTokens(page: Page): string[] {
  const tokens: string[] = [];
  page.on('response', async (response) => {
    if (response.url().endsWith('/register') && response.status() === 200) {
      tokens.push(((await response.json()) as { access_token?: string }).access_token ?? '');
    }
  });
  return tokens;
}

/** None of `secrets` is in the page's storage, cookies, address, history entry or console. */
export async function expectNoSecrets(page: Page, secrets: string[], consoleLines: string[]) {
  const storage = await page.evaluate(() =>
    [localStorage, sessionStorage].flatMap((store) =>
      Object.keys(store).map((key) => `${key}=${store.getItem(key) ?? ''}`),
    ),
  );
  const cookies = (await page.context().cookies()).map((cookie) => `${cookie.name}=${cookie.value}`);
  const places = {
    storage: storage.join('\n'),
    cookies: cookies.join('\n'),
    url: decodeURIComponent(page.url()),
    history: decodeURIComponent(await page.evaluate(() => JSON.stringify(history.state) + location.href)),
    console: consoleLines.join('\n'),
  };
  for (const secret of secrets) {
    expect(secret.length, 'a secret to look for').toBeGreaterThan(5);
    for (const [place, text] of Object.entries(places)) {
      expect(text.includes(secret), `a secret found in ${place}`).toBe(false);
    }
  }
}

/**
 * Every access and refresh token the desk is given at sign-in (Synapse's `/login`, MAS's token
 * endpoint), read in Node as it arrives, never from the page: through a route where the page's own
 * network carries it (a body read later from the network log can be gone), and from the responses a
 * service worker made (the in-browser mock's), which routes do not see.
 */
export async function collectDeskTokens(page: Page): Promise<() => string[]> {
  const tokens = new Set<string>();
  const keep = (body: { access_token?: string; refresh_token?: string }) => {
    for (const token of [body.access_token, body.refresh_token]) if (token) tokens.add(token);
  };
  const signIn = /\/(login|oauth2\/token)$/;
  await page.route(signIn, async (route) => {
    const response = await route.fetch();
    if (route.request().method() === 'POST' && response.ok()) {
      keep((await response.json().catch(() => ({}))) as { access_token?: string; refresh_token?: string });
    }
    await route.fulfill({ response });
  });
  page.on('response', async (response) => {
    if (!response.fromServiceWorker() || !signIn.test(new URL(response.url()).pathname)) return;
    if (response.request().method() !== 'POST' || !response.ok()) return;
    keep((await response.json().catch(() => ({}))) as { access_token?: string; refresh_token?: string });
  });
  return () => [...tokens];
}

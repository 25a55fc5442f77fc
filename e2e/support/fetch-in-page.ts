import type { Page } from '@playwright/test';

/**
 * `fetch` from inside the page, so that the page's service worker (the in-browser mock) answers it,
 * as it answers the app.
 */
export function fetchJsonInPage(
  page: Page,
  url: string,
  init?: { method: string; body?: string; headers?: Record<string, string> },
): Promise<unknown> {
  return page.evaluate(async ([target, options]) => (await fetch(target, options)).json() as Promise<unknown>, [
    url,
    init,
  ] as const);
}

import type { Page } from '@playwright/test';

/**
 * Holds the page's entry script back until `release()`: what the person meets meanwhile is the
 * prerendered HTML alone (no script of the page has run).
 */
export async function holdEntryScript(page: Page) {
  let release: () => void = () => undefined;
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  await page.route(/\/assets\/main-[^/]+\.js$/, async (route) => {
    await released;
    await route.continue();
  });
  return { release };
}

/** The layout shifts the page has had so far (CLS's entries, without those after input). */
export const RECORD_LAYOUT_SHIFTS = `(() => {
  window.layoutShifts = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (!entry.hadRecentInput) window.layoutShifts.push(entry.value);
    }
  }).observe({ type: 'layout-shift', buffered: true });
})();`;

import type { Page } from '@playwright/test';

/** Holds back the page's requests for files matching `file` until `release()`. */
export async function holdFiles(page: Page, file: RegExp) {
  let release: () => void = () => undefined;
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  await page.route(file, async (route) => {
    await released;
    await route.continue();
  });
  return { release };
}

/**
 * Holds the page's entry script back until `release()`: what the person meets meanwhile is the
 * prerendered HTML alone (no script of the page has run).
 */
export const holdEntryScript = (page: Page) => holdFiles(page, /\/assets\/main-[^/]+\.js$/);

/** The layout shifts the page has had so far (CLS's entries, without those after input). */
export const RECORD_LAYOUT_SHIFTS = `(() => {
  window.layoutShifts = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (!entry.hadRecentInput) window.layoutShifts.push(entry.value);
    }
  }).observe({ type: 'layout-shift', buffered: true });
})();`;

/** The layout shifts `RECORD_LAYOUT_SHIFTS` has recorded so far. */
export const recordedLayoutShifts = (page: Page) =>
  page.evaluate(() => (window as unknown as { layoutShifts: number[] }).layoutShifts);

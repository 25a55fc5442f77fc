import { chromium, type Browser, type Page } from '@playwright/test';
import { chromiumLaunchOptions } from '../../e2e/support/browser';
import { en } from '../../e2e/support/english';
import { RECORD_LAYOUT_SHIFTS } from '../../e2e/support/hold-script';

export const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
};

export async function launch(): Promise<Browser> {
  return chromium.launch({ ...chromiumLaunchOptions(), headless: true });
}

/**
 * Records, in the page's own clock (milliseconds since navigation start), the first moment
 * `#field-username` exists and is enabled. A MutationObserver sees the change as it happens.
 * A string, not a function: tsx wraps named functions in a helper the page does not have.
 */
const RECORD_USABLE_FORM = `(() => {
  const mark = () => {
    const field = document.getElementById('field-username');
    if (field && !field.disabled && !field.readOnly) {
      window.usableAt ??= performance.now();
      return true;
    }
    return false;
  };
  const observer = new MutationObserver(() => { if (mark()) observer.disconnect(); });
  observer.observe(document, { childList: true, subtree: true, attributes: true });
  document.addEventListener('DOMContentLoaded', mark);
})();`;

export interface LoadTimes {
  /** Navigation start to an enabled `#field-username` in the DOM. */
  usable: number[];
  /** Navigation start to the first contentful paint (the form painted, for these pages). */
  painted: number[];
}

/**
 * Cold loads (a fresh browser context each, so a cold cache) of the app and of the static form,
 * taken in turn, so that the page measured first is not charged with the browser warming up or the
 * machine being busier for a while: one load of each is made and dropped first, then `runs` each.
 */
export async function timeAppAgainstStaticForm(
  browser: Browser,
  urls: { app: string; form: string },
  runs: number,
  cpuSlowdown = 1,
): Promise<{ app: LoadTimes; form: LoadTimes }> {
  const times = { app: { usable: [], painted: [] } as LoadTimes, form: { usable: [], painted: [] } as LoadTimes };
  for (let run = -1; run < runs; run++) {
    for (const page of ['app', 'form'] as const) {
      const load = await coldLoad(browser, urls[page], cpuSlowdown);
      if (run < 0) continue;
      times[page].usable.push(load.usable);
      times[page].painted.push(load.painted);
    }
  }
  return times;
}

async function coldLoad(browser: Browser, url: string, cpuSlowdown: number) {
  const context = await browser.newContext();
  const page = await context.newPage();
  if (cpuSlowdown > 1) {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpuSlowdown });
  }
  await page.addInitScript(RECORD_USABLE_FORM);
  await page.goto(url);
  await page.waitForFunction(
    () =>
      (window as { usableAt?: number }).usableAt !== undefined &&
      performance.getEntriesByName('first-contentful-paint').length > 0,
    undefined,
    { timeout: 30_000 },
  );
  const load = await page.evaluate(() => ({
    usable: (window as { usableAt?: number }).usableAt ?? NaN,
    painted: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN,
  }));
  await context.close();
  return load;
}

/**
 * The layout shifts of a load, summed (CLS's entries), from navigation until the page has taken
 * over from the prerendered form (`data-signup="ready"`) and shown the server's requirements: the
 * largest sum of `runs` cold loads.
 */
export async function layoutShiftUntilReady(browser: Browser, url: string, runs: number): Promise<number> {
  let largest = 0;
  for (let run = 0; run < runs; run++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.addInitScript(RECORD_LAYOUT_SHIFTS);
    await page.goto(url);
    await page.locator('html[data-signup="ready"]').waitFor({ state: 'attached', timeout: 30_000 });
    await page.getByText(en('requirements.open')).waitFor({ timeout: 30_000 });
    // Two frames, so that shifts of the last render are reported.
    await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
    const shifts = await page.evaluate(() => (window as unknown as { layoutShifts: number[] }).layoutShifts);
    largest = Math.max(
      largest,
      shifts.reduce((sum, value) => sum + value, 0),
    );
    await context.close();
  }
  return largest;
}

/**
 * Submit to the success screen in mock mode: from the submit event to the success heading in the
 * DOM, in the page's clock. Each run is a fresh context and a new username.
 */
export async function submitToSuccess(browser: Browser, url: string, runs: number): Promise<number[]> {
  const times: number[] = [];
  for (let run = 0; run < runs; run++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(url);
    await fillForm(page, `bench${String(run)}x${Date.now().toString(36)}`);
    await page.evaluate(`(() => {
      const heading = ${JSON.stringify(en('success.heading'))};
      document.addEventListener('submit', () => { window.submittedAt ??= performance.now(); }, { capture: true });
      const observer = new MutationObserver(() => {
        if ([...document.querySelectorAll('h1, h2')].some((element) => element.textContent.includes(heading))) {
          window.successAt ??= performance.now();
          observer.disconnect();
        }
      });
      observer.observe(document.body, { childList: true, subtree: true, characterData: true });
    })()`);
    await page.getByRole('button', { name: en('form.submit') }).click();
    await page.waitForFunction(() => (window as { successAt?: number }).successAt !== undefined, undefined, {
      timeout: 30_000,
    });
    times.push(
      await page.evaluate(() => {
        const state = window as { submittedAt?: number; successAt?: number };
        return (state.successAt ?? NaN) - (state.submittedAt ?? NaN);
      }),
    );
    await context.close();
  }
  return times;
}

async function fillForm(page: Page, username: string) {
  const password = 'a bench password 1';
  await page.getByLabel(en('username.label')).fill(username);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByLabel('Confirm password').fill(password);
  // Ready when the server is known and the name checked: the button is enabled.
  await page
    .getByRole('button', { name: en('form.submit') })
    .and(page.locator(':enabled'))
    .waitFor();
  await page.getByText(en('username.available')).waitFor();
}

import { chromium, type Browser, type Page } from '@playwright/test';
import type { Language } from '../../src/i18n/languages.ts';
import { chromiumLaunchOptions } from '../../e2e/support/browser';
import { en } from '../../e2e/support/english';
import { RECORD_LAYOUT_SHIFTS, recordedLayoutShifts } from '../../e2e/support/hold-script';

export { median } from './ratio';

export async function launch(): Promise<Browser> {
  return chromium.launch({ ...chromiumLaunchOptions(), headless: true });
}

/**
 * Records, in the page's own clock (milliseconds since navigation start), the first moment
 * `#field-username` is usable as a person meets it: present, enabled, not read-only and visible (no
 * `visibility: hidden`, `display: none` or zero opacity on it or around it, as a page waiting for its
 * language hides it) with a laid-out box that is not empty. Asking for the box lays every page out
 * at that moment: `checkVisibility` alone did on the page (its `<select>` pickers) and not on the
 * static form, which was then timed before its layout and the page after its own (decision 025). A MutationObserver sees DOM changes as they happen; a check before each frame
 * catches what only styles change. The page's language and the field's label at that moment are kept,
 * so that a run which met the form in another language than the visitor's counts as a failure, not a
 * time. It runs as the document is created, before any of the page: that moment is kept too, where
 * the browser's part of the load ends and the page's own begins. A string, not a function: tsx
 * wraps named functions in a helper the page does not have.
 */
const RECORD_USABLE_FORM = `(() => {
  window.documentAt = performance.now();
  const mark = () => {
    if (window.usableAt !== undefined) return true;
    const field = document.getElementById('field-username');
    if (!field || field.disabled || field.readOnly) return false;
    if (!field.checkVisibility({ visibilityProperty: true, opacityProperty: true })) return false;
    const box = field.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) return false;
    window.usableAt = performance.now();
    window.usableLanguage = document.documentElement.lang;
    window.usableLabel = field.labels && field.labels[0] ? field.labels[0].textContent : '';
    return true;
  };
  const observer = new MutationObserver(() => { if (mark()) observer.disconnect(); });
  observer.observe(document, { childList: true, subtree: true, attributes: true, characterData: true });
  const frame = () => { if (!mark()) requestAnimationFrame(frame); };
  requestAnimationFrame(frame);
  document.addEventListener('DOMContentLoaded', mark);
})();`;

export interface LoadTimes {
  /** Navigation start to a visible, enabled `#field-username`. */
  usable: number[];
  /** Navigation start to the document's creation (the browser's part, before it has read the page). */
  document: number[];
  /** Navigation start to the first contentful paint (the form painted, for these pages). */
  painted: number[];
}

/** A person opening the page, by their browser's language. */
export interface Visitor {
  id: string;
  label: string;
  /** The browser's locale (`navigator.languages`, `Accept-Language`). */
  locale: string;
  /** The page's language they must meet the form in (`<html lang>`). */
  language: Language;
  /** The username field's label in that language: what they must read when the field is usable. */
  usernameLabel: string;
}

/**
 * After a load, how long the bench waits before the next. Closing a context ends its renderer
 * process; on two cores that teardown ran into the next load and added its time to whichever page
 * came next (decision 030).
 */
const SETTLE_MS = 250;

/**
 * Cold loads (a fresh browser context each, so a cold cache) of the app and of the static form,
 * taken in turn, so that the page measured first is not charged with the browser warming up or the
 * machine being busier for a while: one load of each is made and dropped first, then `runs` each.
 * Run `i` of the app and run `i` of the form are a pair, taken back to back, the app first in even
 * runs and the form first in odd ones, so that neither page always follows the other.
 */
export async function timeAppAgainstStaticForm(
  browser: Browser,
  urls: { app: string; form: string },
  runs: number,
  cpuSlowdown = 1,
  visitor?: Visitor,
): Promise<{ app: LoadTimes; form: LoadTimes }> {
  const times = {
    app: { usable: [], document: [], painted: [] } as LoadTimes,
    form: { usable: [], document: [], painted: [] } as LoadTimes,
  };
  for (let run = -1; run < runs; run++) {
    for (const page of run % 2 === 0 ? (['app', 'form'] as const) : (['form', 'app'] as const)) {
      const load = await coldLoad(browser, urls[page], cpuSlowdown, visitor?.locale);
      if (visitor && (load.language !== visitor.language || load.label !== visitor.usernameLabel)) {
        throw new Error(
          `${urls[page]} was usable in "${load.language}" ("${load.label}"), not in the visitor's ` +
            `"${visitor.language}" ("${visitor.usernameLabel}")`,
        );
      }
      if (run < 0) continue;
      times[page].usable.push(load.usable);
      times[page].document.push(load.document);
      times[page].painted.push(load.painted);
    }
  }
  return times;
}

async function coldLoad(browser: Browser, url: string, cpuSlowdown: number, locale?: string) {
  const context = await browser.newContext(locale ? { locale } : {});
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
  const load = await page.evaluate(() => {
    const state = window as { documentAt?: number; usableAt?: number; usableLanguage?: string; usableLabel?: string };
    return {
      usable: state.usableAt ?? NaN,
      document: state.documentAt ?? NaN,
      painted: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN,
      language: state.usableLanguage ?? '',
      label: state.usableLabel ?? '',
    };
  });
  await context.close();
  await new Promise((settled) => setTimeout(settled, SETTLE_MS));
  return load;
}

/**
 * The layout shifts of a load, summed (CLS's entries), from navigation until the page has taken
 * over from the prerendered form (`data-signup="ready"`) and shown the server's requirements: the
 * largest sum of `runs` cold loads.
 */
export async function layoutShiftUntilReady(
  browser: Browser,
  url: string,
  runs: number,
  locale?: string,
): Promise<number> {
  let largest = 0;
  for (let run = 0; run < runs; run++) {
    const context = await browser.newContext(locale ? { locale } : {});
    const page = await context.newPage();
    await page.addInitScript(RECORD_LAYOUT_SHIFTS);
    await page.goto(url);
    await page.locator('html[data-signup="ready"]').waitFor({ state: 'attached', timeout: 30_000 });
    // The server's requirements, shown (in whichever language): the card's list replaces "looking for".
    await page.locator('.requirements .pending').waitFor({ state: 'detached', timeout: 30_000 });
    // Two frames, so that shifts of the last render are reported.
    await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
    const shifts = await recordedLayoutShifts(page);
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

import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type Page } from '@playwright/test';
import axe, { type AxeResults } from 'axe-core';
import { SignupPage } from './pages/signup-page';

interface Options {
  /**
   * What a test expects the page to report on its console (a CSP refusal a test provokes, say).
   * Anything else the page reports as an error, or throws, fails the test: a hydration mismatch
   * or a failed render is a defect even where the page still looks right.
   */
  expectedConsoleErrors: RegExp[];
}

interface Fixtures {
  signup: SignupPage;
  /** Runs axe on the page as it is now; any violation fails the test. */
  checkA11y: () => Promise<void>;
}

/**
 * Every address but loopback's. A pattern, not a predicate function: Playwright matches a pattern
 * itself, while a function makes every request of the page wait for a round trip to this test
 * process before it may go on (a "Continue request" per request in a trace, 0.3 s each on a busy
 * machine).
 */
const NOT_LOOPBACK = /^(?!https?:\/\/(127\.\d+\.\d+\.\d+|localhost|\[::1\])(:\d+)?\/)/;

const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa'];

/**
 * axe.run() in the page, with axe-core injected once per document. @axe-core/playwright injects
 * its 600 kB twice per check, and in its default mode opens a blank page to inject it a third time
 * and finish there (each injection recorded in the trace too): on a busy machine 3 to 10 s a check,
 * most of it injecting. A page with frames still goes to AxeBuilder, which reaches into them.
 */
async function runAxe(page: Page): Promise<AxeResults> {
  if (page.frames().length > 1) return new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
  type WithAxe = { axe?: typeof axe };
  if (!(await page.evaluate(() => typeof (window as WithAxe).axe?.run === 'function'))) {
    await page.evaluate(axe.source);
  }
  return page.evaluate(
    (tags) => (window as WithAxe).axe?.run(document, { runOnly: { type: 'tag', values: tags } }) as Promise<AxeResults>,
    AXE_TAGS,
  );
}

/** The browser logs every non-2xx it loads: the 401s of UIA and the 4xx a test asks for are answers, not problems. */
const LOAD_FAILURE = /^Failed to load resource/;

export const test = base.extend<Fixtures & Options>({
  expectedConsoleErrors: [[], { option: true }],
  page: async ({ page, expectedConsoleErrors }, use) => {
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(`thrown: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() !== 'error') return;
      const text = message.text();
      if (LOAD_FAILURE.test(text) || expectedConsoleErrors.some((expected) => expected.test(text))) return;
      problems.push(`console.error: ${text}`);
    });
    await use(page);
    expect(problems, 'errors the page reported').toEqual([]);
  },
  context: async ({ context }, use) => {
    // Tests talk to loopback only: anything else is aborted, so a stray call fails loudly.
    await context.route(NOT_LOOPBACK, (route) => route.abort('blockedbyclient'));
    await use(context);
  },
  signup: async ({ page }, use) => {
    await use(new SignupPage(page));
  },
  checkA11y: async ({ page }, use, testInfo) => {
    await use(async () => {
      const results = await runAxe(page);
      await testInfo.attach('axe', {
        body: JSON.stringify(results.violations, null, 2),
        contentType: 'application/json',
      });
      expect(results.violations.map((violation) => `${violation.id}: ${violation.help}`)).toEqual([]);
    });
  },
});

export { expect };

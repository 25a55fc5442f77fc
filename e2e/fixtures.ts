import AxeBuilder from '@axe-core/playwright';
import { test as base, expect } from '@playwright/test';
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
      // Legacy mode runs axe.run() in the page itself. The default mode runs runPartial() in each
      // frame, then opens a blank page and injects axe a second time there to finish: twice the
      // cost of a check, for cross-origin frames, which these pages do not have.
      const results = await new AxeBuilder({ page })
        .withTags(['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa'])
        .setLegacyMode()
        .analyze();
      await testInfo.attach('axe', {
        body: JSON.stringify(results.violations, null, 2),
        contentType: 'application/json',
      });
      expect(results.violations.map((violation) => `${violation.id}: ${violation.help}`)).toEqual([]);
    });
  },
});

export { expect };

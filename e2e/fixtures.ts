import AxeBuilder from '@axe-core/playwright';
import { test as base, expect } from '@playwright/test';
import { SignupPage } from './pages/signup-page';

interface Fixtures {
  signup: SignupPage;
  /** Runs axe on the page as it is now; any violation fails the test. */
  checkA11y: () => Promise<void>;
}

const LOOPBACK = /^https?:\/\/(127\.\d+\.\d+\.\d+|localhost|\[::1\])(:\d+)?\//;

export const test = base.extend<Fixtures>({
  context: async ({ context }, use) => {
    // Tests talk to loopback only: anything else is aborted, so a stray call fails loudly.
    await context.route(
      (url) => !LOOPBACK.test(url.href),
      (route) => route.abort('blockedbyclient'),
    );
    await use(context);
  },
  signup: async ({ page }, use) => {
    await use(new SignupPage(page));
  },
  checkA11y: async ({ page }, use, testInfo) => {
    await use(async () => {
      const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa']).analyze();
      await testInfo.attach('axe', {
        body: JSON.stringify(results.violations, null, 2),
        contentType: 'application/json',
      });
      expect(results.violations.map((violation) => `${violation.id}: ${violation.help}`)).toEqual([]);
    });
  },
});

export { expect };

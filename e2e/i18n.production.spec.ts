import type { Locator } from '@playwright/test';
import { ADDRESS_WORDS } from '../src/features/registration/address-words';
import { formatMessage } from '../src/i18n/format';
import { expect, test } from './fixtures';
import { catalogOf } from './support/english';
import { json, startHostileServer } from './support/hostile-server';

// In the production build (no service worker, so the test can hand the page its own config.json).
test("config.json's default_language is the last resort, when no browser language matches", async ({ browser }) => {
  const context = await browser.newContext({ locale: 'ko-KR' });
  await context.addInitScript(() => {
    Object.defineProperty(navigator, 'languages', { get: () => ['ko-KR'] });
  });
  const page = await context.newPage();
  await page.route('**/config.json', async (route) => {
    const config = (await (await route.fetch()).json()) as Record<string, unknown>;
    await route.fulfill({ json: { ...config, default_language: 'nl' } });
  });
  await page.goto('http://127.0.0.1:4173/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(catalogOf('nl', 'start')['app.title'] ?? '-');
  await expect(page.locator('html')).toHaveAttribute('lang', 'nl');
  await context.close();
});

/**
 * Where each character of `fragment` (found in one text node of `element`, with or without bidi
 * isolation marks between its characters) is drawn, left edge by left edge: the order a reader
 * sees, whatever the order in the DOM (review 2026-12 §4).
 */
function leftEdgesOf(element: Locator, fragment: string): Promise<number[]> {
  return element.evaluate((root, wanted) => {
    const escape = (char: string) => char.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
    const pattern = new RegExp(Array.from(wanted, (char) => `(${escape(char)})`).join('[\u2066-\u2069]*'), 'd');
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      // With the `d` flag, where each character's group starts.
      const found = pattern.exec(node.textContent ?? '') as { indices?: [number, number][] } | null;
      if (!found?.indices) continue;
      return found.indices.slice(1).map(([start]) => {
        const range = document.createRange();
        range.setStart(node, start);
        range.setEnd(node, start + 1);
        return range.getBoundingClientRect().left;
      });
    }
    return [];
  }, fragment);
}

const increasing = (edges: number[]) =>
  edges.length > 1 && edges.every((edge, i) => i === 0 || edge > (edges[i - 1] ?? 0));

test.describe('Arabic renders Latin fragments inside its sentences in their own order', () => {
  const ar = catalogOf('ar', 'start');
  const arLater = catalogOf('ar', 'later');

  test('"https://" reads left to right in the hint for a mistyped server', async ({ page }) => {
    await page.goto('/?lang=ar');
    await expect(page.locator('html[data-signup="ready"]')).toBeAttached();
    await page.getByRole('button', { name: ar['server.change'] ?? '-' }).click();
    await page.getByLabel(ar['server.label'] ?? '-', { exact: true }).fill('not a server!');
    const message = page.getByText(formatMessage('ar', arLater['discovery.invalid-input'] ?? '-', ADDRESS_WORDS));
    await expect(message).toBeVisible();
    const edges = await leftEdgesOf(message, 'https://');
    expect(increasing(edges), `left edges of "https://": ${edges.join(', ')}`).toBe(true);
  });

  test('the "@" of a Matrix ID comes before its name, and inputs for IDs are left to right', async ({ page }) => {
    // A server that will not say its name: the preview is a sentence with "@ana" inside it.
    const server = await startHostileServer();
    try {
      await page.goto(`/?lang=ar&hs=${encodeURIComponent(server.url)}`);
      await expect(page.locator('html[data-signup="ready"]')).toBeAttached();
      const username = page.getByLabel(ar['username.label'] ?? '-', { exact: true });
      await expect(username).toHaveAttribute('dir', 'ltr');
      await username.fill('ana');
      const preview = page.locator('#username-preview');
      await expect(preview).toContainText('ana');
      const edges = await leftEdgesOf(preview, '@ana');
      expect(increasing(edges), `left edges of "@ana": ${edges.join(', ')}`).toBe(true);
    } finally {
      await server.close();
    }
  });

  test('a Matrix ID in the preview moves to the next line whole rather than splitting', async ({ page }) => {
    await page.setViewportSize({ width: 330, height: 800 });
    const server = await startHostileServer();
    try {
      server.on('/_matrix/key/v2/server', json(200, { server_name: 'localhost', verify_keys: {} }));
      await page.goto(`/?lang=ar&hs=${encodeURIComponent(server.url)}`);
      await expect(page.locator('html[data-signup="ready"]')).toBeAttached();
      const username = page.getByLabel(ar['username.label'] ?? '-', { exact: true });
      const id = page.locator('#username-preview .matrix-id');
      // Names of growing length: whichever one no longer fits beside the words moves down whole.
      for (const name of ['ana', 'ana-maria', 'ana-maria-k', 'ana-maria-kow', 'ana-maria-kowal']) {
        await username.fill(name);
        await expect(id).toHaveText(`@${name}:localhost`);
        const lines = await id.evaluate((element) => element.getClientRects().length);
        expect(lines, `@${name}:localhost drawn in ${String(lines)} pieces`).toBe(1);
      }
    } finally {
      await server.close();
    }
  });
});

test.describe("a community's corrections in config.json", () => {
  test('show on the running page; a misspelt key is refused with a warning that names it', async ({ page }) => {
    const warnings: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'warning') warnings.push(message.text());
    });
    await page.route('**/config.json', async (route) => {
      const config = (await (await route.fetch()).json()) as Record<string, unknown>;
      await route.fulfill({
        json: { ...config, messages: { en: { 'form.submit': 'Make my account', 'form.sumbit': 'Typo' } } },
      });
    });
    await page.goto('/');
    await expect(page.locator('html[data-signup="ready"]')).toBeAttached();
    await expect(page.getByRole('button', { name: 'Make my account' })).toBeVisible();
    await expect.poll(() => warnings.join('\n')).toContain('messages.en["form.sumbit"] is not a message of this page');
  });
});

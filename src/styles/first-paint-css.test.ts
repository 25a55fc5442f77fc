// @vitest-environment jsdom
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Catalog } from '../i18n/catalogs';
import { LANGUAGES } from '../i18n/languages';
import { renderPage } from '../prerender/render-page';

const read = (path: string) => readFileSync(new URL(path, import.meta.url), 'utf8');
const catalog = (language: string) => JSON.parse(read(`../locales/${language}/start.json`)) as Catalog;

/** The selectors of a stylesheet, `@media` and `@supports` blocks included (`@keyframes` has none). */
function selectorsOf(css: string): string[] {
  const withoutComments = css.replace(/\/\*[\s\S]*?\*\//g, '');
  const selectors: string[] = [];
  for (const match of withoutComments.matchAll(/([^{}]+)\{/g)) {
    const prelude = (match[1] ?? '').trim();
    if (prelude.startsWith('@') || /^(from|to|\d+%)$/.test(prelude)) continue;
    selectors.push(...prelude.split(',').map((selector) => selector.trim()));
  }
  return selectors;
}

/**
 * What a selector could match before any script runs, whatever the person does: user-action and
 * form states (`:hover`, `:focus`, `:checked`…) count as possible, so they are dropped before matching.
 */
const asBeforeScripts = (selector: string) =>
  selector.replace(/::?[a-z-]+(\([^)]*\))?/g, (pseudo) => (pseudo.startsWith(':not(') ? pseudo : '')) || '*';

const configs = {
  plain: JSON.parse(read('../../public/config.json')) as Record<string, unknown>,
  // A logo in each theme, an accent, welcome words, footer and help links.
  branded: JSON.parse(read('../../e2e/screens/branded/config.json')) as Record<string, unknown>,
  // The deployment e2e's: German by default, dark.
  deployment: JSON.parse(read('../../e2e/support/deployment/config.json')) as Record<string, unknown>,
};

describe('the first paint and its inline styles (decision 023)', () => {
  const later = selectorsOf(read('./page.css'));

  it('reads the later stylesheet’s selectors', () => {
    expect(later).toContain('.form-error');
    expect(later).toContain('.strength-bar.level-4');
    expect(later.length).toBeGreaterThan(20);
  });

  it.each(Object.keys(configs))('needs no rule of page.css, in any language (%s config)', async (name) => {
    for (const language of LANGUAGES) {
      const config = configs[name as keyof typeof configs];
      const { body } = await renderPage({ language, config }, catalog(language));
      document.body.innerHTML = `<div id="root">${body}</div>`;
      const matched = later.filter((selector) => document.querySelector(asBeforeScripts(selector)) !== null);
      expect(matched, `${language}: rules of page.css that the first paint uses`).toEqual([]);
    }
  });
});

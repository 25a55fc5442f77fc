import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import type { Catalog } from '../i18n/catalogs';
import { renderPage } from './render-page';

const start = JSON.parse(readFileSync(new URL('../locales/en/start.json', import.meta.url), 'utf8')) as Catalog;

describe('the prerendered first paint', () => {
  it("has the build config's corrections in its words and title; a refused one is warned about", async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const page = await renderPage(
      {
        language: 'en',
        config: {
          default_server: 'example.org',
          messages: { en: { 'form.submit': 'Make my account', 'app.title': 'Join us', 'form.sumbit': 'x' } },
        },
      },
      start,
    );
    expect(page.body).toContain('Make my account');
    expect(page.body).not.toContain(start['form.submit']);
    expect(page.title).toBe('Join us');
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('messages.en["form.sumbit"]'));
  });
});

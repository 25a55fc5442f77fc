// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FIRST_PAINT_GLOBAL } from './language-first-paint';

/** Runs the script as the page does: once, where it stands after the prerendered form. */
const runFirstPaint = async () => {
  vi.resetModules();
  await import('./first-paint');
};

/** What the Arabic first-paint file, once the parser has loaded it, hands the script. */
const handArabicFirstPaint = () =>
  Reflect.set(window, FIRST_PAINT_GLOBAL, {
    language: 'ar',
    body: '<main>اسم المستخدم</main>',
    title: 'إنشاء حساب',
    dir: 'rtl',
    start: {},
  });

describe('the script after the prerendered form (first-paint.ts)', () => {
  beforeEach(() => {
    document.documentElement.lang = 'en';
    document.title = 'Create a Matrix account';
    document.body.innerHTML = '<div id="root" data-language="en"><main>Username</main></div>';
  });
  afterEach(() => {
    Reflect.deleteProperty(window, FIRST_PAINT_GLOBAL);
    document.documentElement.removeAttribute('data-language-pending');
    vi.restoreAllMocks();
  });

  it('touches no element when no other language’s first paint came (most visitors)', async () => {
    const root = vi.spyOn(document, 'getElementById');
    const html = vi.spyOn(document, 'documentElement', 'get');
    await runFirstPaint();
    expect(root).not.toHaveBeenCalled();
    expect(html).not.toHaveBeenCalled();
    expect(document.getElementById('root')?.textContent).toBe('Username');
  });

  it('puts the visitor’s language in place when the script before paint asked for it', async () => {
    document.documentElement.setAttribute('data-language-pending', 'ar');
    handArabicFirstPaint();
    await runFirstPaint();
    const root = document.getElementById('root');
    expect(root?.textContent).toBe('اسم المستخدم');
    expect(root?.getAttribute('data-language')).toBe('ar');
    expect(document.documentElement.lang).toBe('ar');
    expect(document.documentElement.dir).toBe('rtl');
    expect(document.title).toBe('إنشاء حساب');
    expect(document.documentElement.hasAttribute('data-language-pending')).toBe(false);
  });

  it('leaves the page as it is when the file that came is of another language than the one asked for', async () => {
    document.documentElement.setAttribute('data-language-pending', 'de');
    handArabicFirstPaint();
    await runFirstPaint();
    expect(document.getElementById('root')?.textContent).toBe('Username');
    expect(document.documentElement.getAttribute('data-language-pending')).toBe('de');
  });
});

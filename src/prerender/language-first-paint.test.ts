// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { FIRST_PAINT_GLOBAL, firstPaintFile, takeHandedStartMessages } from './language-first-paint';

const hand = (language: string) =>
  Reflect.set(window, FIRST_PAINT_GLOBAL, {
    language,
    body: '<main></main>',
    title: 'Titel',
    dir: 'ltr',
    start: { 'form.submit': 'Konto erstellen' },
  });

describe('the first-paint file of another language than the build’s', () => {
  afterEach(() => Reflect.deleteProperty(window, FIRST_PAINT_GLOBAL));

  it('hands its start messages to the app once, for its own language only', () => {
    hand('de');
    expect(takeHandedStartMessages('de')).toEqual({ 'form.submit': 'Konto erstellen' });
    expect(takeHandedStartMessages('de')).toBeUndefined();
    hand('de');
    expect(takeHandedStartMessages('fr')).toBeUndefined();
    expect(Reflect.has(window, FIRST_PAINT_GLOBAL)).toBe(false);
  });

  it('has nothing to hand when the parser loaded no file (the build’s language)', () => {
    expect(takeHandedStartMessages('en')).toBeUndefined();
  });

  it('is named by its language and the build’s one hash', () => {
    expect(firstPaintFile('pt-BR', 'Ab3_x-9Z')).toBe('assets/first-paint-pt-BR-Ab3_x-9Z.js');
  });
});

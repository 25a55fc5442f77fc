import { describe, expect, it } from 'vitest';
import { argumentsOf, formatMessage, MessageSyntaxError, parseMessage } from './format';

describe('the ICU subset', () => {
  it('puts values in, and formats numbers for the language', () => {
    expect(formatMessage('en', 'Hosted on {server}', { server: 'example.org' })).toBe('Hosted on example.org');
    expect(formatMessage('en', '{n, number} people', { n: 12345 })).toBe('12,345 people');
    expect(formatMessage('de', '{n, number} Leute', { n: 12345 })).toBe('12.345 Leute');
  });

  it('picks the plural category the language has (English 2, Polish 4, Arabic 6)', () => {
    const en = '{s, plural, one {# second} other {# seconds}}';
    expect([1, 2].map((s) => formatMessage('en', en, { s }))).toEqual(['1 second', '2 seconds']);
    const pl = '{s, plural, one {# sekunda} few {# sekundy} many {# sekund} other {# sekundy}}';
    expect([1, 3, 5, 22, 25].map((s) => formatMessage('pl', pl, { s }))).toEqual([
      '1 sekunda',
      '3 sekundy',
      '5 sekund',
      '22 sekundy',
      '25 sekund',
    ]);
    const ar = '{s, plural, zero {z} one {o} two {t} few {f} many {m} other {x}}';
    expect([0, 1, 2, 3, 11, 100].map((s) => formatMessage('ar', ar, { s })).join('')).toBe('zotfmx');
  });

  it('prefers an exact =N case, and nests select in plural with # still the count', () => {
    const message = '{n, plural, =0 {none} other {{kind, select, a {# of A} other {# others}}}}';
    expect(formatMessage('en', message, { n: 0, kind: 'a' })).toBe('none');
    expect(formatMessage('en', message, { n: 3, kind: 'a' })).toBe('3 of A');
    expect(formatMessage('en', message, { n: 3, kind: 'b' })).toBe('3 others');
  });

  it('selects by value, falling back to other', () => {
    const message = 'Strength: {level, select, 0 {very weak} 4 {strong} other {fair}}';
    expect(formatMessage('en', message, { level: 0 })).toBe('Strength: very weak');
    expect(formatMessage('en', message, { level: 2 })).toBe('Strength: fair');
  });

  it("quotes as ICU does: '{' is a brace, '' an apostrophe, and a lone apostrophe stays", () => {
    expect(formatMessage('fr', "l'adresse '{'{x}'}' ''ok''", { x: 1 })).toBe("l'adresse {1} 'ok'");
  });

  it('shows a missing value as its name, never as undefined', () => {
    expect(formatMessage('en', 'Hello {name}')).toBe('Hello {name}');
  });

  it('refuses malformed messages', () => {
    for (const bad of ['{', 'a}', '{n, plural, one {x}}', '{n, plural, other {x}', '{n, date}', "'{"]) {
      expect(() => parseMessage(bad), bad).toThrow(MessageSyntaxError);
    }
  });

  it('lists the arguments a message uses, nested ones too', () => {
    expect(argumentsOf('{a} {n, plural, other {{b} #}}')).toEqual(['a', 'b', 'n, plural']);
    expect(argumentsOf('{x, select, on {{n, number}} other {}}')).toEqual(['n, number', 'x, select on|other']);
  });
});

describe('values in right-to-left sentences', () => {
  it('are isolated, so that a server name keeps its order inside Arabic', () => {
    expect(formatMessage('ar', 'على {server}', { server: 'matrix.org', n: 1 })).toBe('على \u2068matrix.org\u2069');
    expect(formatMessage('de', 'auf {server}', { server: 'matrix.org' })).toBe('auf matrix.org');
    // A select still matches the value itself.
    expect(formatMessage('ar', '{a, select, unlimited {∞} other {{a}}}', { a: 'unlimited' })).toBe('∞');
  });
});

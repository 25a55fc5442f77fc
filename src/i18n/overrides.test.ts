import { describe, expect, it, vi } from 'vitest';
import { checkMessageOverrides, loadMessageOverrides, loadSourceMessages } from './overrides';

const source = {
  'token.label': 'Registration token',
  'app.titleBranded': 'Create your {name} account',
  'error.rateLimit.wait': '{seconds, plural, one {# second} other {# seconds}}',
};

describe('checkMessageOverrides', () => {
  it('keeps a correction with the source’s placeholders and the plural categories its language needs', () => {
    const checked = checkMessageOverrides(
      {
        de: { 'token.label': 'Einladungscode', 'app.titleBranded': 'Dein Konto bei {name}' },
        pl: { 'error.rateLimit.wait': '{seconds, plural, one {# s} few {# s} many {# s} other {# s}}' },
      },
      source,
    );
    expect(checked).toEqual({
      overrides: {
        de: { 'token.label': 'Einladungscode', 'app.titleBranded': 'Dein Konto bei {name}' },
        pl: { 'error.rateLimit.wait': '{seconds, plural, one {# s} few {# s} many {# s} other {# s}}' },
      },
      warnings: [],
    });
  });

  it.each([
    [{ de: { 'token.lable': 'Code' } }, 'messages.de["token.lable"] is not a message of this page'],
    [JSON.parse('{"de": {"__proto__": "Code"}}') as unknown, 'messages.de["__proto__"] is not a message of this page'],
    [{ de: { 'app.titleBranded': 'Dein Konto bei {name' } }, 'messages.de["app.titleBranded"]: '],
    [{ de: { 'app.titleBranded': 'Dein Konto bei {brand}' } }, 'placeholders {brand} where the source has {name}'],
    [{ de: { 'app.titleBranded': 'Dein Konto' } }, 'placeholders none where the source has {name}'],
    [{ pl: { 'error.rateLimit.wait': '{seconds, plural, one {# s} other {# s}}' } }, 'a plural without few, many'],
    [{ de: { 'token.label': 42 } }, 'messages.de["token.label"] is not a string'],
    [{ de: { 'token.label': '' } }, 'messages.de["token.label"]: empty'],
    [{ klingon: { 'token.label': 'x' } }, "messages.klingon is not one of the page's languages"],
    [{ de: 'Code' }, 'messages.de is not an object of messages'],
    [['de'], 'messages is not an object of languages'],
  ])('refuses %j with a warning naming it, and keeps the shipped message', (raw, warning) => {
    const checked = checkMessageOverrides(JSON.parse(JSON.stringify(raw)) as unknown, source);
    expect(checked.warnings).toHaveLength(1);
    expect(checked.warnings[0]).toContain(warning);
    expect(checked.overrides).toEqual({});
  });

  it('keeps the good corrections beside a refused one', () => {
    const checked = checkMessageOverrides({ de: { 'token.label': 'Code', 'token.lable': 'Code' } }, source);
    expect(checked.overrides).toEqual({ de: { 'token.label': 'Code' } });
    expect(checked.warnings).toHaveLength(1);
  });
});

describe('loadMessageOverrides', () => {
  it('checks against every English message, of every namespace', async () => {
    const messages = await loadSourceMessages();
    expect(messages['app.title']).toBeDefined();
    expect(messages['error.M_USER_IN_USE']).toBeDefined();
    expect(messages['panel.heading']).toBeDefined();
  });

  it('tells the admins in the console which correction it refused, unless quiet', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const raw = { de: { 'token.label': 'Code', 'token.lable': 'Code' } };
    expect(await loadMessageOverrides(raw)).toEqual({ de: { 'token.label': 'Code' } });
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('messages.de["token.lable"]'));
    warn.mockClear();
    await loadMessageOverrides(raw, { quiet: true });
    expect(warn).not.toHaveBeenCalled();
  });
});

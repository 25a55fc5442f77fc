// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { storedTheme } from '../app/theme';
import { storedLanguage } from '../i18n/languages';
import { choose, chosen } from './choices';

const forget = () => {
  for (const cookie of document.cookie.split(';')) {
    const name = cookie.split('=')[0]?.trim();
    if (name) document.cookie = `${name}=; Max-Age=0; Path=/`;
  }
};

afterEach(forget);

describe('the person’s choices, kept in cookies (decision 029)', () => {
  it('reads each choice by its own name among other cookies', () => {
    const cookies = 'other=1; xsignup-language=fr; signup-language=pt-BR; signup-theme=dark';
    expect(chosen('language', cookies)).toBe('pt-BR');
    expect(chosen('theme', cookies)).toBe('dark');
    expect(chosen('language', 'other=1')).toBeNull();
    expect(chosen('language', '')).toBeNull();
  });

  it('keeps a choice for the page’s folder, read back by the next load', () => {
    choose('language', 'de');
    choose('theme', 'light');
    expect(storedLanguage()).toBe('de');
    expect(storedTheme()).toBe('light');
  });

  it('checks a theme kept by someone else (another page of the site can set the cookie)', () => {
    expect(storedTheme('signup-theme=<script>')).toBeUndefined();
    expect(storedTheme('signup-theme=system')).toBe('system');
  });
});

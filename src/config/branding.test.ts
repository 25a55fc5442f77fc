import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConfigError, parseAppConfig } from './app-config';
import { parseBranding, SURFACES } from './branding';
import { localized } from './community';
import { contrast, parseHexColor, toHex } from './contrast';

const base = 'https://signup.example.org/join/';

describe('the brand in config.json', () => {
  it('takes a name, logos (the dark one defaulting to the light), a favicon and links beside the page', () => {
    const branding = parseBranding(
      {
        brand: { name: 'Example Community', logo_url: 'logo.svg', favicon_url: '/favicon.png' },
        footer_links: [{ label: { en: 'Privacy', de: 'Datenschutz' }, url: 'https://example.org/privacy' }],
        help_url: 'https://example.org/help',
      },
      base,
    );
    expect(branding.name).toBe('Example Community');
    // Relative addresses stay relative: they mean the same prerendered and deployed.
    expect(branding.logo).toEqual({ light: 'logo.svg', dark: 'logo.svg' });
    expect(branding.faviconUrl).toBe('/favicon.png');
    expect(branding.footerLinks).toHaveLength(1);
    expect(branding.warnings).toEqual([]);
  });

  it('keeps an accent that passes WCAG AA as given, with a label colour that reads on it', () => {
    const branding = parseBranding({ brand: { accent_color: '#0b6e4f' } }, base);
    expect(branding.accent?.light).toEqual({ accent: '#0b6e4f', text: '#ffffff' });
    expect(branding.warnings.filter((warning) => warning.includes('light'))).toEqual([]);
  });

  it('corrects an accent too pale to read, saying why, and never ships one under 3:1 or 4.5:1', () => {
    const branding = parseBranding({ brand: { accent_color: '#ffe066' } }, base);
    const light = branding.accent?.light;
    const accent = parseHexColor(light?.accent ?? '') ?? [0, 0, 0];
    expect(light?.accent).not.toBe('#ffe066');
    for (const surface of SURFACES.light) expect(contrast(accent, surface)).toBeGreaterThanOrEqual(3);
    expect(contrast(accent, parseHexColor(light?.text ?? '') ?? [0, 0, 0])).toBeGreaterThanOrEqual(4.5);
    expect(branding.warnings.join('\n')).toMatch(
      /^config\.json: brand\.accent_color #ffe066 has 1\.\d\d:1 against the light theme's background/,
    );
  });

  it('corrects a dark accent for the dark theme the other way, toward white', () => {
    const branding = parseBranding({ brand: { accent_color: '#102040' } }, base);
    const dark = parseHexColor(branding.accent?.dark.accent ?? '') ?? [0, 0, 0];
    for (const surface of SURFACES.dark) expect(contrast(dark, surface)).toBeGreaterThanOrEqual(3);
    expect(branding.accent?.light.accent).toBe('#102040');
  });

  it.each([
    [{ brand: { accent_color: 'green' } }, 'brand.accent_color must be a colour like "#0b6e4f"'],
    [{ brand: { logo_url: 'javascript:alert(1)' } }, 'brand.logo_url must be an https: or http: address'],
    [{ brand: { colour: '#fff' } }, 'brand.colour is not a brand key'],
    [{ help_url: { en: 'data:text/html,x' } }, 'help_url.en must be an https: or http: address'],
    [{ footer_links: [{ label: 'x' }] }, 'footer_links[0].url must be a string'],
    [{ welcome_text: 5 }, 'welcome_text must be a string, or an object of strings by language'],
    [{ default_theme: 'blue' }, 'default_theme must be one of system, light, dark'],
    [{ brand: { logo_dark_url: 'a.svg' } }, 'brand.logo_dark_url needs brand.logo_url too'],
  ])('refuses %j with a clear error', (raw, message) => {
    expect(() => parseBranding(raw, base)).toThrow(ConfigError);
    expect(() => parseBranding(raw, base)).toThrow(`config.json: ${message}`);
  });

  it('hands the community keys to the branding check, and refuses an unknown default_language', () => {
    expect(parseAppConfig({ default_server: 'x', brand: { name: 'X' } }).branding).toEqual({ brand: { name: 'X' } });
    expect(parseAppConfig({ default_server: 'x' }).branding).toBeUndefined();
    expect(parseAppConfig({ default_server: 'x', default_language: 'pt' }).defaultLanguage).toBe('pt-BR');
    expect(() => parseAppConfig({ default_server: 'x', default_language: 'klingon' })).toThrow(
      "default_language is not one of the page's languages",
    );
  });

  it('picks admin text in the page language, its base language, English, else the first', () => {
    const text = { en: 'Welcome', de: 'Willkommen', 'pt-BR': 'Bem-vindo' };
    expect(localized(text, 'de')).toBe('Willkommen');
    expect(localized(text, 'pt-BR')).toBe('Bem-vindo');
    expect(localized(text, 'ja')).toBe('Welcome');
    expect(localized({ fr: 'Bienvenue' }, 'ja')).toBe('Bienvenue');
    expect(localized('Hello', 'ar')).toBe('Hello');
  });

  it("names the page's own surfaces as first-paint.css paints them", () => {
    const css = readFileSync(new URL('../styles/first-paint.css', import.meta.url), 'utf8');
    const pair = (name: string) => new RegExp(`--${name}: light-dark\\((#[0-9a-f]{6}), (#[0-9a-f]{6})\\);`).exec(css);
    const [bg, card] = [pair('bg'), pair('card')];
    expect([card?.[1], bg?.[1]]).toEqual(SURFACES.light.map(toHex));
    expect([card?.[2], bg?.[2]]).toEqual(SURFACES.dark.map(toHex));
  });
});

import { ConfigError } from './app-config.ts';
import { THEMES, type Branding, type LocalizedText, type Theme } from './community.ts';
import { checkAccent, parseHexColor, toHex, type Rgb } from './contrast.ts';

/**
 * The page's own surfaces in each theme (`--card`, `--bg` in src/styles/first-paint.css; a test keeps them equal):
 * an accent must stand out against both.
 */
export const SURFACES: Record<'light' | 'dark', Rgb[]> = {
  light: [
    [255, 255, 255],
    [246, 247, 249],
  ],
  dark: [
    [27, 30, 35],
    [16, 18, 21],
  ],
};

function fail(key: string, why: string): never {
  throw new ConfigError(`config.json: ${key} ${why}`);
}

function localizedText(value: unknown, key: string): LocalizedText {
  if (typeof value === 'string') return value;
  if (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Object.keys(value).length > 0 &&
    Object.values(value).every((text) => typeof text === 'string')
  ) {
    return value as Record<string, string>;
  }
  return fail(key, 'must be a string, or an object of strings by language ({"en": "…", "de": "…"})');
}

/**
 * An http(s) URL, absolute or relative to the page; anything else (`javascript:`, `data:`) is
 * refused. A relative one is kept as written, so that it means the same in the page prerendered at
 * build time and in the page as deployed, wherever that is.
 */
function httpUrl(value: unknown, key: string, base: string): string {
  if (typeof value === 'string') {
    try {
      const url = new URL(value, base);
      const absolute = /^[a-z][a-z0-9+.-]*:/i.test(value.trim());
      if (url.protocol === 'https:' || url.protocol === 'http:') return absolute ? url.href : value.trim();
    } catch {
      // Refused below.
    }
  }
  return fail(key, `must be an https: or http: address (or a path beside the page), not ${JSON.stringify(value)}`);
}

function localizedUrl(value: unknown, key: string, base: string): LocalizedText {
  const text = localizedText(value, key);
  if (typeof text === 'string') return httpUrl(text, key, base);
  return Object.fromEntries(
    Object.entries(text).map(([language, url]) => [language, httpUrl(url, `${key}.${language}`, base)]),
  );
}

/** Checks the community's keys of `config.json`; a bad value is a `ConfigError` that names it. */
export function parseBranding(raw: Record<string, unknown>, base: string): Branding {
  const branding: Branding = { footerLinks: [], defaultTheme: 'system', warnings: [] };
  const brand = raw.brand;
  if (brand !== undefined) {
    if (typeof brand !== 'object' || brand === null || Array.isArray(brand)) fail('brand', 'must be an object');
    const fields = brand as Record<string, unknown>;
    const known = ['name', 'logo_url', 'logo_dark_url', 'accent_color', 'favicon_url'];
    const unknown = Object.keys(fields).find((key) => !known.includes(key));
    if (unknown) fail(`brand.${unknown}`, `is not a brand key (${known.join(', ')})`);
    if (fields.name !== undefined) branding.name = localizedText(fields.name, 'brand.name');
    if (fields.logo_url !== undefined) {
      const light = httpUrl(fields.logo_url, 'brand.logo_url', base);
      const dark =
        fields.logo_dark_url === undefined ? light : httpUrl(fields.logo_dark_url, 'brand.logo_dark_url', base);
      branding.logo = { light, dark };
    } else if (fields.logo_dark_url !== undefined) fail('brand.logo_dark_url', 'needs brand.logo_url too');
    if (fields.favicon_url !== undefined) branding.faviconUrl = httpUrl(fields.favicon_url, 'brand.favicon_url', base);
    if (fields.accent_color !== undefined) {
      const color = typeof fields.accent_color === 'string' ? parseHexColor(fields.accent_color) : undefined;
      if (!color)
        fail('brand.accent_color', `must be a colour like "#0b6e4f", not ${JSON.stringify(fields.accent_color)}`);
      const light = checkAccent(color, SURFACES.light, false);
      const dark = checkAccent(color, SURFACES.dark, true);
      for (const check of [light, dark]) {
        if (check.correction) branding.warnings.push(`config.json: brand.accent_color ${check.correction}.`);
      }
      branding.accent = {
        light: { accent: toHex(light.accent), text: toHex(light.text) },
        dark: { accent: toHex(dark.accent), text: toHex(dark.text) },
      };
    }
  }
  if (raw.welcome_text !== undefined) branding.welcomeText = localizedText(raw.welcome_text, 'welcome_text');
  if (raw.help_url !== undefined) branding.helpUrl = localizedUrl(raw.help_url, 'help_url', base);
  if (raw.footer_links !== undefined) {
    if (!Array.isArray(raw.footer_links)) fail('footer_links', 'must be a list of {"label", "url"}');
    branding.footerLinks = raw.footer_links.map((link: unknown, index) => {
      const { label, url } = (typeof link === 'object' && link !== null ? link : {}) as Record<string, unknown>;
      return {
        label: localizedText(label, `footer_links[${String(index)}].label`),
        url: localizedUrl(url, `footer_links[${String(index)}].url`, base),
      };
    });
  }
  if (raw.default_theme !== undefined) {
    if (!THEMES.includes(raw.default_theme as Theme)) fail('default_theme', `must be one of ${THEMES.join(', ')}`);
    branding.defaultTheme = raw.default_theme as Theme;
  }
  return branding;
}

/** Puts the accent and favicon on the document; says on the console what had to be corrected. */
export function applyBranding(branding: Branding): void {
  // An admin's mistake the page made up for: said where the admin looks, not to the person.
  // eslint-disable-next-line no-console
  for (const warning of branding.warnings) console.warn(warning);
  const root = document.documentElement.style;
  if (branding.accent) {
    root.setProperty('--brand-accent-light', branding.accent.light.accent);
    root.setProperty('--brand-accent-text-light', branding.accent.light.text);
    root.setProperty('--brand-accent-dark', branding.accent.dark.accent);
    root.setProperty('--brand-accent-text-dark', branding.accent.dark.text);
  }
  if (branding.faviconUrl) {
    const icon = document.querySelector<HTMLLinkElement>('link[rel="icon"]') ?? document.createElement('link');
    icon.rel = 'icon';
    icon.href = branding.faviconUrl;
    document.head.append(icon);
  }
}

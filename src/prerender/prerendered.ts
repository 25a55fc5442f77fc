import type { AppProps } from '../app/app';
import { parseAppConfig, type AppConfig } from '../config/app-config';
import type { Language } from '../i18n/languages';

/** What the page was prerendered with, embedded in it: its first client render must be the same. */
export interface PrerenderedWith {
  language: Language;
  /** The `config.json` the build had. */
  config: Record<string, unknown>;
  /** In mock mode, the built-in homeserver's name, which stands in for the config's default server. */
  mockServer?: string;
}

export const PRERENDERED_ID = 'prerendered';

export function prerenderedConfig(input: PrerenderedWith): AppConfig {
  const config = parseAppConfig(input.config);
  if (input.mockServer) config.defaultServer = input.mockServer;
  return config;
}

/** What the build embedded, if this page was prerendered. */
export function readPrerendered(): PrerenderedWith | undefined {
  const data = document.getElementById(PRERENDERED_ID)?.textContent;
  if (!data) return undefined;
  try {
    return JSON.parse(data) as PrerenderedWith;
  } catch {
    return undefined;
  }
}

/** The app's props the prerendered HTML was made from (the brand check loads only if it had a brand). */
export async function prerenderedProps(input: PrerenderedWith): Promise<AppProps> {
  const config = prerenderedConfig(input);
  if (!config.branding) return { config, link: {} };
  const { parseBranding } = await import('../config/branding');
  return { config, branding: parseBranding(config.branding, 'https://prerender.invalid/'), link: {} };
}

import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, normalize, relative, resolve } from 'node:path';
import type { Plugin } from 'vite';
import { ConfigError, parseAppConfig, parseConfigText } from '../../src/config/app-config.ts';
import { parseBranding } from '../../src/config/branding.ts';

/** The config the page is built with: `public/config.json`, or the deployment's own (`SIGNUP_CONFIG`). */
export const configFile = () => process.env.SIGNUP_CONFIG ?? 'public/config.json';

/** `config.json` as the build reads it: a syntax error names the file, the line and the column. */
export function readBuildConfig(file: string): Record<string, unknown> {
  const raw = parseConfigText(readFileSync(file, 'utf8'), file);
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    throw new ConfigError(`${file} is not a JSON object`);
  return raw as Record<string, unknown>;
}

/** A file the config names beside the page, found beside the config, to go into the build at `fileName`. */
export interface ConfigAsset {
  key: string;
  source: string;
  fileName: string;
}

export interface BuildConfigCheck {
  /** The page's own console warnings, word for word (unknown keys, the accent's correction). */
  warnings: string[];
  assets: ConfigAsset[];
}

const IMAGE_KEYS = ['logo_url', 'logo_dark_url', 'favicon_url'] as const;

/**
 * What the page would say about this config, said by the build, plus what only the build can see:
 * whether the images it names beside the page exist. A path relative to the page (`logo.svg`) is
 * looked for relative to the config file, because that is where an admin keeps the two together
 * (docs/deploying.md §3); a missing one is an error naming it. An http(s) address is not fetched
 * (a build need not be online), and a path that leaves the page's folder (`/logo.svg`,
 * `../logo.svg`) cannot be checked from here: both are left to the page, with a warning for the latter.
 */
export function checkBuildConfig(file: string, raw: Record<string, unknown>): BuildConfigCheck {
  const config = parseAppConfig(raw);
  const warnings = [...(config.warnings ?? [])];
  const assets: ConfigAsset[] = [];
  if (!config.branding) return { warnings, assets };
  // The same check as the page's: a bad value is the same ConfigError, an accent's correction the same words.
  warnings.push(...parseBranding(config.branding, 'https://build.invalid/').warnings);
  const brand = (raw.brand ?? {}) as Record<string, unknown>;
  for (const name of IMAGE_KEYS) {
    const value = brand[name];
    const key = `brand.${name}`;
    if (typeof value !== 'string' || /^[a-z][a-z0-9+.-]*:/i.test(value.trim())) continue;
    const path = decodeURI(value.trim().replace(/[?#].*$/, ''));
    const fileName = normalize(path).replace(/\\/g, '/');
    if (path.startsWith('/') || fileName.startsWith('../') || isAbsolute(fileName)) {
      warnings.push(
        `config.json: ${key} ${JSON.stringify(value)} is outside the page's folder: the build cannot check it.`,
      );
      continue;
    }
    const source = resolve(dirname(file), fileName);
    if (!existsSync(source))
      throw new ConfigError(`config.json: ${key} names ${JSON.stringify(value)}, but there is no file ${source}`);
    assets.push({ key, source, fileName });
  }
  return { warnings, assets };
}

/**
 * Checks the build's `config.json` before anything is built: a wrong value or a missing image stops
 * the build with the page's own words (a ConfigError); what the page would only warn about in the
 * browser's console (a misspelt key, an accent corrected for contrast) is said in the build's log
 * too. A deployment's own config (`SIGNUP_CONFIG`) goes into the build, with the images it names
 * beside it; those in `public/` are copied by Vite already.
 */
export function configChecks(): Plugin {
  let check: BuildConfigCheck = { warnings: [], assets: [] };
  let publicDir = '';
  return {
    name: 'config-checks',
    apply: 'build',
    configResolved(config) {
      publicDir = config.publicDir;
    },
    buildStart() {
      const file = configFile();
      try {
        check = checkBuildConfig(file, readBuildConfig(file));
      } catch (error) {
        if (error instanceof ConfigError) this.error(error.message);
        throw error;
      }
      for (const warning of check.warnings) this.warn(warning);
    },
    generateBundle() {
      const file = process.env.SIGNUP_CONFIG;
      if (!file) return;
      this.emitFile({ type: 'asset', fileName: 'config.json', source: readFileSync(file, 'utf8') });
      for (const asset of check.assets) {
        const inPublic = publicDir !== '' && !relative(publicDir, asset.source).startsWith('..');
        if (!inPublic) this.emitFile({ type: 'asset', fileName: asset.fileName, source: readFileSync(asset.source) });
      }
    },
  };
}

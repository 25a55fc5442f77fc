import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/app-config';
import { checkBuildConfig, readBuildConfig } from './config-checks';

let folder = '';
beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), 'config-checks-'));
});
afterEach(() => rmSync(folder, { recursive: true, force: true }));

/** Writes `config.json` (and any files beside it) into the test's folder; returns the config's path. */
function deployment(config: string | object, files: string[] = []): string {
  for (const file of files) {
    mkdirSync(join(folder, file, '..'), { recursive: true });
    writeFileSync(join(folder, file), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  }
  const path = join(folder, 'config.json');
  writeFileSync(path, typeof config === 'string' ? config : JSON.stringify(config, null, 2));
  return path;
}

const check = (path: string) => checkBuildConfig(path, readBuildConfig(path));

describe('the build’s check of config.json (UX audit 13)', () => {
  it('says where a file that is not JSON is broken, naming the file', () => {
    const path = deployment('{\n  "default_server": "example.org",\n}\n');
    expect(() => readBuildConfig(path)).toThrow(ConfigError);
    expect(() => readBuildConfig(path)).toThrow(`${path} is not valid JSON`);
    expect(() => readBuildConfig(path)).toThrow(/line 3,? column 1/);
  });

  it('warns of a misspelt top-level key with the page’s own words', () => {
    expect(check(deployment({ default_server: 'x', allow_custom_server: false })).warnings).toEqual([
      'config.json: "allow_custom_server" is not a key this page knows, so it is ignored (did you mean "allow_custom_servers"?).',
    ]);
  });

  it('says the accent colour’s correction, as the console does', () => {
    const { warnings } = check(deployment({ default_server: 'x', brand: { accent_color: '#ffd700' } }));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(
      /^config\.json: brand\.accent_color #ffd700 has .* so the light theme uses #[0-9a-f]{6} instead\.$/,
    );
  });

  it('stops at a wrong value, as the page would', () => {
    expect(() => check(deployment({ default_server: 'x', brand: { logo: 'a.svg' } }))).toThrow(
      'config.json: brand.logo is not a brand key',
    );
  });

  it('stops at a logo or favicon named beside the page that is not beside the config, naming it', () => {
    const path = deployment({ default_server: 'x', brand: { logo_url: 'logo.svg', logo_dark_url: 'logo-dark.svg' } }, [
      'logo.svg',
    ]);
    expect(() => check(path)).toThrow(
      `config.json: brand.logo_dark_url names "logo-dark.svg", but there is no file ${join(folder, 'logo-dark.svg')}`,
    );
  });

  it('lists the images found beside the config, to be copied where the page looks for them', () => {
    const path = deployment(
      { default_server: 'x', brand: { logo_url: './img/logo.svg?v=2', favicon_url: 'favicon.png' } },
      ['img/logo.svg', 'favicon.png'],
    );
    expect(check(path)).toEqual({
      warnings: [],
      assets: [
        { key: 'brand.logo_url', source: join(folder, 'img/logo.svg'), fileName: 'img/logo.svg' },
        { key: 'brand.favicon_url', source: join(folder, 'favicon.png'), fileName: 'favicon.png' },
      ],
    });
  });

  it('leaves web addresses to the page, and says it cannot check a path outside the page’s folder', () => {
    const { warnings, assets } = check(
      deployment({
        default_server: 'x',
        brand: { logo_url: 'https://example.org/logo.svg', favicon_url: '/icon.png' },
      }),
    );
    expect(assets).toEqual([]);
    expect(warnings).toEqual([
      'config.json: brand.favicon_url "/icon.png" is outside the page\'s folder: the build cannot check it.',
    ]);
  });
});

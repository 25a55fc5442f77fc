import { describe, expect, it, vi } from 'vitest';
import { ConfigError, fetchAppConfig, parseAppConfig, parseConfigText, readLinkParams } from './app-config';

describe('parseAppConfig', () => {
  it('fills defaults: custom servers allowed, no suggestions, inhibit_login on', () => {
    expect(parseAppConfig({ default_server: 'matrix.org' })).toEqual({
      defaultServer: 'matrix.org',
      allowCustomServers: true,
      suggestedServers: [],
      clients: [],
      inhibitLogin: true,
    });
  });

  it('keeps only http(s) client links', () => {
    const config = parseAppConfig({
      default_server: 'example.org',
      clients: [
        { name: 'Element', url: 'https://app.element.io' },
        { name: 'Evil', url: 'javascript:alert(1)' },
      ],
    });
    expect(config.clients).toEqual([{ name: 'Element', url: 'https://app.element.io' }]);
  });

  it('passes the community’s message corrections on, raw, to be checked by i18n/overrides.ts', () => {
    const messages = { de: { 'token.label': 'Einladungscode' } };
    expect(parseAppConfig({ default_server: 'x', messages }).messages).toEqual(messages);
    expect(parseAppConfig({ default_server: 'x' })).not.toHaveProperty('messages');
  });

  it.each([
    [null],
    [[]],
    [{}],
    [{ default_server: '' }],
    [{ default_server: 'x', inhibit_login: 'yes' }],
    [{ default_server: 'x', suggested_servers: [1] }],
  ])('refuses %j', (raw) => {
    expect(() => parseAppConfig(raw)).toThrow(ConfigError);
  });
});

describe('a top-level key the page does not know (UX audit 13)', () => {
  it('is named, with the key it is closest to, and ignored rather than refused', () => {
    const config = parseAppConfig({ default_server: 'x', allow_custom_server: false, defualt_theme: 'dark' });
    expect(config.allowCustomServers).toBe(true);
    expect(config.warnings).toEqual([
      'config.json: "allow_custom_server" is not a key this page knows, so it is ignored (did you mean "allow_custom_servers"?).',
      'config.json: "defualt_theme" is not a key this page knows, so it is ignored (did you mean "default_theme"?).',
    ]);
  });

  it('suggests nothing when no known key is near, and warns of nothing in a correct file', () => {
    expect(parseAppConfig({ default_server: 'x', matrix_rtc: {} }).warnings).toEqual([
      'config.json: "matrix_rtc" is not a key this page knows, so it is ignored.',
    ]);
    expect(
      parseAppConfig({ default_server: 'x', allow_custom_servers: false, default_theme: 'dark' }),
    ).not.toHaveProperty('warnings');
  });
});

describe('config.json that is not valid JSON (UX audit 13)', () => {
  const broken = '{\n  "default_server": "example.org"\n  "allow_custom_servers": false\n}\n';

  it('is a ConfigError that says where it is broken', () => {
    expect(() => parseConfigText(broken)).toThrow(ConfigError);
    // Node's parser gives a position only; the line and column are worked out from it.
    expect(() => parseConfigText(broken)).toThrow(/^config\.json is not valid JSON: .*line 3,? column 3/);
  });

  it('reaches the page as a ConfigError (shown under "Details"), not as a bare SyntaxError', async () => {
    vi.stubGlobal('fetch', () => Promise.resolve(new Response(broken, { status: 200 })));
    try {
      await expect(fetchAppConfig('/config.json')).rejects.toThrow(/not valid JSON: .*line 3,? column 3/);
      await expect(fetchAppConfig('/config.json')).rejects.toBeInstanceOf(ConfigError);
    } finally {
      vi.unstubAllGlobals();
    }
  });
});

describe('readLinkParams', () => {
  it('reads an invite link', () => {
    expect(readLinkParams('?hs=example.org&token=abc&username=Ana&email=a%40b.org')).toEqual({
      server: 'example.org',
      token: 'abc',
      username: 'Ana',
      email: 'a@b.org',
    });
  });
});

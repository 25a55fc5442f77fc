import { describe, expect, it } from 'vitest';
import { ConfigError, parseAppConfig, readLinkParams } from './app-config';

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

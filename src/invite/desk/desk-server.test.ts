// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { parseAppConfig } from '../../config/app-config';
import { deskServer, rememberDeskServer } from './desk-server';

const config = (allow: boolean) => parseAppConfig({ default_server: 'example.org', allow_custom_servers: allow });
const at = (query: string) => new URL(`https://join.example.org/invite.html${query}`);

describe('which homeserver the desk manages', () => {
  afterEach(() => sessionStorage.clear());

  it('is the configured one, or the one ?hs= names where the config lets links name one', () => {
    expect(deskServer(config(true), at(''), false)).toBe('example.org');
    expect(deskServer(config(true), at('?hs=other.org'), false)).toBe('other.org');
    expect(deskServer(config(false), at('?hs=other.org'), false)).toBe('example.org');
  });

  it('back from MAS (no ?hs= in its answer), is the one this tab left from', () => {
    rememberDeskServer('other.org');
    expect(deskServer(config(true), at('?code=c&state=s'), true)).toBe('other.org');
    expect(deskServer(config(true), at(''), false)).toBe('example.org');
    expect(deskServer(config(false), at('?code=c&state=s'), true)).toBe('example.org');
  });
});

import { describe, expect, it } from 'vitest';
import { readLinkParams } from '../config/app-config';
import { inviteLink, inviteProblems, TOKEN_PATTERN } from './invite-link';

const invite = (fields: Partial<Parameters<typeof inviteProblems>[0]>) => ({
  server: 'example.org',
  token: 'letmein',
  username: '',
  email: '',
  ...fields,
});

describe('an invite link', () => {
  it('is the sign-up page with the invite in its query, which the page reads back', () => {
    const link = inviteLink('https://signup.example.org/join/?lang=de#x', {
      server: ' example.org ',
      token: ' A.b_c~d-9 ',
      username: 'ana',
      email: 'ana+x@example.org',
    });
    expect(link).toBe(
      'https://signup.example.org/join/?hs=example.org&token=A.b_c%7Ed-9&username=ana&email=ana%2Bx%40example.org',
    );
    expect(readLinkParams(new URL(link ?? '').search)).toEqual({
      server: 'example.org',
      token: 'A.b_c~d-9',
      username: 'ana',
      email: 'ana+x@example.org',
    });
  });

  it('leaves out what was not filled in, and is nothing without a server and a token', () => {
    expect(inviteLink('https://s.example/', { server: 'x.org', token: 't', username: '', email: '' })).toBe(
      'https://s.example/?hs=x.org&token=t',
    );
    expect(inviteLink('https://s.example/', { server: 'x.org', token: ' ', username: 'a', email: '' })).toBeUndefined();
  });

  it('names no server where the sign-up page uses only its own (allow_custom_servers: false)', () => {
    expect(inviteLink('https://s.example/', invite({ server: '' }), false)).toBe('https://s.example/?token=letmein');
    expect(inviteLink('https://s.example/', invite({ server: 'other.org' }), false)).toBe(
      'https://s.example/?token=letmein',
    );
  });

  it('carries the username as the sign-up page will take it: without its @, lower-cased', () => {
    expect(inviteLink('https://s.example/', invite({ username: ' @Ana ' }), false)).toBe(
      'https://s.example/?token=letmein&username=ana',
    );
  });
});

describe('what in an invite cannot work (UX audit 19)', () => {
  it('is nothing for an ordinary invite, or one not yet filled in', () => {
    expect(inviteProblems(invite({ username: 'ana.b-c_d=e/f+g' }))).toEqual([]);
    expect(inviteProblems(invite({ token: '' }))).toEqual([]);
  });

  // Synapse's admin API makes and accepts only these (registration_tokens.py: allowed_chars, 64).
  it.each([['a b'], ['abc/def'], ['a+b'], ['a&b=c'], ['tökén'], ['x'.repeat(65)]])(
    'refuses the token %j, which Synapse never makes, and makes no link',
    (token) => {
      expect(TOKEN_PATTERN.test(token)).toBe(false);
      expect(inviteProblems(invite({ token }))).toEqual(['token']);
      expect(inviteLink('https://s.example/', invite({ token }))).toBeUndefined();
    },
  );

  it('takes a token of 64 of Synapse’s characters', () => {
    expect(inviteProblems(invite({ token: 'aZ09._~-'.repeat(8) }))).toEqual([]);
  });

  it.each([['ana maria'], ['@ana:example.org'], ['ana!'], ['änä']])(
    'refuses the username %j, outside the Matrix localpart grammar, and makes no link',
    (username) => {
      expect(inviteProblems(invite({ username }))).toEqual(['username']);
      expect(inviteLink('https://s.example/', invite({ username }))).toBeUndefined();
    },
  );
});

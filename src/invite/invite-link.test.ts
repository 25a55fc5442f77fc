import { describe, expect, it } from 'vitest';
import { readLinkParams } from '../config/app-config';
import { inviteLink } from './invite-link';

describe('an invite link', () => {
  it('is the sign-up page with the invite in its query, which the page reads back', () => {
    const link = inviteLink('https://signup.example.org/join/?lang=de#x', {
      server: ' example.org ',
      token: 'a b&c',
      username: 'ana',
      email: 'ana@example.org',
    });
    expect(link).toBe(
      'https://signup.example.org/join/?hs=example.org&token=a+b%26c&username=ana&email=ana%40example.org',
    );
    expect(readLinkParams(new URL(link ?? '').search)).toEqual({
      server: 'example.org',
      token: 'a b&c',
      username: 'ana',
      email: 'ana@example.org',
    });
  });

  it('leaves out what was not filled in, and is nothing without a server and a token', () => {
    expect(inviteLink('https://s.example/', { server: 'x.org', token: 't', username: '', email: '' })).toBe(
      'https://s.example/?hs=x.org&token=t',
    );
    expect(inviteLink('https://s.example/', { server: 'x.org', token: ' ', username: 'a', email: '' })).toBeUndefined();
  });
});

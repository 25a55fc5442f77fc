// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { takeLinkParams } from './app-config';

describe('takeLinkParams', () => {
  it('reads an invite link, then takes the token and the email out of the address and its history entry', () => {
    window.history.replaceState(
      { kept: true },
      '',
      '/signup/?hs=example.org&token=letmein&username=Ana&email=a%40b.org&lang=de#top',
    );
    const before = window.history.length;
    expect(takeLinkParams(window.location, window.history)).toEqual({
      server: 'example.org',
      token: 'letmein',
      username: 'Ana',
      email: 'a@b.org',
    });
    expect(window.location.href).toBe('http://localhost:3000/signup/?hs=example.org&username=Ana&lang=de#top');
    // Replaced, not pushed: the entry with the token is gone, not one step back.
    expect(window.history.length).toBe(before);
    expect(window.history.state).toEqual({ kept: true });
  });

  it('leaves an address without a token or an email as it is', () => {
    window.history.replaceState(null, '', '/?hs=example.org&username=Ana');
    expect(takeLinkParams(window.location, window.history)).toEqual({
      server: 'example.org',
      token: undefined,
      username: 'Ana',
      email: undefined,
    });
    expect(window.location.search).toBe('?hs=example.org&username=Ana');
  });
});

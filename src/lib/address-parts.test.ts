import { describe, expect, it } from 'vitest';
import { addressParts } from './address-parts';

describe('addressParts', () => {
  it.each([
    'https://example.org/',
    'https://example.org/join/?lang=de',
    'https://example.org/?state=abc&code=xyz',
    'https://example.org/#state=abc&code=xyz',
    'https://example.org/?lang=de#state=abc?x=1',
    'https://example.org/?',
    'https://example.org/#',
    'https://example.org/?#',
    'https://example.org/path?a=1?b=2#c#d',
    'https://example.org/?st%61te=1',
  ])('%s: the same query and fragment as the URL parser', (address) => {
    const url = new URL(address);
    expect(addressParts(address)).toEqual({ search: url.search, hash: url.hash });
  });
});

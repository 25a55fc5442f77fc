import { describe, expect, it } from 'vitest';
import { realEnvironment, secureEnvironment } from '../model/environment';
import { hashPassword, verifyPassword } from '../model/password';
import { nodeEnvironment } from '../node-environment';

describe('the environments', () => {
  it('draw random strings from the alphabet asked for, across the 4 KB pool and beyond it', () => {
    for (const env of [realEnvironment, nodeEnvironment]) {
      const many = Array.from({ length: 400 }, () => env.randomString(24));
      expect(many.every((text) => /^[A-Za-z]{24}$/.test(text))).toBe(true);
      expect(new Set(many).size).toBe(400);
      expect(env.randomString(5000, '01')).toMatch(/^[01]{5000}$/);
    }
  });

  it('draw every character equally often: bytes past the last whole multiple of the alphabet are drawn again', () => {
    // 62 letters: 248 = 4 x 62, so bytes 248-255 would give the first eight letters a 5th chance each.
    const env = secureEnvironment((bytes) => bytes.forEach((_, index) => (bytes[index] = index % 2 ? 1 : 250)));
    const alnum = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
    expect(env.randomString(8, alnum)).toBe('BBBBBBBB');
    expect(() => env.randomString(4, '')).toThrow(RangeError);
  });

  it("hash a password the same with Node's synchronous SHA-256 as with WebCrypto", async () => {
    const stored = await hashPassword('pässword', nodeEnvironment);
    expect(await verifyPassword('pässword', stored, realEnvironment)).toBe(true);
    expect(await verifyPassword('password', stored, realEnvironment)).toBe(false);
    const other = await hashPassword('pässword', realEnvironment);
    expect(await verifyPassword('pässword', other, nodeEnvironment)).toBe(true);
  });
});

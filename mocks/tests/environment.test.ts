import { describe, expect, it } from 'vitest';
import { realEnvironment } from '../model/environment';
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

  it("hash a password the same with Node's synchronous SHA-256 as with WebCrypto", async () => {
    const stored = await hashPassword('pässword', nodeEnvironment);
    expect(await verifyPassword('pässword', stored, realEnvironment)).toBe(true);
    expect(await verifyPassword('password', stored, realEnvironment)).toBe(false);
    const other = await hashPassword('pässword', realEnvironment);
    expect(await verifyPassword('pässword', other, nodeEnvironment)).toBe(true);
  });
});

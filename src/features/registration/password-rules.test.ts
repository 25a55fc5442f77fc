import { describe, expect, it } from 'vitest';
import { passwordRules } from './password-rules';

describe('the password rules the page ticks', () => {
  it('counts the minimum length in characters, as Synapse does (an emoji is one)', () => {
    const [length] = passwordRules({ 'm.minimum_length': 6 });
    expect(length?.met('Ab1!😀')).toBe(false);
    expect(length?.met('Ab1!😀😀')).toBe(true);
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readmePlaywrightExample } from './readme-example';

describe('the README’s Playwright example, as the package check reads it', () => {
  it('is found in mocks/README.md, whole: from its import to its last line', () => {
    const example = readmePlaywrightExample(readFileSync('mocks/README.md', 'utf8'));
    expect(example.startsWith("import { expect, test } from 'matrix-mock-homeserver/playwright';\n")).toBe(true);
    expect(example.trimEnd().endsWith('});')).toBe(true);
    expect(example).not.toContain('```');
  });

  it('is an error, not a silently skipped check, when the README has none', () => {
    expect(() => readmePlaywrightExample('# A README\n\n```ts\nconst x = 1;\n```\n')).toThrow(/no Playwright example/);
  });
});

/**
 * The README's Playwright example, word for word: the TypeScript block after the paragraph that
 * starts "**Playwright**, with the fixture". The package check runs it as written (UX audit 7).
 */
export function readmePlaywrightExample(readme: string): string {
  const block = /\*\*Playwright\*\*, with the fixture[\s\S]*?```ts\n([\s\S]*?)```/.exec(readme)?.[1];
  if (!block) throw new Error('mocks/README.md has no Playwright example after "**Playwright**, with the fixture"');
  return block;
}

import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { argumentsOf } from './format';
import { SOURCE_LANGUAGE } from './languages';

/**
 * Every English message has a description for translators (review 2026-12 §3.2, "No context for
 * translators"), in `src/locales/en/descriptions/<namespace>.json`: what it is, where it shows,
 * what each placeholder holds. Flat JSON has no room for one beside the message.
 */
const folder = new URL(`../locales/${SOURCE_LANGUAGE}/`, import.meta.url);
const read = (path: string) => JSON.parse(readFileSync(new URL(path, folder), 'utf8')) as Record<string, string>;
const namespaces = readdirSync(folder)
  .filter((file) => file.endsWith('.json'))
  .map((file) => file.slice(0, -'.json'.length));

describe('descriptions for translators', () => {
  it('has a file per namespace, and no other', () => {
    expect(readdirSync(new URL('descriptions/', folder)).sort()).toEqual(namespaces.map((ns) => `${ns}.json`).sort());
  });

  it.each(namespaces)('%s: every message has one, and none is for a message that does not exist', (namespace) => {
    const messages = read(`${namespace}.json`);
    const descriptions = read(`descriptions/${namespace}.json`);
    const lacking = Object.keys(messages).filter((id) => !descriptions[id]?.trim());
    const unknown = Object.keys(descriptions).filter((id) => !Object.hasOwn(messages, id));
    expect(
      { lacking, unknown },
      `Add a description to src/locales/en/descriptions/${namespace}.json for each key in "lacking", remove each in "unknown"`,
    ).toEqual({ lacking: [], unknown: [] });
  });

  it.each(namespaces)('%s: a description names each placeholder its message has', (namespace) => {
    const messages = read(`${namespace}.json`);
    const descriptions = read(`descriptions/${namespace}.json`);
    const silent = Object.entries(messages).flatMap(([id, message]) =>
      argumentsOf(message)
        .map((argument) => argument.split(',')[0] ?? '')
        .filter((name) => !(descriptions[id] ?? '').includes(`{${name}}`))
        .map((name) => `${id}: {${name}}`),
    );
    expect(silent).toEqual([]);
  });
});

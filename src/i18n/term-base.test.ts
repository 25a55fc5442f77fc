import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Catalog } from './catalogs';
import { LANGUAGES, SOURCE_LANGUAGE } from './languages';
import termBaseFile from './term-base.json';
import { expectedPattern, termBaseSchema, termPattern, termProblems } from './term-base';

/**
 * Every catalog against the term base (term-base.json, docs/decisions/018-term-base.md): the
 * messages it names say its term, and no message uses a variant it rules out (Dutch "Inlognaam",
 * Japanese 運営方針, a second name for the registration token, "round in a circle" for a loop…).
 */
const termBase = termBaseSchema.parse(termBaseFile);
const root = new URL('../locales/', import.meta.url);

/** One language's messages, all namespaces together, as the term base names them by ID alone. */
function catalogOf(language: string): Catalog {
  const folder = new URL(`${language}/`, root);
  const files = readdirSync(folder).filter((file) => file.endsWith('.json'));
  return Object.assign(
    {},
    ...files.map((file) => JSON.parse(readFileSync(new URL(file, folder), 'utf8')) as Catalog),
  ) as Catalog;
}

const source = catalogOf(SOURCE_LANGUAGE);

describe('the term base', () => {
  it('has one entry per concept, each with a term for every language the page offers', () => {
    const ids = termBase.concepts.map((concept) => concept.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const concept of termBase.concepts) {
      expect(Object.keys(concept.terms).sort(), concept.id).toEqual([...LANGUAGES].sort());
    }
  });

  it('names only messages the source has, so that a renamed message cannot switch a check off unseen', () => {
    const unknown = termBase.concepts.flatMap((concept) =>
      [
        ...concept.requiredIn,
        ...(concept.avoidIn === 'everywhere' ? [] : concept.avoidIn),
        ...(concept.avoidAllowedIn ?? []),
      ]
        .filter((id) => !(id in source))
        .map((id) => `${concept.id}: ${id}`),
    );
    expect(unknown).toEqual([]);
  });

  it('has patterns that compile, and each concept checks something', () => {
    for (const concept of termBase.concepts) {
      const avoids = Object.values(concept.terms).flatMap((term) => term.avoid ?? []);
      expect(concept.requiredIn.length + avoids.length, concept.id).toBeGreaterThan(0);
      for (const term of Object.values(concept.terms)) {
        expect(() => expectedPattern(term), `${concept.id}: ${term.term}`).not.toThrow();
        for (const avoided of term.avoid ?? []) expect(() => termPattern(avoided), avoided).not.toThrow();
      }
    }
  });

  describe.each(LANGUAGES)('%s', (language) => {
    it('says each term where the term base requires it, and none of the variants it rules out', () => {
      expect(termProblems(termBase, language, catalogOf(language))).toEqual([]);
    });
  });
});

describe('the term-base check', () => {
  const dutch = catalogOf('nl');

  it('fails on a variant the term base rules out, in a message it names or one it has never seen', () => {
    const problems = termProblems(termBase, 'nl', {
      ...dutch,
      'username.label': 'Inlognaam',
      'someone.newMessage': 'Kies een inlognaam.',
    });
    expect(problems).toContain('username.label: should say “gebruikersnaam” (username): Inlognaam');
    expect(problems).toContain('username.label: “Inlognaam” where the term base says “gebruikersnaam” (username)');
    expect(problems).toContain('someone.newMessage: “inlognaam” where the term base says “gebruikersnaam” (username)');
  });

  it('fails where a named message lacks its term, and names the concept', () => {
    const problems = termProblems(termBase, 'ja', { ...catalogOf('ja'), 'terms.heading': 'サーバーの運営方針に同意' });
    expect(problems).toEqual([
      'terms.heading: should say “ポリシー” (policies): サーバーの運営方針に同意',
      'terms.heading: “方針” where the term base says “ポリシー” (policies)',
    ]);
  });

  it('lets "invite code" stand once, as the explanation in token.hint, and nowhere else', () => {
    expect(termProblems(termBase, 'en', source)).toEqual([]);
    const problems = termProblems(termBase, 'en', {
      ...source,
      'requirements.token': 'An invite token (registration token) from the server’s admins.',
    });
    expect(problems).toEqual([
      'requirements.token: “invite token” where the term base says “registration token” (registration-token)',
    ]);
  });

  it('looks for scoped variants only in the messages named, so a new message may say "wants"', () => {
    expect(termProblems(termBase, 'en', { ...source, 'someone.newMessage': 'If the server wants it.' })).toEqual([]);
    expect(
      termProblems(termBase, 'en', { ...source, 'password.policyHeading': 'This server wants passwords with:' }),
    ).toEqual(['password.policyHeading: “wants” where the term base says “requires” (server-requires)']);
  });
});

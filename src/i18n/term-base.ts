import * as z from 'zod/mini';
import type { Catalog } from './catalogs';

/**
 * The term base (`term-base.json`, docs/decisions/018-term-base.md): one entry per concept, with the
 * word each language uses for it, the messages that must say it, and the variants that must not
 * appear. Only the tests read it; the page never loads it.
 */
const termSchema = z.object({
  term: z.string(),
  /** A case-insensitive Unicode regular expression; the term itself (literally) when absent. */
  pattern: z.optional(z.string()),
  avoid: z.optional(z.array(z.string())),
});

const conceptSchema = z.object({
  id: z.string(),
  meaning: z.string(),
  sources: z.string(),
  requiredIn: z.array(z.string()),
  avoidIn: z.union([z.literal('everywhere'), z.array(z.string())]),
  avoidAllowedIn: z.optional(z.array(z.string())),
  terms: z.record(z.string(), termSchema),
});

export const termBaseSchema = z.object({ about: z.array(z.string()), concepts: z.array(conceptSchema) });

export type TermBase = z.infer<typeof termBaseSchema>;
export type Concept = z.infer<typeof conceptSchema>;
export type Term = z.infer<typeof termSchema>;

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Case-insensitive and Unicode-aware, so that `\p{L}` works and "Inlognaam" is caught as "inlognaam". */
export const termPattern = (source: string) => new RegExp(source, 'iu');

export const expectedPattern = (term: Term) => termPattern(term.pattern ?? escape(term.term));

/** The message IDs a concept's avoided words are looked for in, within one language's catalog. */
function avoidScope(concept: Concept, catalog: Catalog): string[] {
  const allowed = new Set(concept.avoidAllowedIn ?? []);
  const scope = concept.avoidIn === 'everywhere' ? Object.keys(catalog) : concept.avoidIn;
  return scope.filter((id) => !allowed.has(id));
}

/**
 * Where one language's catalog (all its namespaces together) breaks the term base: a message that
 * must say a concept's term and does not, or a message that uses a variant the term base rules out.
 * Messages the term base does not name are only searched for avoided words of "everywhere" concepts,
 * so new messages need no entry here. A message missing from the catalog is left to the catalog
 * check (catalogs.test.ts), which already requires every message.
 */
export function termProblems(termBase: TermBase, language: string, catalog: Catalog): string[] {
  const problems: string[] = [];
  for (const concept of termBase.concepts) {
    const term = concept.terms[language];
    if (!term) {
      problems.push(`${concept.id}: no term for ${language}`);
      continue;
    }
    const expected = expectedPattern(term);
    for (const id of concept.requiredIn) {
      const message = catalog[id];
      if (message !== undefined && !expected.test(message)) {
        problems.push(`${id}: should say “${term.term}” (${concept.id}): ${message}`);
      }
    }
    for (const avoided of term.avoid ?? []) {
      const pattern = termPattern(avoided);
      for (const id of avoidScope(concept, catalog)) {
        const message = catalog[id];
        const found = message === undefined ? null : pattern.exec(message);
        if (found) problems.push(`${id}: “${found[0]}” where the term base says “${term.term}” (${concept.id})`);
      }
    }
  }
  return problems;
}

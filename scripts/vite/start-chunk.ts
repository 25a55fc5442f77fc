import type { Plugin } from 'vite';

/**
 * The sign-up page's start-up code as one chunk: every module `src/main.tsx` imports statically,
 * React included. Left to itself the bundler splits them by which entries and lazy chunks share them
 * (seven files for one start), and each file is compressed on its own: one file is about 1.8 KB
 * smaller gzip and one request (decision 023). What loads later stays in its own chunks.
 *
 * `test` is asked during chunking, once every module is parsed: the static graph is complete then.
 */
export function startChunk(entry = 'src/main.tsx'): { plugin: Plugin; test: (id: string) => boolean } {
  const staticImports = new Map<string, readonly string[]>();
  let graph: Set<string> | undefined;
  const closure = () => {
    const seen = new Set<string>();
    const root = [...staticImports.keys()].find((id) => id.endsWith(entry));
    const pending = root ? [root] : [];
    for (let id = pending.pop(); id !== undefined; id = pending.pop()) {
      if (seen.has(id)) continue;
      seen.add(id);
      pending.push(...(staticImports.get(id) ?? []));
    }
    return seen;
  };
  return {
    plugin: {
      name: 'start-chunk',
      apply: 'build',
      moduleParsed(info) {
        staticImports.set(info.id, info.importedIds);
      },
    },
    // The bundler's own runtime and Vite's preload helper, which every chunk uses, go with it too.
    // The entry itself stays its own chunk: the bundler would otherwise drop its file after the
    // demo's worker had listed it for the offline copy (docs/decisions/004).
    test: (id) =>
      !id.endsWith(entry) && (/rolldown[\\/]runtime|vite[\\/]preload-helper/.test(id) || (graph ??= closure()).has(id)),
  };
}

import type { Plugin } from 'vite';

/** The entry's module script and its module preloads, as Vite writes them, with the space before each. */
export const MODULE_TAGS = /\s*(?:<script type="module"[^>]*><\/script>|<link rel="modulepreload"[^>]*>)/g;

/**
 * The entry's module script and its preloads go after the prerendered form, at the end of `<body>`
 * (Vite puts them in `<head>`). They run after parsing either way and the preload scanner still asks
 * for them at once, but in `<head>` they made the parser reach the form later (decision 010;
 * `scripts/bench/script-placement.ts` measures both placements).
 */
export function scriptsAfterForm(): Plugin {
  return {
    name: 'scripts-after-form',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html) {
        const tags = [...html.matchAll(MODULE_TAGS)].map((match) => match[0].trim());
        const without = html.replace(MODULE_TAGS, '');
        const at = without.lastIndexOf('</body>');
        if (tags.length === 0 || at < 0) return html;
        return `${without.slice(0, at)}  ${tags.join('\n    ')}\n  ${without.slice(at)}`;
      },
    },
  };
}

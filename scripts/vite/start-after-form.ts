import type { Plugin } from 'vite';
import type { StartFiles } from '../../src/prerender/start-files.ts';
import { buildClassicScript } from './prerender.ts';

/** The entry's module script and its module preloads, as Vite writes them, with the space before each. */
export const MODULE_TAGS = /\s*(?:<script type="module"[^>]*><\/script>|<link rel="modulepreload"[^>]*>)/g;

const attribute = (tag: string, name: string) => new RegExp(`\\s${name}="([^"]+)"`).exec(tag)?.[1];

/**
 * The sign-up page asks for its config and code from a script at the end of `<body>`
 * (`src/prerender/start-app.ts`), after the prerendered form, instead of naming them in tags (which
 * Vite puts in `<head>`). From tags, even at the end of `<body>`, the preload scanner asks for them
 * as the document arrives, and those first requests held the main thread before the parser reached
 * the form: with 15 interleaved cold loads on this 2-core machine the field was usable at 2.0 × the
 * static form's time as tags and 1.2 × when asked for after the form (decision 026). The other pages
 * (the invite desk, the mock OAuth page) keep their tags, moved after their content.
 */
export function startAfterForm(): Plugin {
  let root = process.cwd();
  return {
    name: 'start-after-form',
    apply: 'build',
    configResolved(config) {
      root = config.root;
    },
    transformIndexHtml: {
      order: 'post',
      async handler(html, context) {
        const tags = [...html.matchAll(MODULE_TAGS)].map((match) => match[0].trim());
        const without = html.replace(MODULE_TAGS, '');
        const at = without.lastIndexOf('</body>');
        if (tags.length === 0 || at < 0) return html;
        let start = tags.join('\n    ');
        if (context.filename.endsWith('index.html')) {
          const entry = tags
            .map((tag) => (tag.startsWith('<script') ? attribute(tag, 'src') : undefined))
            .find(Boolean);
          if (!entry) throw new Error('index.html has no entry script');
          const files: StartFiles = {
            config: './config.json',
            preloads: tags.filter((tag) => tag.startsWith('<link')).flatMap((tag) => attribute(tag, 'href') ?? []),
            entry,
          };
          const script = await buildClassicScript(root, 'start-app', { START_FILES: JSON.stringify(files) });
          start = `<script id="start-app">${script.trim()}</script>`;
        }
        return `${without.slice(0, at)}  ${start}\n  ${without.slice(at)}`;
      },
    },
  };
}

import type { StartFiles } from './start-files';

/** The app's files, put in by the `start-after-form` plugin when it builds this script. */
declare const START_FILES: StartFiles;

/**
 * Runs when the parser reaches the end of `<body>`, after the prerendered form (a small inline
 * script, built on its own by the `start-after-form` plugin): only now are the app's config, code and
 * code preloads asked for. Named in the HTML, the preload scanner asked for them as the document
 * arrived, and issuing those first requests held the main thread for tens of milliseconds before the
 * parser reached the form (decision 026). The form needs none of them to be seen and typed into.
 */
const { config, preloads, entry } = START_FILES;
const head = document.head;
const link = (rel: string, href: string, as?: string) => {
  const element = document.createElement('link');
  element.rel = rel;
  element.href = href;
  element.crossOrigin = '';
  if (as) element.as = as;
  head.append(element);
};
link('preload', config, 'fetch');
for (const href of preloads) link('modulepreload', href);
const script = document.createElement('script');
script.type = 'module';
script.crossOrigin = '';
script.src = entry;
head.append(script);

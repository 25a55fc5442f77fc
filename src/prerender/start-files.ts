/** What `start-app.ts` asks for, relative to the page. */
export interface StartFiles {
  /** The deployment's `config.json`, preloaded: the app asks for it first thing. */
  config: string;
  /** The entry's static imports, as Vite would have preloaded them. */
  preloads: string[];
  /** The entry module. */
  entry: string;
}

/** The files a built page's `start-app` script asks for (for the bench's size and placement figures). */
export function startFilesOf(html: string): string[] {
  const script = /<script id="start-app">([\s\S]*?)<\/script>/.exec(html)?.[1] ?? '';
  return [...script.matchAll(/[`"']\.\/([^`"']+\.(?:js|json))[`"']/g)].map((match) => match[1] ?? '');
}

import type inviteMessages from '../locales/en/invite.json';
import type laterMessages from '../locales/en/later.json';
import type oauthMessages from '../locales/en/oauth.json';
import type panelMessages from '../locales/en/panel.json';
import type startMessages from '../locales/en/start.json';
import type { Language } from './languages';

/**
 * Each language's messages come in parts, so that the first render loads only what it shows:
 * `start` (the page and the form), `later` (errors, steps, success; right after), `panel` (the mock
 * panel, mock mode only), `invite` (the admins' invite page only) and `oauth` (sign-up at an OAuth 2.0
 * server, only when a server needs it).
 */
export type Namespace = 'start' | 'later' | 'panel' | 'invite' | 'oauth';
export type Catalog = Record<string, string>;

/** Every message ID, typed from the English catalogs, which are the source. */
export type MessageId =
  | keyof typeof startMessages
  | keyof typeof laterMessages
  | keyof typeof panelMessages
  | keyof typeof inviteMessages
  | keyof typeof oauthMessages;

type CatalogLoader = () => Promise<{ default: Catalog }>;

/**
 * The catalogs every sign-up needs. The others add theirs when the code that shows them loads
 * (`oauth-catalogs.ts`, `panel-catalogs.ts`, `invite-catalogs.ts`): the sign-up page's start-up code
 * does not carry the names of their 39 files (0.6 KB gzip, decision 025).
 */
const loaders = new Map<string, CatalogLoader>(
  Object.entries(import.meta.glob<{ default: Catalog }>('../locales/*/{start,later}.json')),
);

/** Makes more catalogs loadable: `import.meta.glob('../locales/*\/<namespace>.json')` from `src/i18n/`. */
export function addCatalogs(more: Readonly<Record<string, CatalogLoader>>): void {
  for (const [path, load] of Object.entries(more)) loaders.set(path, load);
}

export async function loadCatalog(language: Language, namespace: Namespace): Promise<Catalog> {
  const load = loaders.get(`../locales/${language}/${namespace}.json`);
  if (!load) throw new Error(`no ${namespace} catalog for ${language}`);
  return (await load()).default;
}

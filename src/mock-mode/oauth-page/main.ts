import { enhanceOAuthPage } from 'matrix-mock-homeserver/browser';
import { loadCatalog, type Catalog, type MessageId } from '../../i18n/catalogs';
import '../../i18n/panel-catalogs';
import { formatMessage } from '../../i18n/format';
import { directionOf, preferredLanguage, SOURCE_LANGUAGE, storedLanguage, type Language } from '../../i18n/languages';
import { startAppMock } from '../start-browser-mock';
import './oauth-page.css';

// The language the client asked for (`ui_locales`, OIDC Core §3.1.2.1), else the app's choice
// (?lang=, the person's choice, the browser's), for the few words this page says itself; the
// sign-up page it then shows is the mock server's own, which reads `ui_locales` too (page-words.ts).
const query = new URLSearchParams(window.location.search);
const language =
  preferredLanguage({
    query: query.get('ui_locales')?.split(' ')[0] ?? query.get('lang'),
    stored: storedLanguage(),
    browser: navigator.languages,
  }) ?? SOURCE_LANGUAGE;

interface Words {
  language: Language;
  catalog: Catalog;
}

/** The page's few words in the person's language, else in English (a chunk that did not load). */
async function loadWords(): Promise<Words | undefined> {
  for (const candidate of new Set([language, SOURCE_LANGUAGE])) {
    try {
      return { language: candidate, catalog: await loadCatalog(candidate, 'panel') };
    } catch {
      // The next one.
    }
  }
  return undefined;
}

const say = (words: Words, id: MessageId) => formatMessage(words.language, words.catalog[id] ?? '');

/** A heading and a sentence in place of the page. */
function show(words: Words, title: MessageId, text?: MessageId): void {
  const main = document.createElement('main');
  const heading = document.createElement('h1');
  heading.textContent = say(words, title);
  main.append(heading);
  if (text) {
    const paragraph = document.createElement('p');
    paragraph.textContent = say(words, text);
    main.append(paragraph);
  }
  document.body.replaceChildren(main);
}

/**
 * The browser mock's OAuth authorization endpoint (`mock-oauth.html`, mock builds only). Its
 * service worker lets navigations through to the network, so the model cannot answer the person's
 * visit itself: this page starts the same in-page mock as the app (with the state the app's page
 * saved: its client, its accounts), then the page's own enhancement asks the model for the
 * authorization page of this query, shows it, and posts its forms with `fetch`.
 */
async function start(): Promise<void> {
  const words = await loadWords();
  if (words) {
    document.documentElement.lang = words.language;
    document.documentElement.dir = directionOf(words.language);
    document.title = say(words, 'panel.oauthPage.title');
    show(words, 'panel.oauthPage.loading');
  }
  try {
    const { controller } = await startAppMock();
    const oauth = controller.homeserver.config.oauth;
    // `?page=/path`: one of the server's own pages (a policy, the account page), only ever a path
    // of the mock server, fetched through its worker.
    const shown = query.get('page');
    if (shown !== null && shown.startsWith('/') && !shown.startsWith('//')) {
      enhanceOAuthPage(`${controller.homeserver.config.publicBaseUrl.replace(/\/+$/, '')}${shown}`);
    } else if (oauth) enhanceOAuthPage(`${oauth.issuer}authorize${window.location.search}`);
    else if (words) show(words, 'panel.oauthPage.noServer', 'panel.oauthPage.noServerText');
  } catch {
    if (words) show(words, 'panel.oauthPage.failed', 'panel.oauthPage.failedText');
  }
}

void start();

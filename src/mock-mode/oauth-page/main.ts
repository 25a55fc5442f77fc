import { enhanceOAuthPage } from 'matrix-mock-homeserver/browser';
import { loadCatalog, type Catalog, type MessageId } from '../../i18n/catalogs';
import { formatMessage } from '../../i18n/format';
import { directionOf, preferredLanguage, SOURCE_LANGUAGE, storedLanguage } from '../../i18n/languages';
import { startAppMock } from '../start-browser-mock';
import './oauth-page.css';

// The app's language choice (?lang=, the person's choice, the browser's), for the few words this
// page says itself; the sign-up page it then shows is the mock server's own, like MAS's.
const language =
  preferredLanguage({
    query: new URLSearchParams(window.location.search).get('lang'),
    stored: storedLanguage(),
    browser: navigator.languages,
  }) ?? SOURCE_LANGUAGE;

/** A heading and a sentence in place of the page. */
function show(catalog: Catalog, title: MessageId, text?: MessageId): void {
  const main = document.createElement('main');
  const heading = document.createElement('h1');
  heading.textContent = formatMessage(language, catalog[title] ?? '');
  main.append(heading);
  if (text) {
    const paragraph = document.createElement('p');
    paragraph.textContent = formatMessage(language, catalog[text] ?? '');
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
  const catalog = await loadCatalog(language, 'panel');
  document.documentElement.lang = language;
  document.documentElement.dir = directionOf(language);
  document.title = formatMessage(language, catalog['panel.oauthPage.title'] ?? '');
  show(catalog, 'panel.oauthPage.loading');
  try {
    const { controller } = await startAppMock();
    const oauth = controller.homeserver.config.oauth;
    if (oauth) enhanceOAuthPage(`${oauth.issuer}authorize${window.location.search}`);
    else show(catalog, 'panel.oauthPage.noServer', 'panel.oauthPage.noServerText');
  } catch {
    show(catalog, 'panel.oauthPage.failed', 'panel.oauthPage.failedText');
  }
}

void start();

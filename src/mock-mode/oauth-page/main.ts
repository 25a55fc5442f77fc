import { enhanceOAuthPage } from 'matrix-mock-homeserver/browser';
import { startAppMock } from '../start-browser-mock';
import './oauth-page.css';

/** A sentence in place of the page, where there is no page to show. */
function say(title: string, text: string): void {
  const main = document.createElement('main');
  const heading = document.createElement('h1');
  const paragraph = document.createElement('p');
  heading.textContent = title;
  paragraph.textContent = text;
  main.append(heading, paragraph);
  document.body.replaceChildren(main);
}

/**
 * The browser mock's OAuth authorization endpoint (`mock-oauth.html`, mock builds only). Its
 * service worker lets navigations through to the network, so the model cannot answer the person's
 * visit itself: this page starts the same in-page mock as the app (with the state the app's page
 * saved: its client, its accounts), then the page's own enhancement asks the model for the
 * authorization page of this query, shows it, and posts its forms with `fetch`.
 */
startAppMock().then(
  ({ controller }) => {
    const oauth = controller.homeserver.config.oauth;
    if (oauth) enhanceOAuthPage(`${oauth.issuer}authorize${window.location.search}`);
    else
      say(
        'No OAuth server here',
        'The mock homeserver plays a scenario without an OAuth 2.0 server. Go back to the app.',
      );
  },
  () => say('The mock homeserver did not start', 'Reload the page, or go back to the app.'),
);

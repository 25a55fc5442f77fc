import { setupWorker } from 'msw/browser';
import { createHandlers } from './handlers';
import { defaultConfig } from './model/config';
import { MockHomeserver } from './model/homeserver';

/** The address the app uses for the in-browser mock: the seed's host, also the HTTP mock's. */
export const MOCK_BASE_URL = 'http://localhost:8008';

/** Starts the mock homeserver in a service worker; resolves once requests are intercepted. */
export async function startBrowserMock(): Promise<{ baseUrl: string }> {
  const homeserver = new MockHomeserver(defaultConfig);
  const worker = setupWorker(...createHandlers(() => homeserver));
  await worker.start({
    quiet: true,
    // Page assets and any real server the person picks go to the network untouched.
    onUnhandledRequest: 'bypass',
    serviceWorker: { url: `${import.meta.env.BASE_URL}mockServiceWorker.js` },
  });
  return { baseUrl: MOCK_BASE_URL };
}

import { setupWorker } from 'msw/browser';
import { createHandlers } from './handlers';
import { MOCK_BASE_URL } from './model/config';
import { MockController } from './model/controller';
import { DEFAULT_SCENARIO, isScenarioName, type ScenarioName } from './model/scenarios';
import { loadSavedMock, saveMock } from './state-storage';

export { MOCK_BASE_URL };

const DELAY_KEY = 'matrix-signup.mock-delay';

/**
 * Starts the mock homeserver in a service worker; resolves once requests are intercepted. Its state
 * survives a reload (localStorage); `?scenario=NAME` picks a scenario and keeps the accounts. The
 * app's page and the OAuth shell page (`mock-oauth.html`) both start it, and share that state.
 */
export async function startBrowserMock(): Promise<{ baseUrl: string; controller: MockController }> {
  const requested = new URLSearchParams(window.location.search).get('scenario');
  const saved = loadSavedMock();
  const scenario: ScenarioName =
    requested !== null && isScenarioName(requested) ? requested : (saved?.scenario ?? DEFAULT_SCENARIO);
  // The service worker lets navigations through, so the OAuth sign-up page cannot come from the
  // model on the mock's origin: people are sent to the shell page beside the app, which asks the
  // model for it (docs/decisions/011).
  const authorizationEndpoint = new URL(`${import.meta.env.BASE_URL}mock-oauth.html`, window.location.href).href;
  const controller = saved
    ? MockController.restore(saved.state, { scenario, authorizationEndpoint })
    : await MockController.create({ scenario, authorizationEndpoint });
  for (const [endpoint, forced] of saved?.forced ?? []) controller.forced.set(endpoint, forced);
  const savedDelay = Number(localStorage.getItem(DELAY_KEY) ?? 0);
  if (savedDelay > 0) controller.setResponseDelay(savedDelay);
  controller.subscribe(() => {
    saveMock(controller);
    localStorage.setItem(DELAY_KEY, String(controller.homeserver.config.responseDelayMs));
  });
  saveMock(controller);

  const worker = setupWorker(...createHandlers(controller));
  await worker.start({
    quiet: true,
    // Page assets and any real server the person picks go to the network untouched.
    onUnhandledRequest: 'bypass',
    // A built demo uses the worker that also keeps the page for offline use; the dev server, MSW's own.
    serviceWorker: {
      url: `${import.meta.env.BASE_URL}${import.meta.env.DEV ? 'mockServiceWorker.js' : 'demo-worker.js'}`,
    },
  });
  return { baseUrl: MOCK_BASE_URL, controller };
}

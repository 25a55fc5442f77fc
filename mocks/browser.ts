import { setupWorker, type SetupWorker } from 'msw/browser';
import { createHandlers } from './handlers.js';
import { MOCK_BASE_URL, type ConfigOverrides } from './model/config.js';
import { MockController, type ForcedAnswer } from './model/controller.js';
import { isFamilyName, type FamilyName } from './model/families.js';
import { DEFAULT_SCENARIO, isScenarioName, type ScenarioName } from './model/scenarios.js';
import { loadSavedMock, saveMock } from './state-storage.js';

export { MOCK_BASE_URL };
export { enhanceOAuthPage } from './model/oauth/enhance.js';
export { loadSavedMock, saveMock } from './state-storage.js';

const DELAY_KEY = 'matrix-mock-homeserver.delay';

export interface BrowserMockOptions {
  /** Where MSW's worker script is served (`npx msw init public`). Default `/mockServiceWorker.js`. */
  serviceWorkerUrl?: string;
  /**
   * Where the OAuth scenarios send people to sign up. The service worker does not see navigations,
   * so this must be a page of yours that calls `enhanceOAuthPage` (see the README).
   */
  authorizationEndpoint?: string;
  /**
   * A page of yours that shows the server's own HTML pages (its policies, its account page), given
   * their path as `?page=`: the worker does not see navigations either. Optional; without it those
   * links point at the mock's base URL, which works only while something answers there.
   */
  pageShell?: string;
  /** The scenario when the address has no `?scenario=` and nothing is saved. Default `open`. */
  scenario?: ScenarioName;
  /** The homeserver family when the address has no `?homeserver=` and nothing is saved. Default: the scenario's own. */
  homeserver?: FamilyName;
  /** Applied over the scenario's config, as `--config` does. */
  overrides?: ConfigOverrides;
  /** Keep accounts, mail and the scenario across reloads (localStorage; no access token, see state-storage.ts). Default true. */
  persist?: boolean;
}

/**
 * Starts the mock homeserver in a service worker; resolves once requests are intercepted. With
 * `persist`, its state survives a reload; `?scenario=NAME` in the page's address picks a scenario
 * and keeps the accounts. Every page of the origin that starts it shares that state.
 */
export async function startBrowserMock(
  options: BrowserMockOptions = {},
): Promise<{ baseUrl: string; controller: MockController; worker: SetupWorker }> {
  const persist = options.persist ?? true;
  const requested = new URLSearchParams(window.location.search).get('scenario');
  const saved = persist ? loadSavedMock() : undefined;
  const scenario: ScenarioName =
    requested !== null && isScenarioName(requested)
      ? requested
      : (saved?.scenario ?? options.scenario ?? DEFAULT_SCENARIO);
  // `?homeserver=` picks the family; with `?scenario=` alone, the scenario's own family plays.
  const requestedFamily = new URLSearchParams(window.location.search).get('homeserver');
  const homeserver: FamilyName | undefined =
    requestedFamily !== null && isFamilyName(requestedFamily)
      ? requestedFamily
      : requested !== null
        ? undefined
        : (saved?.homeserver ?? options.homeserver);
  const controllerOptions = {
    scenario,
    ...(homeserver ? { homeserver } : {}),
    ...(options.overrides ? { overrides: options.overrides } : {}),
    ...(options.authorizationEndpoint ? { authorizationEndpoint: options.authorizationEndpoint } : {}),
    ...(options.pageShell ? { pageShell: options.pageShell } : {}),
  };
  const make = async (chosen: typeof controllerOptions) =>
    saved ? MockController.restore(saved.state, chosen) : await MockController.create(chosen);
  let controller: MockController;
  try {
    controller = await make(controllerOptions);
  } catch {
    // A family that cannot play the scenario (Conduit has no email stage): the scenario's own
    // plays instead, and the panel shows which.
    const scenarioOwn = { ...controllerOptions };
    delete scenarioOwn.homeserver;
    controller = await make(scenarioOwn);
  }
  if (persist) keepAcrossReloads(controller, saved?.forced ?? []);

  const worker = setupWorker(...createHandlers(controller));
  await worker.start({
    quiet: true,
    // Page assets and any real server the person picks go to the network untouched.
    onUnhandledRequest: 'bypass',
    serviceWorker: { url: options.serviceWorkerUrl ?? '/mockServiceWorker.js' },
  });
  return { baseUrl: MOCK_BASE_URL, controller, worker };
}

function keepAcrossReloads(controller: MockController, forced: [string, ForcedAnswer][]) {
  for (const [endpoint, answer] of forced) controller.forced.set(endpoint, answer);
  const savedDelay = Number(localStorage.getItem(DELAY_KEY) ?? 0);
  if (savedDelay > 0) controller.setResponseDelay(savedDelay);
  controller.subscribe(() => {
    saveMock(controller);
    localStorage.setItem(DELAY_KEY, String(controller.homeserver.config.responseDelayMs));
  });
  saveMock(controller);
}

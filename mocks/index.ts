/**
 * The mock homeserver's model, with no transport: the same in the browser and in Node. Transports
 * are the subpaths: `/msw` (handlers), `/node` (MSW in Node, and the HTTP server), `/browser`
 * (a service worker) and `/playwright` (a fixture).
 */
export { MockController, type ControllerOptions, type ForcedAnswer } from './model/controller.js';
export { MockHomeserver } from './model/homeserver.js';
export {
  API_PREFIXES,
  configSchema,
  defaultConfig,
  MOCK_ADMIN,
  MOCK_APPSERVICE_TOKEN,
  MOCK_BASE_URL,
  MOCK_CAPTCHA_PUBLIC_KEY,
  MOCK_CAPTCHA_RESPONSE,
  MOCK_SHARED_SECRET,
  resolveConfig,
  type ApiPrefix,
  type ConfigOverrides,
  type HomeserverConfig,
  type OAuthConfig,
} from './model/config.js';
export { DEFAULT_SCENARIO, isScenarioName, scenarios, type ScenarioName } from './model/scenarios.js';
export {
  DEFAULT_FAMILY,
  FAMILIES,
  FAMILY_NAMES,
  isFamilyName,
  type Family,
  type FamilyName,
} from './model/families.js';
export { FORCEABLE_ENDPOINTS, KNOWN_ERRORS, OAUTH_FORCEABLE_ENDPOINTS, OAUTH_KNOWN_ERRORS } from './model/errcodes.js';
export {
  fakeEnvironment,
  realEnvironment,
  secureEnvironment,
  seededRandom,
  type Environment,
} from './model/environment.js';
export { answer, isApiPath, type EndpointName } from './model/routes.js';
export { modelRequest, type ModelRequest } from './model/request.js';
export { serialize, type ModelResponse } from './model/response.js';
export type { Account, HomeserverState, MailMessage, RegistrationToken } from './model/state.js';
export type { MasRegistrationToken } from './model/oauth/registration-tokens.js';

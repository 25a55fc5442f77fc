import { defineConfig, devices } from '@playwright/test';
import { chromiumLaunchOptions } from './e2e/support/browser';

export const MOCK_APP_URL = 'http://127.0.0.1:4174';
export const PRODUCTION_APP_URL = 'http://127.0.0.1:4173';
/** A community's deployment: the production build prerendered with its own config.json (German, branded). */
export const DEPLOYMENT_APP_URL = 'http://127.0.0.1:4177';
/** The HTTP mock server for e2e, on its own port so that a developer's `npm run mock-server` can keep 8008. */
export const HTTP_MOCK_URL = 'http://localhost:8018';
/** The same mock with CORS turned off: a misconfigured server, for the CORS message. */
export const NO_CORS_MOCK_URL = 'http://localhost:8019';
/** The same mock asking for Google's reCAPTCHA, whose script cannot load here: the fallback page's path. */
export const REAL_CAPTCHA_MOCK_URL = 'http://localhost:8020';
/** The HTTP mock playing an OAuth-delegated server (MAS), with its own sign-up pages. */
export const OAUTH_MOCK_URL = 'http://localhost:8021';
/** Invite-only Synapse for the invite desk, whose admin API answers the production build's origin. */
export const DESK_SYNAPSE_MOCK_URL = 'http://localhost:8022';
/** Invite-only Synapse with MAS (`oidc-invite`) for the invite desk, its admin API likewise. */
export const DESK_MAS_MOCK_URL = 'http://localhost:8023';
const ci = Boolean(process.env.CI);

export default defineConfig({
  testDir: 'e2e',
  forbidOnly: ci,
  // Two cores run two browsers, five servers and axe: generous limits, so that a slow moment is not
  // a failure (a real hang still fails).
  timeout: 60_000,
  expect: { timeout: 10_000 },
  retries: ci ? 1 : 0,
  // Two cores here and on CI; tests share only the HTTP mock servers, with unique usernames.
  workers: 2,
  // Tests, not files, are shared out between the workers: a file's tests ran one after another in
  // one worker, so at the end one worker went on alone through the rest of a long file (the mock
  // scenarios' 18 tests are 3 minutes) while the other had nothing left. Every test has its own
  // context and in-browser mock; servers a test starts listen on a port of their own; the web
  // servers' tests that share one server are a serial group (web-servers.deployment.spec.ts).
  fullyParallel: true,
  reporter: ci ? [['list'], ['html', { open: 'never' }]] : 'list',
  use: {
    ...devices['Desktop Chrome'],
    // The page follows the browser's languages: tests say which they want; the rest read English.
    locale: 'en-US',
    launchOptions: chromiumLaunchOptions(),
    trace: 'retain-on-failure',
  },
  projects: [
    // The app on the in-browser mock homeserver (service worker), as `npm run dev` runs it.
    { name: 'mock', testMatch: /.*\.mock\.spec\.ts/, use: { baseURL: MOCK_APP_URL } },
    // The demo build offline, alone once the others are done (see the spec's note).
    {
      name: 'offline',
      testMatch: /.*\.offline\.spec\.ts/,
      use: { baseURL: MOCK_APP_URL },
      dependencies: ['mock', 'production', 'deployment'],
    },
    // The production build, which must carry no mock code.
    { name: 'production', testMatch: /.*\.production\.spec\.ts/, use: { baseURL: PRODUCTION_APP_URL } },
    { name: 'deployment', testMatch: /.*\.deployment\.spec\.ts/, use: { baseURL: DEPLOYMENT_APP_URL } },
  ],
  webServer: [
    {
      command: 'matrix-mock-homeserver --port 8019 --config e2e/support/no-cors.json',
      url: 'http://127.0.0.1:8019/_matrix/client/versions',
      reuseExistingServer: !ci,
      timeout: 60_000,
    },
    {
      command: 'matrix-mock-homeserver --port 8020 --config e2e/support/real-captcha.json',
      url: 'http://127.0.0.1:8020/_matrix/client/versions',
      reuseExistingServer: !ci,
      timeout: 60_000,
    },
    {
      command: 'matrix-mock-homeserver --port 8021 --scenario oidc',
      url: 'http://127.0.0.1:8021/_matrix/client/versions',
      reuseExistingServer: !ci,
      timeout: 60_000,
    },
    {
      command: 'matrix-mock-homeserver --port 8022 --scenario token --config e2e/support/desk.json',
      url: 'http://127.0.0.1:8022/_matrix/client/versions',
      reuseExistingServer: !ci,
      timeout: 60_000,
    },
    {
      command: 'matrix-mock-homeserver --port 8023 --scenario oidc-invite --config e2e/support/desk.json',
      url: 'http://127.0.0.1:8023/_matrix/client/versions',
      reuseExistingServer: !ci,
      timeout: 60_000,
    },
    {
      command: 'matrix-mock-homeserver --port 8018',
      url: 'http://127.0.0.1:8018/_matrix/client/versions',
      reuseExistingServer: !ci,
      timeout: 60_000,
    },
    {
      command:
        'vite build --mode mock --outDir dist-mock --emptyOutDir && vite preview --outDir dist-mock --port 4174 --strictPort',
      url: `${MOCK_APP_URL}/config.json`,
      reuseExistingServer: !ci,
      timeout: 120_000,
    },
    {
      command: 'vite build --outDir dist-e2e --emptyOutDir && vite preview --outDir dist-e2e --port 4173 --strictPort',
      url: `${PRODUCTION_APP_URL}/config.json`,
      reuseExistingServer: !ci,
      timeout: 120_000,
    },
    {
      // The build copies the logos the config names beside it (scripts/vite/config-checks.ts).
      command:
        'SIGNUP_CONFIG=e2e/support/deployment/config.json vite build --outDir dist-e2e-deployment --emptyOutDir && vite preview --outDir dist-e2e-deployment --port 4177 --strictPort',
      url: `${DEPLOYMENT_APP_URL}/config.json`,
      reuseExistingServer: !ci,
      timeout: 120_000,
    },
  ],
});

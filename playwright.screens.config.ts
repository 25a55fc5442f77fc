import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from './e2e/support/browser';

/** `npm run screens`: one PNG per state at phone and desktop widths into docs/screens/, plus an index page. */
export default defineConfig({
  testDir: 'e2e/screens',
  testMatch: /.*\.screens\.ts/,
  workers: 2,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: 'list',
  globalTeardown: './e2e/screens/write-index.ts',
  use: {
    baseURL: 'http://127.0.0.1:4175',
    launchOptions: chromiumLaunchOptions(),
    colorScheme: 'light',
    locale: 'en-US',
    deviceScaleFactor: 1,
  },
  projects: [
    { name: 'phone', use: { viewport: { width: 390, height: 844 } } },
    { name: 'desktop', use: { viewport: { width: 1280, height: 900 } } },
  ],
  webServer: [
    {
      command:
        'vite build --mode mock --outDir dist-screens --emptyOutDir && vite preview --outDir dist-screens --port 4175 --strictPort',
      url: 'http://127.0.0.1:4175/config.json',
      reuseExistingServer: false,
      timeout: 120_000,
    },
    // A community's deployment: the production build with its own config.json and logos, on the HTTP mock.
    {
      command:
        'SIGNUP_CONFIG=e2e/screens/branded/config.json vite build --outDir dist-screens-brand --emptyOutDir && cp e2e/screens/branded/*.svg dist-screens-brand/ && vite preview --outDir dist-screens-brand --port 4176 --strictPort',
      url: 'http://127.0.0.1:4176/config.json',
      reuseExistingServer: false,
      timeout: 120_000,
    },
    {
      command: 'matrix-mock-homeserver --port 8021 --scenario token',
      url: 'http://127.0.0.1:8021/_matrix/client/versions',
      reuseExistingServer: false,
      timeout: 60_000,
    },
  ],
});

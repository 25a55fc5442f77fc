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
    deviceScaleFactor: 1,
  },
  projects: [
    { name: 'phone', use: { viewport: { width: 390, height: 844 } } },
    { name: 'desktop', use: { viewport: { width: 1280, height: 900 } } },
  ],
  webServer: {
    command:
      'vite build --mode mock --outDir dist-screens --emptyOutDir && vite preview --outDir dist-screens --port 4175 --strictPort',
    url: 'http://127.0.0.1:4175/config.json',
    reuseExistingServer: false,
    timeout: 120_000,
  },
});

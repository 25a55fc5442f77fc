import { chromium, defineConfig } from '@playwright/test';
import { existsSync } from 'node:fs';

// Playwright's own Chromium where installed, else the system's (Debian's, or CHROMIUM_PATH).
const system = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const launchOptions = existsSync(chromium.executablePath())
  ? {}
  : {
      executablePath: system,
      args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    };

// PAGE_URL: the sign-up page's production build, which the README's example signs up through.
export default defineConfig({
  testMatch: /.*\.spec\.ts/,
  workers: 1,
  reporter: 'list',
  use: { launchOptions, ...(process.env.PAGE_URL ? { baseURL: process.env.PAGE_URL } : {}) },
});

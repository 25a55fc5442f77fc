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

export default defineConfig({ testMatch: /.*\.spec\.ts/, workers: 1, reporter: 'list', use: { launchOptions } });

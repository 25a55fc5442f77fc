import { chromium, type LaunchOptions } from '@playwright/test';
import { existsSync } from 'node:fs';

const DEBIAN_CHROMIUM = '/usr/bin/chromium';
// Without these, Debian's chromium dials Google's services at start; this machine's network refuses them.
const DEBIAN_CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/**
 * Playwright's own browser where one is installed, else the system's chromium (`CHROMIUM_PATH` or
 * Debian's). With neither, one line says how to get one, instead of a stack trace per test.
 */
export function chromiumLaunchOptions(): LaunchOptions {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) return { executablePath: fromEnv, args: DEBIAN_CHROMIUM_ARGS };
  if (existsSync(chromium.executablePath())) return {};
  if (existsSync(DEBIAN_CHROMIUM)) return { executablePath: DEBIAN_CHROMIUM, args: DEBIAN_CHROMIUM_ARGS };
  console.error(
    'No browser for the e2e tests: run `npx playwright install chromium`, or `apt-get install chromium` (Debian), or set CHROMIUM_PATH.',
  );
  process.exit(1);
}

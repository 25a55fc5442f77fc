import { createLogger, loadConfigFromFile } from 'vite';
import { afterEach, describe, expect, it } from 'vitest';

const ignoring = process.env.VITE_CONFIG_NATIVE_IGNORE_WARNING;
afterEach(() => {
  if (ignoring === undefined) delete process.env.VITE_CONFIG_NATIVE_IGNORE_WARNING;
  else process.env.VITE_CONFIG_NATIVE_IGNORE_WARNING = ignoring;
});

describe('vite.config.ts (UX audit 21)', () => {
  it('loads without the "configLoader: native" warning a newcomer saw on every dev, build and preview', async () => {
    // The warning's own switch off, whatever this shell says: the test is whether there is anything to warn about.
    delete process.env.VITE_CONFIG_NATIVE_IGNORE_WARNING;
    const warnings: string[] = [];
    const logger = createLogger('warn');
    logger.warn = (message) => void warnings.push(message);
    logger.warnOnce = (message) => void warnings.push(message);
    const loaded = await loadConfigFromFile(
      { command: 'build', mode: 'production' },
      'vite.config.ts',
      process.cwd(),
      'warn',
      logger,
    );
    expect(loaded?.config.plugins?.length).toBeGreaterThan(0);
    expect(warnings).toEqual([]);
  });
});

import { listen, type ListenOptions, type RunningMock } from 'matrix-mock-homeserver/server';
import type { FamilyName } from 'matrix-mock-homeserver';
import { test as base } from '../fixtures';

export interface FamilyServer extends RunningMock {
  /** `?hs=` for the page: the server's own address, so no well-known is involved. */
  query: string;
}

/**
 * The app's fixtures, and a mock homeserver over real HTTP that plays one family of
 * `../shared/spec/homeservers.md` (`--homeserver`), started in the test's own worker on a free
 * port and closed after it. Each test gets its own server, so tests run side by side.
 */
export const test = base.extend<{
  familyServer: (
    homeserver: FamilyName,
    options?: Pick<ListenOptions, 'scenario' | 'overrides'>,
  ) => Promise<FamilyServer>;
}>({
  // Playwright reads what a fixture needs from its destructuring: this one needs nothing.
  // eslint-disable-next-line no-empty-pattern
  familyServer: async ({}, use) => {
    const started: RunningMock[] = [];
    await use(async (homeserver, options = {}) => {
      const running = await listen({ port: 0, homeserver, ...options });
      started.push(running);
      return { ...running, query: `?hs=${encodeURIComponent(running.url)}` };
    });
    await Promise.all(started.map((running) => running.close()));
  },
});

export { expect } from '../fixtures';

import { setupServer } from 'msw/node';
import { createHandlers } from './handlers';
import { defaultConfig, type HomeserverConfig } from './model/config';
import type { Environment } from './model/environment';
import { MockHomeserver } from './model/homeserver';

/** The mock homeserver intercepting `fetch` in Node tests; `reset()` gives a fresh model. */
export function createNodeMock(config: HomeserverConfig = defaultConfig, env?: Environment) {
  let homeserver = new MockHomeserver(config, env);
  const server = setupServer(...createHandlers(() => homeserver));
  return {
    server,
    get homeserver() {
      return homeserver;
    },
    reset(next: HomeserverConfig = config) {
      homeserver = new MockHomeserver(next, env);
      server.resetHandlers();
    },
  };
}

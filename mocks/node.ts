import { setupServer } from 'msw/node';
import { createHandlers } from './handlers';
import { MockController, type ControllerOptions } from './model/controller';
import { nodeEnvironment } from './node-environment';

/**
 * The mock homeserver intercepting `fetch` in Node tests. `reset()` starts a fresh homeserver
 * (optionally another scenario) and drops per-test handler overrides.
 */
export async function createNodeMock(options: ControllerOptions = {}) {
  const controller = await MockController.create({ env: nodeEnvironment, ...options });
  const server = setupServer(...createHandlers(controller));
  return {
    server,
    controller,
    get homeserver() {
      return controller.homeserver;
    },
    async reset(scenario = options.scenario) {
      await controller.reset(scenario);
      server.resetHandlers();
    },
  };
}

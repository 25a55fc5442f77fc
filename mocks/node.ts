import { setupServer } from 'msw/node';
import { createHandlers } from './handlers.js';
import { MockController, type ControllerOptions } from './model/controller.js';
import type { FamilyName } from './model/families.js';
import { nodeEnvironment } from './node-environment.js';

// Everything of `./server` too, for projects that have MSW anyway.
export * from './server.js';

/**
 * The mock homeserver intercepting `fetch` in Node tests (MSW's `setupServer`). `reset()` starts a
 * fresh homeserver (optionally another scenario, and another homeserver family: `null` for the
 * scenario's own) and drops per-test handler overrides.
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
    async reset(scenario = options.scenario, homeserver: FamilyName | null = options.homeserver ?? null) {
      await controller.reset(scenario, homeserver);
      server.resetHandlers();
    },
  };
}

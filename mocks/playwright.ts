import { test as base } from '@playwright/test';
import type { MockController } from './model/controller.js';
import type { EndpointName } from './model/routes.js';
import type { FamilyName } from './model/families.js';
import type { ScenarioName } from './model/scenarios.js';
import type { MailMessage } from './model/state.js';
import { listen, type ListenOptions, type RunningMock } from './server.js';

export { expect } from '@playwright/test';

/** What a test gets: its worker's mock homeserver, fresh in the test's scenario. */
export interface MockHomeserverFixture {
  /** Where a client under test reaches it: `http://localhost:PORT`. */
  url: string;
  /** The part after `:` in the user IDs it makes. */
  serverName: string;
  /** The model itself, for anything the helpers do not cover. */
  controller: MockController;
  /**
   * A fresh server: no accounts but the built-in ones, no mail. The current scenario unless named;
   * `homeserver` plays that family from now on (`null`: the scenario's own again).
   */
  reset(scenario?: ScenarioName, homeserver?: FamilyName | null): Promise<void>;
  /** Plays another scenario (and family) from the next request on, keeping accounts and mail. */
  scenario(name: ScenarioName, homeserver?: FamilyName | null): void;
  /** The mail it sent, newest first. */
  inbox(): MailMessage[];
  /** The newest mail to `to` (any address if omitted), waiting up to `timeoutMs` for one to arrive. */
  waitForEmail(to?: string, timeoutMs?: number): Promise<MailMessage>;
  /** The accounts, as `GET /_mock/accounts` lists them. */
  accounts(): ReturnType<MockController['accounts']>;
  /** An admin approves an account that waits for approval (`requireApproval`, MSC3866); false if none waits. */
  approve(userId: string): boolean;
  /** The next request to `endpoint` (`register`, `available`, …) fails with this errcode. */
  failNext(endpoint: EndpointName, errcode: string, status: number, extra?: Record<string, unknown>): void;
}

export interface MockHomeserverTestOptions {
  /** The scenario each test starts in. Default `open`; `test.use({ mockScenario: 'token' })`. */
  mockScenario: ScenarioName;
  /**
   * The homeserver family each test's server answers as (`model/families.ts`): Conduit, Dendrite,
   * continuwuity, Tuwunel or Synapse, with or without MAS. Default: the scenario's own, else Synapse.
   */
  mockHomeserver: FamilyName | undefined;
}

export interface MockHomeserverWorkerOptions {
  /** How the worker's server starts (host, server name, config overrides); its port is always free-picked. */
  mockServerOptions: Omit<ListenOptions, 'port' | 'scenario'>;
}

function fixtureFor(running: RunningMock): MockHomeserverFixture {
  const { controller } = running;
  const newestTo = (to?: string) => controller.inbox().find((message) => to === undefined || message.to === to);
  return {
    url: running.url,
    get serverName() {
      return controller.homeserver.config.serverName;
    },
    controller,
    reset: (scenario, homeserver) => controller.reset(scenario, homeserver),
    scenario: (name, homeserver) => controller.play(name, homeserver),
    inbox: () => controller.inbox(),
    async waitForEmail(to, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const message = newestTo(to);
        if (message) return message;
        if (Date.now() > deadline) throw new Error(`No mail${to ? ` to ${to}` : ''} within ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    accounts: () => controller.accounts(),
    approve: (userId) => controller.approve(userId),
    failNext: (endpoint, errcode, status, extra) => controller.forceNextError(endpoint, errcode, status, extra),
  };
}

/**
 * Playwright's `test` with a mock homeserver: one HTTP server per worker (in the worker's own
 * process, on a free port), reset before each test so that tests do not see each other's accounts.
 */
export const test = base.extend<
  MockHomeserverTestOptions & { homeserver: MockHomeserverFixture },
  MockHomeserverWorkerOptions & { mockServer: RunningMock }
>({
  mockServerOptions: [{}, { scope: 'worker', option: true }],
  mockServer: [
    async ({ mockServerOptions }, use) => {
      const running = await listen({ ...mockServerOptions, port: 0 });
      await use(running);
      await running.close();
    },
    { scope: 'worker' },
  ],
  mockScenario: ['open', { option: true }],
  mockHomeserver: [undefined, { option: true }],
  homeserver: async ({ mockServer, mockScenario, mockHomeserver }, use) => {
    await mockServer.controller.reset(mockScenario, mockHomeserver ?? null);
    await use(fixtureFor(mockServer));
  },
});

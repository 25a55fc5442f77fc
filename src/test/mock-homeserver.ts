import { afterAll, afterEach, beforeAll } from 'vitest';
import { fakeEnvironment, MockController, type ConfigOverrides, type FamilyName } from 'matrix-mock-homeserver';
import { createHandlers } from 'matrix-mock-homeserver/msw';
import { createNodeMock } from 'matrix-mock-homeserver/node';

/** The mock homeserver behind `fetch` for this test file; fresh (open scenario) after each test. */
export async function startMockHomeserver() {
  const mock = await createNodeMock({ env: fakeEnvironment() });
  beforeAll(() => mock.server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => mock.reset('open'));
  afterAll(() => mock.server.close());
  return mock;
}

type MockHomeserverUnderTest = Awaited<ReturnType<typeof startMockHomeserver>>;

/**
 * The mock playing one homeserver family (`mocks/model/families.ts`) with the config a test needs,
 * in front of `mock`'s own handlers until the test ends (its `afterEach` resets them). Returns the
 * controller, whose state (sessions, tokens, inbox) the test may read. Throws when the family
 * cannot play that config (Conduit has no email stage, say), rather than playing something else.
 */
export async function playFamily(
  mock: MockHomeserverUnderTest,
  homeserver: FamilyName,
  overrides: ConfigOverrides = {},
): Promise<MockController> {
  const controller = await MockController.create({ homeserver, overrides, env: fakeEnvironment() });
  mock.server.use(...createHandlers(controller));
  return controller;
}

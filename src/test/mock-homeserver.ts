import { afterAll, afterEach, beforeAll } from 'vitest';
import { fakeEnvironment } from 'matrix-mock-homeserver';
import { createNodeMock } from 'matrix-mock-homeserver/node';

/** The mock homeserver behind `fetch` for this test file; fresh (open scenario) after each test. */
export async function startMockHomeserver() {
  const mock = await createNodeMock({ env: fakeEnvironment() });
  beforeAll(() => mock.server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => mock.reset('open'));
  afterAll(() => mock.server.close());
  return mock;
}

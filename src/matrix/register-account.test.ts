import { http, HttpResponse } from 'msw';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createNodeMock } from '../../mocks/node';
import { fakeEnvironment } from '../../mocks/model/environment';
import { MatrixApiError, TransportError } from './errors';
import { homeserverAt } from './homeserver';
import { registerAccount, solveDummyStage, UnsupportedFlowError } from './register-account';
import { STAGE } from './uia';

const mock = await createNodeMock({ env: fakeEnvironment() });
const server = homeserverAt('http://localhost:8008/');
const options = { supportedStages: new Set<string>([STAGE.dummy]), solveStage: solveDummyStage };

beforeAll(() => mock.server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => mock.reset('open'));
afterAll(() => mock.server.close());

describe('registerAccount', () => {
  it('completes the dummy stage and returns the new Matrix ID', async () => {
    const account = await registerAccount(server, { username: 'Ana', password: 'correct horse' }, options);
    expect(account.user_id).toBe('@ana:localhost:8008');
  });

  it('reports a taken username as M_USER_IN_USE before any UIA round', async () => {
    const second = registerAccount(server, { username: 'Alice', password: 'pw' }, options);
    await expect(second).rejects.toMatchObject({ errcode: 'M_USER_IN_USE', status: 400 });
    await expect(second).rejects.toBeInstanceOf(MatrixApiError);
  });

  it('refuses a flow it cannot complete instead of guessing', async () => {
    await mock.reset('captcha');
    await expect(registerAccount(server, { username: 'ana', password: 'pw' }, options)).rejects.toBeInstanceOf(
      UnsupportedFlowError,
    );
  });

  it('turns a 5xx answer that is not JSON into a server transport error', async () => {
    mock.server.use(http.post('*/register', () => new HttpResponse('<h1>Bad gateway</h1>', { status: 502 })));
    await expect(registerAccount(server, { username: 'ana', password: 'pw' }, options)).rejects.toMatchObject({
      failure: 'server',
      status: 502,
    });
  });

  it('turns a refused connection into a network transport error', async () => {
    mock.server.use(http.post('*/register', () => HttpResponse.error()));
    const attempt = registerAccount(server, { username: 'ana', password: 'pw' }, options);
    await expect(attempt).rejects.toBeInstanceOf(TransportError);
    await expect(attempt).rejects.toMatchObject({ failure: 'network' });
  });
});

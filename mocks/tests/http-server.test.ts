import { createClient, InteractiveAuth, type AuthDict, type RegisterResponse } from 'matrix-js-sdk';
import { logger as sdkLogger } from 'matrix-js-sdk/lib/logger.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MockController } from '../model/controller';
import { listenOnLoopback } from './harness';

let controller: MockController;
let baseUrl: string;
const logLines: string[] = [];
let close: () => Promise<void>;

beforeAll(async () => {
  // The SDK narrates every request on stdout; the assertions say what matters. Its logger is
  // loglevel's, though typed more narrowly.
  (sdkLogger as unknown as { disableAll(): void }).disableAll();
  controller = await MockController.create();
  ({ base: baseUrl, close } = await listenOnLoopback(controller, { log: (line) => logLines.push(line) }));
});
afterAll(() => close());

describe('the HTTP server on loopback', () => {
  it('registers through UIA over real HTTP', async () => {
    const post = (body: unknown) =>
      fetch(`${baseUrl}/_matrix/client/v3/register`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
    const first = await post({ username: 'http-ana', password: 'pw', inhibit_login: true });
    expect(first.status).toBe(401);
    const { session } = (await first.json()) as { session: string };
    const done = await post({ auth: { type: 'm.login.dummy', session } });
    expect(await done.json()).toEqual({ user_id: '@http-ana:localhost:8008', home_server: 'localhost:8008' });
  });

  it('answers a browser preflight with 204 and CORS headers, and CORS on the answer', async () => {
    const preflight = await fetch(`${baseUrl}/_matrix/client/v3/register`, {
      method: 'OPTIONS',
      headers: {
        Origin: 'http://app.example',
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'content-type',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    expect(preflight.headers.get('access-control-allow-headers')).toContain('Content-Type');
    const versions = await fetch(`${baseUrl}/_matrix/client/versions`, { headers: { Origin: 'http://app.example' } });
    expect(versions.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('leaves out every CORS header when the config turns CORS off', async () => {
    controller.homeserver.config = { ...controller.homeserver.config, cors: false };
    try {
      const response = await fetch(`${baseUrl}/_matrix/client/versions`);
      expect(response.status).toBe(200);
      expect([...response.headers.keys()].filter((name) => name.startsWith('access-control-'))).toEqual([]);
    } finally {
      controller.homeserver.config = { ...controller.homeserver.config, cors: true };
    }
  });

  it('logs one line per request, without the query string', async () => {
    logLines.length = 0;
    await fetch(`${baseUrl}/_matrix/client/v1/register/m.login.registration_token/validity?token=secret-token`);
    expect(logLines).toHaveLength(1);
    expect(logLines[0]).toMatch(
      / GET \/_matrix\/client\/v1\/register\/m\.login\.registration_token\/validity 200 \d+ms$/,
    );
    expect(logLines[0]).not.toContain('secret-token');
  });

  it('refuses a body over 1 MiB with 413 without reading it whole', async () => {
    const huge = await fetch(`${baseUrl}/_matrix/client/v3/register`, {
      method: 'POST',
      body: 'x'.repeat(2 * 1024 * 1024),
    });
    expect(huge.status).toBe(413);
  });

  it('answers outside the API as Synapse does: / redirects to the static page, the rest is an HTML 404 without CORS', async () => {
    const root = await fetch(`${baseUrl}/`, { redirect: 'manual' });
    expect([root.status, root.headers.get('location')]).toEqual([302, '/_matrix/static']);
    expect((await fetch(`${baseUrl}/`)).status).toBe(200);
    const elsewhere = await fetch(`${baseUrl}/nope`);
    expect([elsewhere.status, elsewhere.headers.get('content-type')]).toEqual([404, 'text/html; charset=utf-8']);
    expect(elsewhere.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('serves the /_mock endpoints', async () => {
    const accounts = (await (await fetch(`${baseUrl}/_mock/accounts`)).json()) as { accounts: { user_id: string }[] };
    expect(accounts.accounts.map((account) => account.user_id)).toContain('@alice:localhost:8008');
  });
});

describe('a real Matrix client library (matrix-js-sdk) against the HTTP server', () => {
  it('registers with InteractiveAuth, then logs in with the new password', async () => {
    const client = createClient({ baseUrl });
    const auth = new InteractiveAuth<RegisterResponse>({
      matrixClient: client,
      doRequest: (authDict: AuthDict | null) =>
        client.registerRequest({ username: 'sdk-user', password: 'sdk password', auth: authDict ?? undefined }),
      stateUpdated: () => undefined,
      requestEmailToken: () => Promise.reject(new Error('no email stage expected')),
    });
    const registered = await auth.attemptAuth();
    expect(registered.user_id).toBe('@sdk-user:localhost:8008');
    expect(registered.access_token).toBeTruthy();

    const login = await createClient({ baseUrl }).loginRequest({
      type: 'm.login.password',
      identifier: { type: 'm.id.user', user: 'sdk-user' },
      password: 'sdk password',
    });
    expect(login.user_id).toBe('@sdk-user:localhost:8008');
  });

  it('sees M_USER_IN_USE as a MatrixError before any UIA', async () => {
    const client = createClient({ baseUrl });
    await expect(client.registerRequest({ username: 'alice', password: 'pw' })).rejects.toMatchObject({
      errcode: 'M_USER_IN_USE',
      httpStatus: 400,
    });
  });
});

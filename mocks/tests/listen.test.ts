import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import type { AddressInfo } from 'node:net';
import { serveController } from '../http-server';
import { MockController } from '../model/controller';
import { fakeEnvironment } from '../model/environment';
import { listen } from '../server';
import { freePort } from './harness';

describe('listen (the HTTP server, as the CLI and the Playwright fixture start it)', () => {
  it('on port 0, hands out URLs and user IDs with the port it got', async () => {
    const running = await listen({ port: 0, scenario: 'email', env: fakeEnvironment() });
    try {
      expect(running.url).toBe(`http://localhost:${running.port}`);
      const { serverName, publicBaseUrl } = running.controller.homeserver.config;
      expect(serverName).toBe(`localhost:${running.port}`);
      expect(publicBaseUrl).toBe(running.url);
      const sent = await fetch(`http://127.0.0.1:${running.port}/_matrix/client/v3/register/email/requestToken`, {
        method: 'POST',
        body: JSON.stringify({ client_secret: 'secret', email: 'ana@example.org', send_attempt: 1 }),
      });
      expect(sent.status).toBe(200);
      expect(running.controller.inbox()[0]?.link.startsWith(`${running.url}/`)).toBe(true);
    } finally {
      await running.close();
    }
  });

  it('takes a server name and config overrides, and close() frees the port', async () => {
    const running = await listen({ port: 0, serverName: 'example.org', overrides: { allowGuests: true } });
    const guest = (await (
      await fetch(`http://127.0.0.1:${running.port}/_matrix/client/v3/register?kind=guest`, {
        method: 'POST',
        body: '{}',
      })
    ).json()) as { user_id: string };
    expect(guest.user_id).toMatch(/:example\.org$/);
    await running.close();
    const probe = createServer();
    await new Promise<void>((resolve, reject) => {
      probe.once('error', reject);
      probe.listen(running.port, '127.0.0.1', () => resolve());
    });
    probe.close();
  });

  it('rejects a bad config knob without keeping the port', async () => {
    const port = await freePort();
    await expect(
      listen({ port, overrides: { enableRegistrations: false } as unknown as Record<string, never> }),
    ).rejects.toThrow(/enableRegistrations/);
    const again = await listen({ port });
    await again.close();
  });

  it('gives a server name passed outright precedence over a config file', async () => {
    const running = await listen({ port: 0, serverName: 'a.example', overrides: { serverName: 'b.example' } });
    expect(running.controller.homeserver.config.serverName).toBe('a.example');
    await running.close();
  });

  it('holds a request that comes before the homeserver is made, and answers 503 if it never is', async () => {
    let made: (controller: MockController) => void = () => undefined;
    const later = new Promise<MockController>((resolve) => (made = resolve));
    const server = serveController(() => later).listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const early = fetch(`${base}/_matrix/client/versions`);
    made(await MockController.create({ env: fakeEnvironment() }));
    expect((await early).status).toBe(200);
    server.close();

    const never = serveController(() => Promise.reject(new Error('no'))).listen(0, '127.0.0.1');
    await new Promise((resolve) => never.once('listening', resolve));
    const refused = await fetch(`http://127.0.0.1:${(never.address() as AddressInfo).port}/_matrix/client/versions`);
    expect([refused.status, ((await refused.json()) as { errcode: string }).errcode]).toEqual([503, 'M_UNKNOWN']);
    never.close();
  });
});

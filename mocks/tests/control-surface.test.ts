import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { MockController } from '../model/controller';
import { listenOnLoopback, startCli } from './harness';

/*
 * The mock's control surface (`/_mock`, the admin API) closed to other origins, over real HTTP
 * (security review M3, and M6's `//` targets). Raw `node:http`, because `fetch` would neither send
 * another `Host` nor keep a `//` target as it is.
 */

interface RawReply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Record<string, unknown>;
}

function raw(
  base: string,
  init: { method?: string; path: string; headers?: Record<string, string>; body?: string },
): Promise<RawReply> {
  const { port } = new URL(base);
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(
      { host: '127.0.0.1', port, method: init.method ?? 'GET', path: init.path, headers: init.headers },
      (incoming) => {
        let text = '';
        incoming.setEncoding('utf8');
        incoming.on('data', (chunk: string) => (text += chunk));
        incoming.on('end', () => {
          let body: Record<string, unknown> = {};
          try {
            body = JSON.parse(text) as Record<string, unknown>;
          } catch {
            // An empty preflight answer.
          }
          resolve({ status: incoming.statusCode ?? 0, headers: incoming.headers, body });
        });
      },
    );
    outgoing.on('error', reject);
    outgoing.end(init.body);
  });
}

const EVIL = 'https://evil.example';
const APP = 'http://localhost:5173';

let controller: MockController;
let base: string;
let close: () => Promise<void>;

beforeAll(async () => {
  controller = await MockController.create();
  ({ base, close } = await listenOnLoopback(controller));
});
afterAll(() => close());

describe('CORS on the control surface', () => {
  it('answers /_mock and the admin API with no CORS headers, and the Matrix API with `*`', async () => {
    for (const path of ['/_mock/inbox', '/_mock/accounts', '/_mock', '/_synapse/admin/v1/register']) {
      const reply = await raw(base, { path, headers: { Origin: EVIL } });
      expect([path, reply.status]).toEqual([path, 200]);
      expect(reply.headers['access-control-allow-origin']).toBeUndefined();
    }
    const admin = await raw(base, { path: '/_synapse/admin/v1/registration_tokens', headers: { Origin: EVIL } });
    expect([admin.status, admin.headers['access-control-allow-origin']]).toEqual([401, undefined]);
    const matrix = await raw(base, { path: '/_matrix/client/versions', headers: { Origin: EVIL } });
    expect(matrix.headers['access-control-allow-origin']).toBe('*');
  });

  it('refuses their preflights, and still answers the Matrix API’s', async () => {
    const preflight = (path: string) =>
      raw(base, {
        method: 'OPTIONS',
        path,
        headers: {
          Origin: EVIL,
          'Access-Control-Request-Method': 'POST',
          'Access-Control-Request-Headers': 'content-type',
        },
      });
    for (const path of ['/_mock/scenario', '/_mock/reset', '/_synapse/admin/v1/registration_tokens/new']) {
      const reply = await preflight(path);
      expect([path, reply.status, reply.body.errcode]).toEqual([path, 403, 'M_FORBIDDEN']);
      expect(reply.headers['access-control-allow-origin']).toBeUndefined();
    }
    const matrix = await preflight('/_matrix/client/v3/register');
    expect([matrix.status, matrix.headers['access-control-allow-origin']]).toEqual([204, '*']);
  });

  it('opens them to the origins in `controlOrigins` alone, named back', async () => {
    const open = await MockController.create({ overrides: { controlOrigins: [APP] } });
    const server = await listenOnLoopback(open);
    try {
      const preflight = await raw(server.base, {
        method: 'OPTIONS',
        path: '/_mock/scenario',
        headers: { Origin: APP, 'Access-Control-Request-Method': 'POST' },
      });
      expect(preflight.status).toBe(204);
      expect(preflight.headers['access-control-allow-origin']).toBe(APP);
      const inbox = await raw(server.base, { path: '/_mock/inbox', headers: { Origin: APP } });
      expect([inbox.headers['access-control-allow-origin'], inbox.headers.vary]).toEqual([APP, 'Origin']);
      const other = await raw(server.base, { path: '/_mock/inbox', headers: { Origin: EVIL } });
      expect(other.headers['access-control-allow-origin']).toBeUndefined();
    } finally {
      await server.close();
    }
  });

  it('refuses a config whose control origin is not an origin', async () => {
    await expect(
      MockController.create({ overrides: { controlOrigins: ['http://localhost:5173/app'] } }),
    ).rejects.toThrow(/controlOrigins/);
  });
});

describe('changes through /_mock', () => {
  it('refuses a simple request (text/plain, or no body), and nothing changes', async () => {
    await controller.reset('open');
    const textPlain = await raw(base, {
      method: 'POST',
      path: '/_mock/scenario',
      headers: { Origin: EVIL, 'Content-Type': 'text/plain' },
      body: '{"name":"disabled"}',
    });
    expect([textPlain.status, textPlain.body.errcode]).toEqual([415, 'M_NOT_JSON']);
    const form = await raw(base, {
      method: 'POST',
      path: '/_mock/next-error',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: '{"errcode":"M_FORBIDDEN","status":403}',
    });
    expect(form.status).toBe(415);
    const reset = await raw(base, { method: 'POST', path: '/_mock/reset' });
    expect(reset.status).toBe(415);
    expect(controller.scenario).toBe('open');
    expect(controller.forced.size).toBe(0);
  });

  it('takes the same change sent as JSON', async () => {
    await controller.reset('open');
    const json = await raw(base, {
      method: 'POST',
      path: '/_mock/scenario',
      headers: { 'Content-Type': 'application/json; charset=utf-8' },
      body: '{"name":"disabled"}',
    });
    expect(json.status).toBe(200);
    expect(controller.scenario).toBe('disabled');
    await controller.reset('open');
  });
});

describe('the Host allow-list, against DNS rebinding', () => {
  it('refuses another name with 421, and changes nothing', async () => {
    await controller.reset('open');
    const reply = await raw(base, {
      method: 'POST',
      path: '/_mock/scenario',
      headers: { Host: 'evil.example', 'Content-Type': 'application/json' },
      body: '{"name":"disabled"}',
    });
    expect([reply.status, reply.body.errcode]).toEqual([421, 'M_FORBIDDEN']);
    expect(controller.scenario).toBe('open');
    const read = await raw(base, { path: '/_mock/inbox', headers: { Host: 'evil.example:8008' } });
    expect(read.status).toBe(421);
    const matrix = await raw(base, { path: '/_matrix/client/versions', headers: { Host: 'localhost.evil.example' } });
    expect(matrix.status).toBe(421);
  });

  it('serves localhost, IP literals and the host of publicBaseUrl, on any port', async () => {
    for (const host of ['localhost', 'LocalHost:8008', '127.0.0.1:1', '[::1]:8008', '192.168.1.5', '[fe80::1]']) {
      const reply = await raw(base, { path: '/_matrix/client/versions', headers: { Host: host } });
      expect([host, reply.status]).toEqual([host, 200]);
    }
    const behindName = await MockController.create({ overrides: { publicBaseUrl: 'http://mock.ci.internal:8008' } });
    const server = await listenOnLoopback(behindName);
    try {
      const named = await raw(server.base, { path: '/_mock/scenario', headers: { Host: 'mock.ci.internal:8008' } });
      expect(named.status).toBe(200);
      const other = await raw(server.base, { path: '/_mock/scenario', headers: { Host: 'ci.internal' } });
      expect(other.status).toBe(421);
    } finally {
      await server.close();
    }
  });
});

describe('request targets', () => {
  it('answers a target that is not one path with 400, never 500, and never another route', async () => {
    await controller.reset('open');
    const json = { 'Content-Type': 'application/json' };
    for (const path of ['//x/_mock/scenario', '//', '//%ED%A0%80']) {
      const reply = await raw(base, { method: 'POST', path, headers: json, body: '{"name":"disabled"}' });
      expect([path, reply.status, reply.body.errcode]).toEqual([path, 400, 'M_UNRECOGNIZED']);
    }
    const star = await raw(base, { method: 'OPTIONS', path: '*' });
    expect(star.status).toBe(400);
    expect(controller.scenario).toBe('open');
  });
});

describe('binding beyond loopback', () => {
  it('warns on stderr what anyone on the network can then do', async () => {
    const server = await startCli(['--host', '0.0.0.0']);
    try {
      await vi.waitFor(() => expect(server.output()).toContain('WARNING'));
      expect(server.output()).toMatch(/bound to 0\.0\.0\.0:\d+, beyond this machine's loopback/);
      expect(server.output()).toContain('admin-password');
    } finally {
      server.stop();
    }
  });

  it('says nothing on loopback', async () => {
    const server = await startCli([]);
    try {
      // The warning would come on stderr before the address on stdout; give the pipe a moment.
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(server.output()).not.toContain('WARNING');
    } finally {
      server.stop();
    }
  });
});

import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setupServer } from 'msw/node';
import { createHandlers } from './handlers.js';
import { serveController, type HttpServerOptions } from './http-server.js';
import type { ConfigOverrides } from './model/config.js';
import { MockController, type ControllerOptions } from './model/controller.js';
import type { Environment } from './model/environment.js';
import type { ScenarioName } from './model/scenarios.js';
import { nodeEnvironment } from './node-environment.js';

export { createHttpServer, type HttpServerOptions } from './http-server.js';
export { nodeEnvironment } from './node-environment.js';

/**
 * The mock homeserver intercepting `fetch` in Node tests (MSW's `setupServer`). `reset()` starts a
 * fresh homeserver (optionally another scenario) and drops per-test handler overrides.
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

export interface ListenOptions extends HttpServerOptions {
  /** 0 picks a free port; the server name and public URL then carry the port it got. Default 8008. */
  port?: number;
  /** The address to bind. Default `127.0.0.1`; `0.0.0.0` or `::` to be reached from other machines. */
  host?: string;
  scenario?: ScenarioName;
  /** The part after `:` in user IDs. Default `localhost:PORT`. */
  serverName?: string;
  /** Any knob of the config, over the scenario's (what `--config FILE` holds). */
  overrides?: ConfigOverrides;
  env?: Environment;
}

export interface RunningMock {
  /** Where clients reach it, also its `public_baseurl`: `http://localhost:PORT` on a loopback or wildcard host. */
  url: string;
  port: number;
  controller: MockController;
  server: Server;
  close(): Promise<void>;
}

const WILDCARD_HOSTS = new Set(['0.0.0.0', '::', '127.0.0.1', '::1', 'localhost']);

/** The address clients use for a server bound to `host`. */
function publicUrl(host: string, port: number): string {
  if (WILDCARD_HOSTS.has(host)) return `http://localhost:${port}`;
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

/**
 * The mock homeserver as a real HTTP server, as the CLI runs it. It binds first and makes its
 * homeserver after, so that with port 0 the server name and the URLs it hands out (OAuth issuer,
 * email links) name the port it really got.
 */
export async function listen(options: ListenOptions = {}): Promise<RunningMock> {
  const host = options.host ?? '127.0.0.1';
  let controller: MockController | undefined;
  const server = serveController(
    () => {
      if (!controller) throw new Error('The mock homeserver is still starting');
      return controller;
    },
    options.log ? { log: options.log } : {},
  );
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 8008, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const url = publicUrl(host, port);
  const close = () =>
    new Promise<void>((resolve, reject) => {
      server.closeAllConnections();
      server.close((error) => (error ? reject(error) : resolve()));
    });
  try {
    controller = await MockController.create({
      env: options.env ?? nodeEnvironment,
      ...(options.scenario ? { scenario: options.scenario } : {}),
      overrides: { publicBaseUrl: url, serverName: options.serverName ?? `localhost:${port}`, ...options.overrides },
    });
  } catch (error) {
    await close();
    throw error;
  }
  return { url, port, controller, server, close };
}

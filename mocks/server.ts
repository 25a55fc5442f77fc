import type { Server } from 'node:http';
import { isIPv4, type AddressInfo } from 'node:net';
import { serveController, type HttpServerOptions } from './http-server.js';
import type { ConfigOverrides } from './model/config.js';
import { MockController } from './model/controller.js';
import type { Environment } from './model/environment.js';
import type { FamilyName } from './model/families.js';
import type { ScenarioName } from './model/scenarios.js';
import { nodeEnvironment } from './node-environment.js';

/*
 * The mock homeserver as a real HTTP server, with no MSW: what the bin and the Playwright fixture
 * run, so that neither needs the optional `msw` peer.
 */
export { createHttpServer, type HttpServerOptions } from './http-server.js';
export { nodeEnvironment } from './node-environment.js';

export interface ListenOptions extends HttpServerOptions {
  /** 0 picks a free port; the server name and public URL then carry the port it got. Default 8008. */
  port?: number;
  /** The address to bind. Default `127.0.0.1`; `0.0.0.0` or `::` to be reached from other machines. */
  host?: string;
  scenario?: ScenarioName;
  /** The homeserver family to answer as (`--homeserver`); wins over the config file's. Default: the scenario's, else Synapse. */
  homeserver?: FamilyName;
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

/** Loopback and wildcard binds, which this machine's clients reach as `localhost`. */
const LOCALHOST_BINDS = new Set(['0.0.0.0', '::', '127.0.0.1', '::1', 'localhost']);

/** Whether a bind address is this machine's loopback alone (`127.0.0.0/8`, `::1`, `localhost`). */
export function isLoopbackBind(host: string): boolean {
  const bare = host.toLowerCase().replace(/^::ffff:/, '');
  return bare === 'localhost' || bare === '::1' || (isIPv4(bare) && bare.startsWith('127.'));
}

/** What binding beyond loopback hands to everyone who can reach the port; undefined on loopback. */
export function exposureWarning(host: string, port: number): string | undefined {
  if (isLoopbackBind(host)) return undefined;
  return [
    '',
    `WARNING: the mock homeserver is bound to ${host}:${port}, beyond this machine's loopback.`,
    'Anyone on the network who can reach this port can read its mail (email codes and links), list',
    'its accounts and registration tokens, reset it, switch its scenario, force errors, sign in as',
    'its admin (admin / admin-password, public defaults) and register accounts, admins too, with its',
    'public shared secret. Use --host 127.0.0.1 unless this network is yours alone; see "Running it',
    'in shared CI" in its README. Clients on other machines reach it by IP address or by the host of',
    'publicBaseUrl (set it in --config); other names are refused, against DNS rebinding.',
    '',
  ].join('\n');
}

/** The address clients use for a server bound to `host`. */
function publicUrl(host: string, port: number): string {
  if (LOCALHOST_BINDS.has(host)) return `http://localhost:${port}`;
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

/**
 * The mock homeserver as a real HTTP server, as the CLI runs it. It binds first and makes its
 * homeserver after, so that with port 0 the server name and the URLs it hands out (OAuth issuer,
 * email links) name the port it really got. A request in between waits for the homeserver.
 */
export async function listen(options: ListenOptions = {}): Promise<RunningMock> {
  const host = options.host ?? '127.0.0.1';
  let made: (controller: MockController) => void = () => undefined;
  let failed: (error: unknown) => void = () => undefined;
  const ready = new Promise<MockController>((resolve, reject) => {
    made = resolve;
    failed = reject;
  });
  // A start that fails is reported by `listen` itself; early requests then get a 503.
  ready.catch(() => undefined);
  const server = serveController(() => ready, options.log ? { log: options.log } : {});
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 8008, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const url = publicUrl(host, port);
  const warning = exposureWarning(host, port);
  // On stderr, whoever started it (the CLI, the fixture, a script): it must not go unseen.
  if (warning !== undefined) process.stderr.write(`${warning}\n`);
  const close = () =>
    new Promise<void>((resolve, reject) => {
      server.closeAllConnections();
      server.close((error) => (error ? reject(error) : resolve()));
    });
  let controller: MockController;
  try {
    controller = await MockController.create({
      env: options.env ?? nodeEnvironment,
      ...(options.scenario ? { scenario: options.scenario } : {}),
      ...(options.homeserver ? { homeserver: options.homeserver } : {}),
      // A server name given outright wins over a config file's.
      overrides: {
        publicBaseUrl: url,
        serverName: `localhost:${port}`,
        ...options.overrides,
        ...(options.serverName ? { serverName: options.serverName } : {}),
      },
    });
  } catch (error) {
    failed(error);
    await close();
    throw error;
  }
  made(controller);
  return { url, port, controller, server, close };
}

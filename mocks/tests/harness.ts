import { getResponse } from 'msw';
import { spawn } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { createHandlers } from '../handlers';
import { createHttpServer, type HttpServerOptions } from '../http-server';
import type { ConfigOverrides } from '../model/config';
import { MockController } from '../model/controller';
import { fakeEnvironment } from '../model/environment';
import type { ScenarioName } from '../model/scenarios';
import type { FamilyName } from '../model/families';

/**
 * The fields tests read from answers, typed as the spec defines them. They are typed as present:
 * reading an absent one gives undefined, which fails the assertion that reads it.
 */
export interface ReplyBody {
  [key: string]: unknown;
  errcode: string;
  error: string;
  retry_after_ms: number;
  session: string;
  flows: { stages: string[] }[];
  completed: string[];
  params: Record<string, { public_key: string; policies: Record<string, unknown> }>;
  user_id: string;
  access_token: string;
  device_id: string;
  home_server: string;
  refresh_token: string;
  expires_in_ms: number;
  available: boolean;
  valid: boolean;
  sid: string;
  submit_url: string;
  versions: string[];
  prompt_values_supported: string[];
  scenario: string;
  messages: { to: string; link: string; code: string }[];
  accounts: { user_id: string }[];
  nonce: string;
  token: string;
  registration_tokens: { token: string }[];
  soft_logout: boolean;
  is_guest: boolean;
  well_known: Record<string, unknown>;
  capabilities: Record<string, unknown>;
}

export interface Reply {
  status: number;
  body: ReplyBody;
  text: string;
  headers: Headers;
}

export interface CallInit {
  json?: unknown;
  raw?: BodyInit;
  headers?: Record<string, string>;
}

/**
 * The mock homeserver driven through its MSW handlers, as any client would reach it, with a clock
 * that moves only when told and a seeded random generator.
 */
export async function startMock(
  options: { scenario?: ScenarioName; overrides?: ConfigOverrides; homeserver?: FamilyName } = {},
) {
  const env = fakeEnvironment();
  return driveMock(await MockController.create({ ...options, env }), env);
}

/** A controller made elsewhere (restored from saved state, say), driven as `startMock`'s. */
export function driveMock(controller: MockController, env: ReturnType<typeof fakeEnvironment>) {
  const handlers = createHandlers(controller);

  async function call(method: string, path: string, init: CallInit = {}): Promise<Reply> {
    const headers: Record<string, string> = { ...init.headers };
    if (init.json !== undefined) headers['content-type'] = 'application/json';
    const request = new Request(`http://localhost:8008${path}`, {
      method,
      headers,
      body: init.json !== undefined ? JSON.stringify(init.json) : init.raw,
    });
    const response = await getResponse(handlers, request);
    if (!response) throw new Error(`no handler answered ${method} ${path}`);
    const text = await response.text();
    let body = {} as ReplyBody;
    try {
      body = JSON.parse(text) as ReplyBody;
    } catch {
      // Not JSON: tests of HTML pages and faults read `text`.
    }
    return { status: response.status, body, text, headers: response.headers };
  }

  const register = (json: unknown, query = '', headers?: Record<string, string>) =>
    call('POST', `/_matrix/client/v3/register${query}`, { json, headers });

  /** The whole open-server registration: the 401, then the dummy stage. */
  async function registerWithDummy(username: string, password = 'a password', extra: Record<string, unknown> = {}) {
    const first = await register({ username, password, ...extra });
    if (first.status !== 401) return first;
    return register({ auth: { type: 'm.login.dummy', session: first.body.session } });
  }

  return {
    controller,
    env,
    call,
    register,
    registerWithDummy,
    get homeserver() {
      return controller.homeserver;
    },
    get state() {
      return controller.homeserver.state;
    },
  };
}

export type Mock = ReturnType<typeof driveMock>;

/** The HTTP server over `controller` on a free loopback port, for tests that need real sockets. */
export async function listenOnLoopback(controller: MockController, options: HttpServerOptions = {}) {
  const server = createHttpServer(controller, options);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    base: `http://127.0.0.1:${String((server.address() as AddressInfo).port)}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Runs `mocks/cli.ts` as `npm run mock-server` does; resolves with its URL once it listens. */
export function startCli(args: string[]): Promise<{ url: string; stop: () => void; output: () => string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'mocks/cli.ts', '--port', '0', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      // `localhost` as a loopback address, so that Node's fetch does not try ::1 first.
      const match = /on (http:\/\/[^\s:]+:\d+)/.exec(output);
      if (match?.[1])
        resolve({ url: match[1].replace('localhost', '127.0.0.1'), stop: () => child.kill(), output: () => output });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => reject(new Error(`exited ${String(code)}: ${output}`)));
  });
}

/** A loopback port free a moment ago: for a CLI that must know its port before it listens (`--port 0` cannot tell its config). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { isIP } from 'node:net';
import type { MockController } from './model/controller.js';
import { keyed } from './model/records.js';
import { modelRequest } from './model/request.js';
import { matrixError, serialize, type ModelResponse } from './model/response.js';
import { answer } from './model/routes.js';

/** Bodies past this are refused before being read whole; the model's own limit is lower. */
const MAX_READ_BYTES = 1024 * 1024;

export interface HttpServerOptions {
  /** One line per request; never given a body or a query string (they may hold secrets). */
  log?: (line: string) => void;
}

/**
 * The mock homeserver as a real HTTP server: Node's `http` in front of the model's route table,
 * the same one the MSW handlers use in the browser and in tests.
 */
export function createHttpServer(controller: MockController, options: HttpServerOptions = {}): Server {
  return serveController(() => controller, options);
}

/** The same server, asking for its controller per request: `listen` makes one only once it knows its port. */
export function serveController(
  current: () => MockController | Promise<MockController>,
  options: HttpServerOptions = {},
): Server {
  return createServer((incoming, outgoing) => {
    const started = performance.now();
    const answered = Promise.resolve()
      .then(current)
      .then(
        (controller) => respond(incoming, outgoing, controller),
        () => send(outgoing, incoming, matrixError(503, 'M_UNKNOWN', 'The mock homeserver did not start'), true),
      );
    void answered.then((status) => {
      const path = (incoming.url ?? '/').split('?')[0];
      options.log?.(
        `${new Date().toISOString()} ${incoming.method ?? '?'} ${path} ${status} ${Math.round(performance.now() - started)}ms`,
      );
    });
  });
}

async function respond(
  incoming: IncomingMessage,
  outgoing: ServerResponse,
  controller: MockController,
): Promise<number> {
  const { config } = controller.homeserver;
  const cors = config.cors;
  const target = incoming.url ?? '';
  // `//x/_mock/…` would parse as an authority and run `/_mock/…` past a proxy's rule on the path
  // (review M6); `*` and absolute forms are no paths either.
  if (!target.startsWith('/') || target.startsWith('//')) {
    return send(outgoing, incoming, matrixError(400, 'M_UNRECOGNIZED', 'The request target must be a path'), cors);
  }
  if (!isAllowedHost(incoming.headers.host, config.publicBaseUrl)) {
    return send(outgoing, incoming, misdirected(), false);
  }
  try {
    const body = await readBody(incoming);
    if (body === undefined)
      return send(outgoing, incoming, matrixError(413, 'M_TOO_LARGE', 'Request body too large'), cors);
    // Keyed by header names from the request: no prototype, so a header named `__proto__` is a header.
    const headers = keyed<string>();
    for (const [name, value] of Object.entries(incoming.headers)) {
      if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
    }
    // The same normalised path and query a browser's `fetch` would send.
    const url = new URL(`http://mock.invalid${target}`);
    const request = modelRequest({
      method: incoming.method ?? 'GET',
      uri: `${url.pathname}${url.search}`,
      headers,
      body,
      clientIp: incoming.socket.remoteAddress,
    });
    const answered = await answer(controller, request);
    return send(outgoing, incoming, answered, cors, controller.homeserver.family.cors);
  } catch {
    return send(outgoing, incoming, matrixError(500, 'M_UNKNOWN', 'Internal server error'), cors);
  }
}

/**
 * Against DNS rebinding: a page of `evil.example` whose name now points here sends
 * `Host: evil.example`, so only names that cannot be an attacker's are served: `localhost`, any IP
 * literal (rebinding needs a domain name) and `publicBaseUrl`'s host. The same rule as Vite's dev
 * server (`server.allowedHosts`). It guards the whole server, not only `/_mock`: rebinding would
 * also read the mock's HTML pages (OAuth sign-up, consent) and pass `"cors": false`; and a client
 * that reaches the mock by another name gets links to `publicBaseUrl`'s anyway, so it must set it.
 */
export function isAllowedHost(host: string | undefined, publicBaseUrl: string): boolean {
  // RFC 9110 §7.2: `uri-host [":" port]`, the host a bracketed IPv6 literal or a name.
  const match = /^(\[[0-9a-f:.]+\]|[^:[\]@/\\?#]+)(?::\d*)?$/i.exec(host ?? '');
  const name = match?.[1]?.toLowerCase();
  if (name === undefined) return false;
  const bare = name.startsWith('[') ? name.slice(1, -1) : name;
  return name === 'localhost' || isIP(bare) !== 0 || name === new URL(publicBaseUrl).hostname;
}

function misdirected(): ModelResponse {
  return matrixError(
    421,
    'M_FORBIDDEN',
    'This mock answers only for localhost, IP addresses and the host of its publicBaseUrl (against DNS rebinding)',
  );
}

function readBody(incoming: IncomingMessage): Promise<Uint8Array | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    incoming.on('data', (chunk: Buffer) => {
      size += chunk.byteLength;
      if (size > MAX_READ_BYTES) {
        resolve(undefined);
        incoming.removeAllListeners('data');
        incoming.resume();
        return;
      }
      chunks.push(chunk);
    });
    incoming.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    incoming.on('error', reject);
  });
}

function send(
  outgoing: ServerResponse,
  incoming: IncomingMessage,
  response: ModelResponse,
  cors: boolean,
  corsHeaders?: Readonly<Record<string, string>>,
): number {
  const { status, headers, body } = serialize(response, { cors, ...(corsHeaders ? { corsHeaders } : {}) });
  const bytes = Buffer.from(body);
  outgoing.writeHead(status, { ...headers, 'Content-Length': String(bytes.byteLength) });
  outgoing.end(incoming.method === 'HEAD' ? undefined : bytes);
  return status;
}

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { MockController } from './model/controller.js';
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
  const cors = controller.homeserver.config.cors;
  try {
    const body = await readBody(incoming);
    if (body === undefined)
      return send(outgoing, incoming, matrixError(413, 'M_TOO_LARGE', 'Request body too large'), cors);
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(incoming.headers)) {
      if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
    }
    // The same normalised path and query a browser's `fetch` would send.
    const url = new URL(incoming.url ?? '/', 'http://mock.invalid');
    const request = modelRequest({
      method: incoming.method ?? 'GET',
      uri: `${url.pathname}${url.search}`,
      headers,
      body,
      clientIp: incoming.socket.remoteAddress,
    });
    const answered = await answer(controller, request);
    return send(outgoing, incoming, answered, controller.homeserver.config.cors, controller.homeserver.family.cors);
  } catch {
    return send(outgoing, incoming, matrixError(500, 'M_UNKNOWN', 'Internal server error'), cors);
  }
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

import { getResponse } from 'msw';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createHandlers, toHttpResponse } from './handlers';
import type { MockController } from './model/controller';
import { matrixError } from './model/response';

/** Bodies past this are refused before being read whole; the model's own limit is lower. */
const MAX_READ_BYTES = 1024 * 1024;

export interface HttpServerOptions {
  /** One line per request; never given a body or a query string (they may hold secrets). */
  log?: (line: string) => void;
}

/**
 * The mock homeserver as a real HTTP server: Node's `http` in front of the same MSW handlers the
 * browser and the tests use (msw's `getResponse`; no interception involved).
 */
export function createHttpServer(controller: MockController, options: HttpServerOptions = {}): Server {
  const handlers = createHandlers(controller);
  return createServer((incoming, outgoing) => {
    const started = performance.now();
    void respond(incoming, outgoing, handlers, controller).then((status) => {
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
  handlers: ReturnType<typeof createHandlers>,
  controller: MockController,
): Promise<number> {
  try {
    const body = await readBody(incoming);
    if (body === undefined) {
      return await send(outgoing, toHttpResponse(matrixError(413, 'M_TOO_LARGE', 'Request body too large')));
    }
    const headers = new Headers();
    for (const [name, value] of Object.entries(incoming.headers)) {
      if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
    }
    if (!headers.has('x-forwarded-for')) headers.set('x-forwarded-for', incoming.socket.remoteAddress ?? '127.0.0.1');
    const method = incoming.method ?? 'GET';
    const request = new Request(`http://${incoming.headers.host ?? 'localhost'}${incoming.url ?? '/'}`, {
      method,
      headers,
      body: method === 'GET' || method === 'HEAD' ? undefined : new Uint8Array(body),
    });
    const response =
      (await getResponse(handlers, request)) ??
      toHttpResponse(matrixError(404, 'M_UNRECOGNIZED', 'Unrecognized request'));
    return await send(outgoing, response, controller.homeserver.config.cors);
  } catch {
    return await send(outgoing, toHttpResponse(matrixError(500, 'M_UNKNOWN', 'Internal server error')));
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

async function send(outgoing: ServerResponse, response: Response, cors = true): Promise<number> {
  const body = Buffer.from(await response.arrayBuffer());
  // Every handler answer already carries the CORS headers; adding them here too would send each twice.
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    if (cors || !name.toLowerCase().startsWith('access-control-')) headers[name] = value;
  });
  headers['content-length'] = String(body.byteLength);
  outgoing.writeHead(response.status, headers);
  outgoing.end(body);
  return response.status;
}

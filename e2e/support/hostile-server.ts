import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** `body` is the request body as text; only its presence or a field or two matter to these tests. */
export type Answer = (request: IncomingMessage, response: ServerResponse, body: string) => void;

/**
 * A homeserver that behaves badly on purpose, on a loopback port of its own. It answers like a
 * plain open server (versions, a dummy flow) until a test replaces an answer with `on(path, ...)`.
 * Every answer carries CORS headers, so what the page sees is the hostility, not a CORS failure.
 */
export async function startHostileServer() {
  const answers = new Map<string, Answer>();
  const sockets = new Set<import('node:net').Socket>();
  const server = createServer((request, response) => {
    response.setHeader('Access-Control-Allow-Origin', '*');
    response.setHeader('Access-Control-Allow-Headers', 'Content-Type, Authorization');
    response.setHeader('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
    if (request.method === 'OPTIONS') {
      response.writeHead(204).end();
      return;
    }
    const path = (request.url ?? '/').split('?')[0] ?? '/';
    const answer = answers.get(path) ?? defaultAnswer(path);
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      answer(request, response, Buffer.concat(chunks).toString('utf8'));
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    /** `127.0.0.1:<port>`: typed as a server name, it goes through well-known discovery. */
    name: `127.0.0.1:${String(port)}`,
    url: `http://127.0.0.1:${String(port)}`,
    on(path: string, answer: Answer) {
      answers.set(path, answer);
    },
    close: () =>
      new Promise<void>((resolve) => {
        // Hanging requests keep sockets open; close them, or `close` would wait for ever.
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

export type HostileServer = Awaited<ReturnType<typeof startHostileServer>>;

export function json(status: number, body: unknown): Answer {
  return (_, response) => {
    response.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
  };
}

/** What an open server answers to a sign-up without `auth`: do the dummy stage. */
export const askForDummyStage: Answer = json(401, {
  session: 'hostile',
  flows: [{ stages: ['m.login.dummy'] }],
  params: {},
});

/** The page's first `/register` (no username) learns the flows; only the sign-up itself meets `answer`. */
export function onSignUp(answer: Answer): Answer {
  return (request, response, body) =>
    (body.includes('"username"') ? answer : askForDummyStage)(request, response, body);
}

/** Never answers: the request stays open until the page gives up. */
export const never: Answer = () => undefined;

function defaultAnswer(path: string): Answer {
  if (path === '/_matrix/client/versions') return json(200, { versions: ['v1.16'] });
  if (path.endsWith('/register/available')) return json(200, { available: true });
  if (path.endsWith('/register')) return askForDummyStage;
  return json(404, { errcode: 'M_UNRECOGNIZED', error: 'Unrecognized request' });
}

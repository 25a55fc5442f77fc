import { createServer, request as forward, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { listen } from 'matrix-mock-homeserver/server';
import { expect, test } from './fixtures';
import { ADDRESS_WORDS } from '../src/features/registration/address-words';
import { en } from './support/english';

/*
 * Telling a web site that is no Matrix server from a Matrix server that does not allow web pages
 * (no CORS headers), and both from a server having trouble: real servers on free loopback ports,
 * started by each test, against the production build (decision 014).
 */

type Handler = (request: IncomingMessage, response: ServerResponse) => void;

async function serve(handler: Handler) {
  const sockets = new Set<Socket>();
  const server = createServer(handler);
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const name = `127.0.0.1:${String((server.address() as AddressInfo).port)}`;
  return {
    /** Typed as a server name: discovery starts at its well-known. */
    name,
    url: `http://${name}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

const pathOf = (request: IncomingMessage) => (request.url ?? '/').split('?')[0];

function html(response: ServerResponse, status: number, headers: Record<string, string> = {}) {
  response.writeHead(status, { 'Content-Type': 'text/html', ...headers }).end(`<h1>${String(status)}</h1>`);
}

/** An ordinary web site: a home page, and an HTML 404 without CORS headers for everything else. */
const website: Handler = (request, response) => html(response, pathOf(request) === '/' ? 200 : 404);

test.describe('servers that answer without CORS headers', () => {
  // The browser's own report of the refusals these tests provoke.
  test.use({ expectedConsoleErrors: [/has been blocked by CORS policy/] });

  test('a web site is not a Matrix server, not a CORS problem', async ({ page }) => {
    const site = await serve(website);
    try {
      await page.goto(`/?hs=${encodeURIComponent(site.url)}`);
      await expect(page.getByText(en('discovery.not-a-matrix-server', { server: site.name }))).toBeVisible();
      await expect(page.getByText(en('error.transport:cors'))).toBeHidden();
    } finally {
      await site.close();
    }
  });

  test('a Matrix server without CORS headers is named as the CORS case, for its admins', async ({ page, signup }) => {
    const matrix = await listen({ port: 0, overrides: { cors: false } });
    try {
      await page.goto(`/?hs=${encodeURIComponent(matrix.url)}`);
      await expect(page.getByText(en('error.transport:cors'))).toBeVisible();
      await expect(signup.submit).toBeDisabled();
    } finally {
      await matrix.close();
    }
  });

  test('a site that answers every address alike cannot be told apart: "not Matrix" leads', async ({ page }) => {
    const spa = await serve((_, response) => html(response, 200));
    try {
      await page.goto(`/?hs=${encodeURIComponent(spa.url)}`);
      await expect(page.getByText(en('discovery.probably-not-matrix', { server: spa.name }))).toBeVisible();
    } finally {
      await spa.close();
    }
  });

  test('a discovery file served without CORS headers is named, not the site', async ({ page }) => {
    const domain = await serve((request, response) => {
      if (pathOf(request) !== '/.well-known/matrix/client') return html(response, 404);
      response
        .writeHead(200, { 'Content-Type': 'application/json' })
        .end(JSON.stringify({ 'm.homeserver': { base_url: 'http://127.0.0.1:9' } }));
    });
    try {
      await page.goto(`/?hs=${encodeURIComponent(domain.name)}`);
      await expect(
        page.getByText(en('discovery.well-known-no-cors', { server: domain.name, ...ADDRESS_WORDS })),
      ).toBeVisible();
    } finally {
      await domain.close();
    }
  });

  test('a readable well-known naming a server that cannot be read: the Matrix case leads', async ({ page }) => {
    // The homeserver behind a proxy that is down: its 502 page carries no CORS headers.
    const proxy = await serve((_, response) => html(response, 502));
    const domain = await serve((request, response) => {
      if (pathOf(request) !== '/.well-known/matrix/client') return html(response, 404);
      response
        .writeHead(200, { 'Content-Type': 'application/json', 'Access-Control-Allow-Origin': '*' })
        .end(JSON.stringify({ 'm.homeserver': { base_url: proxy.url } }));
    });
    try {
      await page.goto(`/?hs=${encodeURIComponent(domain.name)}`);
      await expect(page.getByText(en('discovery.matrix-unreadable', { server: domain.name }))).toBeVisible();
    } finally {
      await domain.close();
      await proxy.close();
    }
  });
});

test('a server having trouble (a proxy’s 502 page) says so, and trying again works once it is back', async ({
  page,
  signup,
}) => {
  const matrix = await listen({ port: 0 });
  let down = true;
  // A reverse proxy in front of the mock: its own HTML 502 (with CORS headers, as `add_header …
  // always` sends them) while the homeserver is down, the homeserver's answers once it is up.
  const proxy = await serve((request, response) => {
    if (down) return html(response, 502, { 'Access-Control-Allow-Origin': '*' });
    const upstream = forward(
      `http://127.0.0.1:${String(matrix.port)}${request.url ?? '/'}`,
      { method: request.method, headers: request.headers },
      (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(response);
      },
    );
    request.pipe(upstream);
  });
  try {
    await page.goto(`/?hs=${encodeURIComponent(proxy.url)}`);
    await expect(page.getByText(en('error.transport:server'))).toBeVisible();
    await expect(page.getByText(en('discovery.not-a-matrix-server', { server: proxy.name }))).toBeHidden();
    down = false;
    await page.getByRole('button', { name: 'Try again' }).click();
    await expect(page.getByText(en('error.transport:server'))).toBeHidden();
    await signup.fill(`back-${Date.now().toString(36)}`, 'a password 1');
    await signup.ready();
  } finally {
    await proxy.close();
    await matrix.close();
  }
});

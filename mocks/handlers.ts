import { http, HttpResponse, matchRequestUrl, type HttpHandler } from 'msw';
import { usernameAvailable, registrationTokenValidity } from './model/availability';
import type { MockController } from './model/controller';
import { requestEmailToken, SUBMIT_TOKEN_PATH, submitEmailToken } from './model/email';
import { authFallback } from './model/fallback';
import { login, loginFlows } from './model/login';
import { register } from './model/register';
import type { ModelRequest } from './model/request';
import { matrixError, ok, type ModelResponse } from './model/response';
import { isScenarioName } from './model/scenarios';

/** Spec §11 headers, plus `Retry-After` exposed so that browser clients can read the wait. */
export const CORS_HEADERS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'GET, HEAD, POST, PUT, DELETE, OPTIONS',
  'Access-Control-Allow-Headers': 'X-Requested-With, Content-Type, Authorization, Date',
  'Access-Control-Expose-Headers': 'Retry-After',
};

type Method = 'GET' | 'POST';
type Handle = (
  controller: MockController,
  request: ModelRequest,
  params: Record<string, string>,
) => ModelResponse | Promise<ModelResponse>;
interface Route {
  method: Method;
  path: string;
  /** The name `faults` in the config refers to. */
  name?: string;
  handle: Handle;
}

const CURRENT = ['v3', 'r0'];

/** The v3/r0 routes answer only on the prefixes the config serves. */
function onPrefix(handle: Handle): Handle {
  return (controller, request, params) =>
    CURRENT.includes(params.prefix ?? '') && controller.homeserver.config.prefixes.includes(params.prefix as 'v3')
      ? handle(controller, request, params)
      : unrecognized();
}

function unrecognized(): ModelResponse {
  return matrixError(404, 'M_UNRECOGNIZED', 'Unrecognized request');
}

const routes: Route[] = [
  { method: 'GET', path: '/.well-known/matrix/client', name: 'wellKnown', handle: (c) => c.homeserver.wellKnown() },
  { method: 'GET', path: '/_matrix/client/versions', name: 'versions', handle: (c) => c.homeserver.versions() },
  {
    method: 'POST',
    path: '/_matrix/client/:prefix/register',
    name: 'register',
    handle: onPrefix((c, request) => register(c.homeserver, request, 'current')),
  },
  {
    method: 'POST',
    path: '/_matrix/client/api/v2_alpha/register',
    name: 'register',
    handle: (c, request) =>
      c.homeserver.config.prefixes.includes('v2_alpha') ? register(c.homeserver, request, 'seed') : unrecognized(),
  },
  {
    method: 'GET',
    path: '/_matrix/client/:prefix/register/available',
    name: 'available',
    handle: onPrefix((c, request) => usernameAvailable(c.homeserver, request)),
  },
  {
    method: 'POST',
    path: '/_matrix/client/:prefix/register/email/requestToken',
    name: 'requestToken',
    handle: onPrefix((c, request) => requestEmailToken(c.homeserver, request)),
  },
  {
    method: 'GET',
    path: '/_matrix/client/v1/register/m.login.registration_token/validity',
    name: 'validity',
    handle: (c, request) =>
      c.homeserver.config.prefixes.includes('v3') ? registrationTokenValidity(c.homeserver, request) : unrecognized(),
  },
  { method: 'GET', path: '/_matrix/client/:prefix/login', handle: onPrefix((c) => loginFlows(c.homeserver)) },
  {
    method: 'POST',
    path: '/_matrix/client/:prefix/login',
    handle: onPrefix((c, request) => login(c.homeserver, request)),
  },
  {
    method: 'GET',
    path: '/_matrix/client/:prefix/password_policy',
    handle: onPrefix((c) => c.homeserver.passwordPolicy()),
  },
  {
    method: 'GET',
    path: '/_matrix/client/:prefix/auth/:stage/fallback/web',
    handle: onPrefix((c, request, params) => authFallback(c.homeserver, request, params.stage ?? '')),
  },
  {
    method: 'POST',
    path: '/_matrix/client/:prefix/auth/:stage/fallback/web',
    handle: onPrefix((c, request, params) => authFallback(c.homeserver, request, params.stage ?? '')),
  },
  { method: 'GET', path: SUBMIT_TOKEN_PATH, handle: (c, request) => submitEmailToken(c.homeserver, request) },
  { method: 'POST', path: SUBMIT_TOKEN_PATH, handle: (c, request) => submitEmailToken(c.homeserver, request) },
  { method: 'GET', path: '/_matrix/client/v1/auth_metadata', handle: (c) => c.homeserver.authMetadata() },
  {
    method: 'GET',
    path: '/_matrix/client/unstable/org.matrix.msc2965/auth_metadata',
    handle: (c) => c.homeserver.authMetadata(),
  },
  // What a test or a demo needs from outside (documented in the README).
  {
    method: 'GET',
    path: '/_mock',
    handle: (c) =>
      ok({
        ...c.describe(),
        endpoints: [
          'POST /_mock/next-error',
          'GET /_mock/inbox',
          'GET /_mock/accounts',
          'POST /_mock/reset',
          'GET /_mock/scenario',
          'POST /_mock/scenario',
        ],
      }),
  },
  { method: 'GET', path: '/_mock/inbox', handle: (c) => ok({ messages: c.inbox() }) },
  { method: 'GET', path: '/_mock/accounts', handle: (c) => ok({ accounts: c.accounts() }) },
  { method: 'GET', path: '/_mock/scenario', handle: (c) => ok(c.describe()) },
  {
    method: 'POST',
    path: '/_mock/scenario',
    handle: (c, request) => {
      const name = readName(request);
      if (name === undefined || !isScenarioName(name)) return matrixError(400, 'M_INVALID_PARAM', 'Unknown scenario');
      c.setScenario(name);
      return ok(c.describe());
    },
  },
  {
    method: 'POST',
    path: '/_mock/next-error',
    handle: (c, request) => {
      let body: { endpoint?: unknown; errcode?: unknown; status?: unknown; extra?: unknown } = {};
      try {
        body = JSON.parse(new TextDecoder().decode(request.body)) as typeof body;
      } catch {
        // Answered below.
      }
      const { endpoint = 'register', errcode, status, extra = {} } = body;
      if (
        typeof endpoint !== 'string' ||
        typeof errcode !== 'string' ||
        typeof status !== 'number' ||
        typeof extra !== 'object' ||
        extra === null
      ) {
        return matrixError(400, 'M_BAD_JSON', 'Expected {endpoint?, errcode, status, extra?}');
      }
      c.forceNextError(endpoint, errcode, status, extra as Record<string, unknown>);
      return ok({ endpoint, errcode, status });
    },
  },
  {
    method: 'POST',
    path: '/_mock/reset',
    handle: async (c, request) => {
      const name = readName(request);
      if (name !== undefined && !isScenarioName(name)) return matrixError(400, 'M_INVALID_PARAM', 'Unknown scenario');
      await c.reset(name);
      return ok(c.describe());
    },
  },
];

function readName(request: ModelRequest): string | undefined {
  try {
    const body = JSON.parse(new TextDecoder().decode(request.body)) as { name?: unknown };
    return typeof body.name === 'string' ? body.name : undefined;
  } catch {
    return undefined;
  }
}

const FAULTS: Record<string, () => HttpResponse<string>> = {
  'bad-gateway-html': () =>
    new HttpResponse('<html><body><h1>502 Bad Gateway</h1></body></html>', {
      status: 502,
      headers: { 'Content-Type': 'text/html', ...CORS_HEADERS },
    }),
  'internal-error-json': () =>
    new HttpResponse(JSON.stringify({ errcode: 'M_UNKNOWN', error: 'Internal server error' }), {
      status: 500,
      headers: { 'Content-Type': 'application/json', ...CORS_HEADERS },
    }),
  'not-json': () => new HttpResponse('OK', { status: 200, headers: { 'Content-Type': 'text/plain', ...CORS_HEADERS } }),
};

export async function toModelRequest(request: Request): Promise<ModelRequest> {
  const url = new URL(request.url);
  const headers: Record<string, string> = {};
  request.headers.forEach((value, key) => {
    headers[key.toLowerCase()] = value;
  });
  return {
    method: request.method,
    uri: `${url.pathname}${url.search}`,
    query: url.searchParams,
    headers,
    body: new Uint8Array(await request.arrayBuffer()),
    // The HTTP server fills this from the socket; tests may set it to play several clients.
    clientIp: headers['x-forwarded-for']?.split(',')[0]?.trim() ?? '127.0.0.1',
  };
}

export function toHttpResponse(response: ModelResponse): HttpResponse<string> {
  if ('html' in response) {
    return new HttpResponse(response.html, {
      status: response.status,
      headers: { 'Content-Type': 'text/html; charset=utf-8', ...CORS_HEADERS },
    });
  }
  if ('text' in response) {
    return new HttpResponse(response.text, {
      status: response.status,
      headers: { 'Content-Type': response.contentType, ...CORS_HEADERS },
    });
  }
  return new HttpResponse(JSON.stringify(response.body), {
    status: response.status,
    headers: { 'Content-Type': 'application/json', ...CORS_HEADERS, ...response.headers },
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The homeserver's HTTP surface over one controller. Paths match any origin, so that the browser
 * worker, Node tests and the localhost server share this one set; the controller is read per
 * request, so a scenario switch or reset applies at once.
 */
export function createHandlers(controller: MockController): HttpHandler[] {
  const routeHandlers = routes.map((route) =>
    http[route.method === 'GET' ? 'get' : 'post'](`*${route.path}`, async ({ request, params }) => {
      const { config } = controller.homeserver;
      const internal = route.path.startsWith('/_mock');
      if (!internal && config.responseDelayMs > 0) await sleep(config.responseDelayMs);
      const fault = route.name === undefined ? undefined : config.faults[route.name];
      if (fault) return FAULTS[fault]?.();
      const forced = route.name === undefined ? undefined : controller.takeForced(route.name);
      if (forced) return toHttpResponse(forced);
      const response = await route.handle(controller, await toModelRequest(request), params as Record<string, string>);
      // Any request may change state (sessions, mail, rate-limit buckets); `/_mock` reports its own.
      if (!internal) controller.notify();
      return toHttpResponse(response);
    }),
  );
  return [
    // Before any path matching, which would throw on the bad escape: Synapse finds no endpoint there.
    http.all(hasUndecodablePath, () => toHttpResponse(matrixError(404, 'M_UNRECOGNIZED', 'Unrecognized request'))),
    // Preflight: answered without running any endpoint logic (spec §11).
    http.options(
      '*/_matrix/*',
      () => new HttpResponse(null, { status: 204, headers: { ...CORS_HEADERS, 'Content-Length': '0' } }),
    ),
    http.options('*/.well-known/*', () => new HttpResponse(null, { status: 204, headers: CORS_HEADERS })),
    http.options('*/_mock/*', () => new HttpResponse(null, { status: 204, headers: CORS_HEADERS })),
    ...routeHandlers,
    // A known path with another method is 405; anything else under the API is 404.
    http.all('*/_matrix/*', unknownOrWrongMethod),
    http.all('*/.well-known/matrix/*', unknownOrWrongMethod),
  ];
}

/** A homeserver path with a percent-escape that is not UTF-8 (`%zz`, `%E0%A4%A`). */
function hasUndecodablePath({ request }: { request: Request }): boolean {
  const { pathname } = new URL(request.url);
  if (!/\/(_matrix|_mock|\.well-known\/matrix)(\/|$)/.test(pathname)) return false;
  try {
    decodeURIComponent(pathname);
    return false;
  } catch {
    return true;
  }
}

function unknownOrWrongMethod({ request }: { request: Request }): HttpResponse<string> {
  const known = routes.some((route) => matchRequestUrl(new URL(request.url), `*${route.path}`).matches);
  return toHttpResponse(
    known
      ? matrixError(405, 'M_UNRECOGNIZED', 'Unrecognized request')
      : matrixError(404, 'M_UNRECOGNIZED', 'Unrecognized request'),
  );
}

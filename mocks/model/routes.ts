import { accountThreepids, whoami, capabilities } from './account.js';
import { logout } from './logout.js';
import {
  deleteRegistrationToken,
  getRegistrationToken,
  getUser,
  listRegistrationTokens,
  newRegistrationToken,
  sharedSecretNonce,
  sharedSecretRegister,
  updateRegistrationToken,
  updateUser,
} from './admin.js';
import type { ApiPrefix, HomeserverConfig, OAuthConfig } from './config.js';
import type { MockController } from './controller.js';
import { requestMsisdnToken, SUBMIT_TOKEN_PATH, submitEmailToken } from './email.js';
import { FORCEABLE_ENDPOINTS, OAUTH_FORCEABLE_ENDPOINTS } from './errcodes.js';
import { isFamilyName } from './families.js';
import {
  availableForFamily,
  fallbackForFamily,
  passwordPolicyForFamily,
  registerForFamily,
  requestTokenForFamily,
  unrecognized,
  validityForFamily,
} from './family-endpoints.js';
import { login, loginFlows } from './login.js';
import {
  addToken,
  getToken,
  listTokens,
  masAdmin,
  revokeToken,
  unrevokeToken,
  updateToken,
} from './oauth/admin-api.js';
import { authorize } from './oauth/authorize.js';
import { registerClient } from './oauth/client-registration.js';
import { isOAuthApiPath, issuerPath, ownAuthorizationPath } from './oauth/issuer.js';
import { discovery, jwks, userinfo } from './oauth/openid.js';
import { revoke } from './oauth/revoke.js';
import { submitAuthorization } from './oauth/signup-form.js';
import { token } from './oauth/token.js';
import { usernameAvailability } from './oauth/username.js';
import { controlPreflight, isControlPath, refuseSimpleChange, withControlCors } from './control-surface.js';
import { accountPage, consentPage, outsideTheApi, page, staticPage } from './pages.js';
import { register } from './register.js';
import type { ModelRequest } from './request.js';
import { authenticateAdmin } from './requester.js';
import { escapeHtml, matrixError, ok, type ModelResponse } from './response.js';
import { isScenarioName } from './scenarios.js';

const FORCEABLE: readonly string[] = [...FORCEABLE_ENDPOINTS, ...OAUTH_FORCEABLE_ENDPOINTS];

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';
type Params = Record<string, string>;
type Handle = (
  controller: MockController,
  request: ModelRequest,
  params: Params,
) => ModelResponse | Promise<ModelResponse>;
export type EndpointName = (typeof FORCEABLE_ENDPOINTS)[number] | (typeof OAUTH_FORCEABLE_ENDPOINTS)[number];

interface Route {
  method: Method;
  /**
   * `{prefix}` is an API prefix the config serves (r0, v3, unstable); `{issuer}` the OAuth issuer's
   * path (`/oauth2/`); `{authorization}` a configured authorization endpoint's whole path; `{name}`
   * is one path segment.
   */
  path: string;
  /** What faults, `/_mock/next-error` and the panel call it. */
  name?: EndpointName;
  /**
   * On Synapse's router (`Family.routing`): `prefix`, the pattern has no `$`, so any longer path is
   * this endpoint too; `leaf`, a Twisted resource with `isLeaf`, which takes every path below it and
   * answers another method with Twisted's HTML 405.
   */
  synapseMatch?: 'prefix' | 'leaf';
  /** A route of Synapse's router alone (`Family.routing`); the other families do not have it. */
  synapseOnly?: true;
  handle: Handle;
}

/** An endpoint of the OAuth 2.0 server: its routes match only below the configured issuer. */
function oauthOnly(
  handle: (
    controller: MockController,
    oauth: OAuthConfig,
    request: ModelRequest,
    params: Params,
  ) => ModelResponse | Promise<ModelResponse>,
): Handle {
  return (controller, request, params) => {
    const oauth = controller.homeserver.config.oauth;
    return oauth ? handle(controller, oauth, request, params) : unrecognized();
  };
}

/** The registration-token validity check, answered only where the config serves every one of `prefixes`. */
function validityWhereServed(prefixes: readonly ApiPrefix[]): Handle {
  return (controller, request) =>
    prefixes.every((prefix) => controller.homeserver.config.prefixes.includes(prefix))
      ? validityForFamily(controller.homeserver, request)
      : unrecognized();
}

/**
 * The emailed link, where the family mails one. Synapse with MAS routes none
 * (register.py:1070-1073); the mock's MAS page mails its links here too, a likeness of MAS's own.
 */
function emailLink(controller: MockController, request: ModelRequest): ModelResponse {
  const { homeserver } = controller;
  return homeserver.family.serves.requestToken === true || homeserver.config.oauth !== null
    ? submitEmailToken(homeserver, request)
    : unrecognized();
}

const MAS_API = 'api/admin/v1/user-registration-tokens';

/** An endpoint of MAS's admin API: where the OAuth server is on and exposes it (`oauth.adminApi`). */
function masAdminRoute(handler: Parameters<typeof masAdmin>[0], withId: boolean): Handle {
  const endpoint = masAdmin(handler, withId);
  return oauthOnly((c, oauth, request, params) =>
    oauth.adminApi ? endpoint(c.homeserver, request, params.id) : unrecognized(),
  );
}

/** Synapse's `assert_requester_is_admin`, before anything else the endpoint does. */
function adminOnly(handle: Handle): Handle {
  return (controller, request, params) => {
    const admin = authenticateAdmin(controller.homeserver, request);
    return 'error' in admin ? admin.error : handle(controller, request, params);
  };
}

const routes: Route[] = [
  // A Twisted leaf on Synapse: `/.well-known/matrix/client/anything` is the same document
  // (v1.94.0 synapse/rest/well_known.py:68-77).
  {
    method: 'GET',
    path: '/.well-known/matrix/client',
    name: 'wellKnown',
    synapseMatch: 'leaf',
    handle: (c) => c.homeserver.wellKnown(),
  },
  // Synapse's `serve_server_wellknown` is off by default: a plain-text 404 (well_known.py:91-114).
  {
    method: 'GET',
    path: '/.well-known/matrix/server',
    synapseMatch: 'leaf',
    synapseOnly: true,
    handle: () => ({
      status: 404,
      text: '404. Is anything ever truly *well* known?\n',
      contentType: 'text/plain',
      cors: false,
    }),
  },
  { method: 'GET', path: '/_matrix/client/versions', name: 'versions', handle: (c) => c.homeserver.versions() },
  {
    method: 'POST',
    path: '/_matrix/client/{prefix}/register',
    name: 'register',
    handle: (c, request) => registerForFamily(c.homeserver, request),
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
    path: '/_matrix/client/{prefix}/register/available',
    name: 'available',
    // `client_patterns("/register/available")`, without `$` (v1.94.0 register.py:306).
    synapseMatch: 'prefix',
    handle: (c, request) => availableForFamily(c.homeserver, request),
  },
  {
    method: 'POST',
    path: '/_matrix/client/{prefix}/register/email/requestToken',
    name: 'requestToken',
    handle: (c, request) => requestTokenForFamily(c.homeserver, request),
  },
  {
    method: 'POST',
    path: '/_matrix/client/{prefix}/register/msisdn/requestToken',
    // Synapse's only: the Rust servers route none, delegated Synapse neither (register.py:1070-1073).
    handle: (c, request) =>
      c.homeserver.family.lineage === 'synapse' ? requestMsisdnToken(c.homeserver, request) : unrecognized(),
  },
  // Synapse's `client_patterns(..., releases=("v1",))`: v1 (where v3 is served) and unstable beside it;
  // no `$` (v1.94.0 register.py:366-369).
  {
    method: 'GET',
    path: '/_matrix/client/v1/register/m.login.registration_token/validity',
    name: 'validity',
    synapseMatch: 'prefix',
    handle: validityWhereServed(['v3']),
  },
  {
    method: 'GET',
    path: '/_matrix/client/unstable/register/m.login.registration_token/validity',
    name: 'validity',
    synapseMatch: 'prefix',
    handle: validityWhereServed(['v3', 'unstable']),
  },
  { method: 'GET', path: '/_matrix/client/{prefix}/login', handle: (c) => loginFlows(c.homeserver) },
  { method: 'POST', path: '/_matrix/client/{prefix}/login', handle: (c, request) => login(c.homeserver, request) },
  // `client_patterns("/login$", v1=True)`: the 2014 prefix too (v1.94.0 login.py:75), where Synapse
  // serves login at all (not with its accounts delegated, login.py:693-694).
  {
    method: 'GET',
    path: '/_matrix/client/api/v1/login',
    synapseOnly: true,
    handle: (c) => (c.homeserver.family.lineage === 'synapse' ? loginFlows(c.homeserver) : unrecognized()),
  },
  {
    method: 'POST',
    path: '/_matrix/client/api/v1/login',
    synapseOnly: true,
    handle: (c, request) => (c.homeserver.family.lineage === 'synapse' ? login(c.homeserver, request) : unrecognized()),
  },
  {
    method: 'POST',
    path: '/_matrix/client/{prefix}/logout',
    handle: (c, request) => logout(c.homeserver, request, 'device'),
  },
  {
    method: 'POST',
    path: '/_matrix/client/{prefix}/logout/all',
    handle: (c, request) => logout(c.homeserver, request, 'all'),
  },
  {
    method: 'GET',
    path: '/_matrix/client/{prefix}/account/whoami',
    handle: (c, request) => whoami(c.homeserver, request),
  },
  {
    method: 'GET',
    path: '/_matrix/client/{prefix}/account/3pid',
    handle: (c, request) => accountThreepids(c.homeserver, request),
  },
  {
    method: 'GET',
    path: '/_matrix/client/{prefix}/capabilities',
    handle: (c, request) => capabilities(c.homeserver, request),
  },
  {
    method: 'GET',
    path: '/_matrix/client/{prefix}/password_policy',
    handle: (c) => passwordPolicyForFamily(c.homeserver),
  },
  // No `$` on Synapse (v1.94.0 synapse/rest/client/auth.py:42).
  {
    method: 'GET',
    path: '/_matrix/client/{prefix}/auth/{stage}/fallback/web',
    synapseMatch: 'prefix',
    handle: (c, request, params) => fallbackForFamily(c.homeserver, request, params.stage ?? ''),
  },
  {
    method: 'POST',
    path: '/_matrix/client/{prefix}/auth/{stage}/fallback/web',
    synapseMatch: 'prefix',
    handle: (c, request, params) => fallbackForFamily(c.homeserver, request, params.stage ?? ''),
  },
  { method: 'GET', path: SUBMIT_TOKEN_PATH, handle: (c, request) => emailLink(c, request) },
  { method: 'POST', path: SUBMIT_TOKEN_PATH, handle: (c, request) => emailLink(c, request) },
  { method: 'GET', path: '/_matrix/client/v1/auth_metadata', handle: (c) => c.homeserver.authMetadata() },
  {
    method: 'GET',
    path: '/_matrix/client/unstable/org.matrix.msc2965/auth_metadata',
    handle: (c) => c.homeserver.authMetadata(),
  },
  {
    method: 'GET',
    path: '/_matrix/client/unstable/org.matrix.msc2965/auth_issuer',
    handle: (c) => c.homeserver.authIssuer(),
  },
  {
    method: 'GET',
    path: '/_matrix/key/v2/server',
    // Synapse serves its signing keys on the client port too; a client reads `server_name` from it.
    handle: (c) =>
      ok({
        server_name: c.homeserver.config.serverName,
        valid_until_ts: c.homeserver.env.now() + 86_400_000,
        verify_keys: {},
        old_verify_keys: {},
      }),
  },
  // The OAuth 2.0 server of `config.oauth` (MAS's endpoints), below the issuer's path: `model/oauth/`.
  {
    method: 'POST',
    path: '{issuer}register',
    name: 'oauthRegister',
    handle: oauthOnly((c, oauth, request) => registerClient(c.homeserver, oauth, request)),
  },
  {
    method: 'GET',
    path: '{issuer}authorize',
    handle: oauthOnly((c, oauth, request) => authorize(c.homeserver, oauth, request)),
  },
  // A configured authorization endpoint elsewhere on the issuer's origin.
  {
    method: 'GET',
    path: '{authorization}',
    handle: oauthOnly((c, oauth, request) => authorize(c.homeserver, oauth, request)),
  },
  {
    method: 'POST',
    path: '{issuer}authorize/{request}',
    handle: oauthOnly((c, oauth, request, params) =>
      submitAuthorization(c.homeserver, oauth, request, params.request ?? ''),
    ),
  },
  {
    method: 'GET',
    path: '{issuer}username-available',
    handle: oauthOnly((c, _oauth, request) => usernameAvailability(c.homeserver, request)),
  },
  {
    method: 'POST',
    path: '{issuer}token',
    name: 'oauthToken',
    handle: oauthOnly((c, oauth, request) => token(c.homeserver, oauth, request)),
  },
  // OpenID Connect as MAS serves it: discovery below the issuer, the signing keys, userinfo.
  {
    method: 'GET',
    path: '{issuer}.well-known/openid-configuration',
    handle: oauthOnly((_c, oauth) => discovery(oauth)),
  },
  { method: 'GET', path: '{issuer}keys.json', handle: oauthOnly((c) => jwks(c.homeserver)) },
  {
    method: 'GET',
    path: '{issuer}userinfo',
    handle: oauthOnly((c, _oauth, request) => userinfo(c.homeserver, request)),
  },
  {
    method: 'POST',
    path: '{issuer}userinfo',
    handle: oauthOnly((c, _oauth, request) => userinfo(c.homeserver, request)),
  },
  {
    method: 'POST',
    path: '{issuer}revoke',
    name: 'oauthRevoke',
    handle: oauthOnly((c, _oauth, request) => revoke(c.homeserver, request)),
  },
  { method: 'GET', path: '{issuer}account', handle: oauthOnly((c) => accountPage(c.homeserver)) },
  // MAS's admin API for registration tokens (admin/v1/mod.rs:200-235), at MAS's root: here the issuer.
  { method: 'GET', path: `{issuer}${MAS_API}`, handle: masAdminRoute(listTokens, false) },
  { method: 'POST', path: `{issuer}${MAS_API}`, handle: masAdminRoute(addToken, false) },
  { method: 'GET', path: `{issuer}${MAS_API}/{id}`, handle: masAdminRoute(getToken, true) },
  { method: 'PUT', path: `{issuer}${MAS_API}/{id}`, handle: masAdminRoute(updateToken, true) },
  { method: 'POST', path: `{issuer}${MAS_API}/{id}/revoke`, handle: masAdminRoute(revokeToken, true) },
  { method: 'POST', path: `{issuer}${MAS_API}/{id}/unrevoke`, handle: masAdminRoute(unrevokeToken, true) },
  { method: 'GET', path: '/_matrix/consent', handle: (c, request) => consentPage(c.homeserver, request) },
  { method: 'GET', path: '/_matrix/static', handle: (c) => staticPage(c.homeserver) },
  { method: 'GET', path: '/_matrix/static/', handle: (c) => staticPage(c.homeserver) },
  // Synapse's admin API for registration (test suites make tokens and users through it).
  {
    method: 'GET',
    path: '/_synapse/admin/v1/registration_tokens',
    handle: adminOnly((c, request) => listRegistrationTokens(c.homeserver, request)),
  },
  {
    method: 'POST',
    path: '/_synapse/admin/v1/registration_tokens/new',
    handle: adminOnly((c, request) => newRegistrationToken(c.homeserver, request)),
  },
  {
    method: 'GET',
    path: '/_synapse/admin/v1/registration_tokens/{token}',
    handle: adminOnly((c, request, params) => getRegistrationToken(c.homeserver, request, params.token ?? '')),
  },
  {
    method: 'PUT',
    path: '/_synapse/admin/v1/registration_tokens/{token}',
    handle: adminOnly((c, request, params) => updateRegistrationToken(c.homeserver, request, params.token ?? '')),
  },
  {
    method: 'DELETE',
    path: '/_synapse/admin/v1/registration_tokens/{token}',
    handle: adminOnly((c, request, params) => deleteRegistrationToken(c.homeserver, request, params.token ?? '')),
  },
  {
    method: 'GET',
    path: '/_synapse/admin/v2/users/{user}',
    handle: adminOnly((c, _request, params) => getUser(c.homeserver, params.user ?? '')),
  },
  {
    method: 'PUT',
    path: '/_synapse/admin/v2/users/{user}',
    handle: adminOnly((c, request, params) => updateUser(c.homeserver, request, params.user ?? '')),
  },
  { method: 'GET', path: '/_synapse/admin/v1/register', handle: (c) => sharedSecretNonce(c.homeserver) },
  {
    method: 'POST',
    path: '/_synapse/admin/v1/register',
    handle: (c, request) => sharedSecretRegister(c.homeserver, request),
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
          'GET /_mock/registration-tokens',
          'GET /_mock/mas-registration-tokens',
          'POST /_mock/reset',
          'GET /_mock/scenario',
          'POST /_mock/scenario',
        ],
      }),
  },
  { method: 'GET', path: '/_mock/inbox', handle: (c) => ok({ messages: c.inbox() }) },
  { method: 'GET', path: '/_mock/accounts', handle: (c) => ok({ accounts: c.accounts() }) },
  {
    method: 'GET',
    path: '/_mock/registration-tokens',
    handle: (c) => ok({ registration_tokens: c.registrationTokens() }),
  },
  {
    method: 'GET',
    path: '/_mock/mas-registration-tokens',
    handle: (c) => ok({ registration_tokens: c.masRegistrationTokens() }),
  },
  { method: 'GET', path: '/_mock/scenario', handle: (c) => ok(c.describe()) },
  {
    method: 'POST',
    path: '/_mock/scenario',
    handle: (c, request) => {
      const { name, homeserver } = readChoice(request);
      if (name === undefined || !isScenarioName(name)) return matrixError(400, 'M_INVALID_PARAM', 'Unknown scenario');
      if (homeserver !== undefined && !isFamilyName(homeserver)) {
        return matrixError(400, 'M_INVALID_PARAM', 'Unknown homeserver');
      }
      try {
        c.play(name, homeserver);
      } catch (error) {
        return matrixError(400, 'M_INVALID_PARAM', error instanceof Error ? error.message : String(error));
      }
      return ok(c.describe());
    },
  },
  {
    method: 'POST',
    path: '/_mock/next-error',
    handle: (c, request) => {
      let parsed: unknown;
      try {
        parsed = JSON.parse(new TextDecoder().decode(request.body));
      } catch {
        // Answered below.
      }
      // `null`, an array or a number is no request (destructuring `null` threw: security review M6).
      const body: { endpoint?: unknown; errcode?: unknown; status?: unknown; extra?: unknown } =
        typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? parsed : {};
      const { endpoint = 'register', errcode, status, extra = {} } = body;
      if (
        typeof endpoint !== 'string' ||
        typeof errcode !== 'string' ||
        // An HTTP status: any other number made the forced answer's `writeHead` throw later.
        !Number.isInteger(status) ||
        (status as number) < 100 ||
        (status as number) > 599 ||
        typeof extra !== 'object' ||
        extra === null ||
        Array.isArray(extra)
      ) {
        return matrixError(400, 'M_BAD_JSON', 'Expected {endpoint?, errcode, status, extra?}');
      }
      // A misspelt name would wait for a request that never comes, and the test would pass unforced.
      if (!FORCEABLE.includes(endpoint))
        return matrixError(400, 'M_INVALID_PARAM', `Unknown endpoint ${endpoint}; one of ${FORCEABLE.join(', ')}`);
      c.forceNextError(endpoint, errcode, status as number, extra as Record<string, unknown>);
      return ok({ endpoint, errcode, status });
    },
  },
  {
    method: 'POST',
    path: '/_mock/reset',
    handle: async (c, request) => {
      const { name, homeserver } = readChoice(request);
      if (name !== undefined && !isScenarioName(name)) return matrixError(400, 'M_INVALID_PARAM', 'Unknown scenario');
      if (homeserver !== undefined && !isFamilyName(homeserver)) {
        return matrixError(400, 'M_INVALID_PARAM', 'Unknown homeserver');
      }
      try {
        await c.reset(name, homeserver);
      } catch (error) {
        return matrixError(400, 'M_INVALID_PARAM', error instanceof Error ? error.message : String(error));
      }
      return ok(c.describe());
    },
  },
];

/** `{name?, homeserver?}` of the scenario and reset endpoints. */
function readChoice(request: ModelRequest): { name?: string; homeserver?: string } {
  try {
    const body = JSON.parse(new TextDecoder().decode(request.body)) as { name?: unknown; homeserver?: unknown };
    return {
      ...(typeof body.name === 'string' ? { name: body.name } : {}),
      ...(typeof body.homeserver === 'string' ? { homeserver: body.homeserver } : {}),
    };
  } catch {
    return {};
  }
}

const CLIENT_PREFIXES: readonly ApiPrefix[] = ['r0', 'v3', 'unstable'];

interface CompiledRoute extends Route {
  /** The whole path, as every router but Synapse's matches it. */
  pattern: RegExp;
  /** As Synapse's router matches it (`synapseMatch`). */
  synapsePattern: RegExp;
  internal: boolean;
}

const SYNAPSE_ENDS = { prefix: '', leaf: '(?:/.*)?$' } as const;

/** Templates to anchored patterns over the raw (still percent-encoded) path, as Synapse matches. */
const compiled: CompiledRoute[] = routes.map((route) => {
  const source = `^${route.path
    .split(/(\{[a-z]+\})/)
    .map((part) => {
      if (part === '{prefix}') return `(?<prefix>${CLIENT_PREFIXES.join('|')})`;
      if (part === '{issuer}') return '(?<issuer>/(?:.*/)?)';
      if (part === '{authorization}') return '(?<authorization>/.*)';
      if (/^\{[a-z]+\}$/.test(part)) return `(?<${part.slice(1, -1)}>[^/]*)`;
      return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('')}`;
  return {
    ...route,
    internal: route.path.startsWith('/_mock'),
    pattern: new RegExp(`${source}$`),
    synapsePattern: new RegExp(`${source}${route.synapseMatch ? SYNAPSE_ENDS[route.synapseMatch] : '$'}`),
  };
});

/** Python's `urllib.parse.unquote`: percent-escapes decoded as UTF-8, broken ones left as they are. */
function unquote(text: string): string {
  return text.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => {
    try {
      return decodeURIComponent(run);
    } catch {
      return run;
    }
  });
}

/** Paths the homeserver answers in JSON: its APIs, the mock's own (CORS: `control-surface.ts`), and the OAuth server's. */
export function isApiPath(path: string, config: HomeserverConfig): boolean {
  return /^\/(_matrix|_synapse|_mock|\.well-known\/matrix)(\/|$)/.test(path) || isOAuthApiPath(path, config);
}

/** Whether the config serves what the route's placeholders matched (still percent-encoded). */
function served(config: HomeserverConfig, groups: Record<string, string>): boolean {
  if (groups.prefix !== undefined && !config.prefixes.includes(groups.prefix as ApiPrefix)) return false;
  if (groups.issuer !== undefined && (!config.oauth || groups.issuer !== issuerPath(config.oauth))) return false;
  if (groups.authorization === undefined) return true;
  const own = config.oauth ? ownAuthorizationPath(config.oauth) : undefined;
  return own !== undefined && groups.authorization === own;
}

function matchRoutes(controller: MockController, path: string) {
  const { config, family } = controller.homeserver;
  const synapse = family.routing === 'synapse';
  return compiled.flatMap((route) => {
    if (route.synapseOnly && !synapse) return [];
    const match = (synapse ? route.synapsePattern : route.pattern).exec(path);
    if (!match || !served(config, match.groups ?? {})) return [];
    const params = Object.fromEntries(
      Object.entries(match.groups ?? {}).map(([name, value]) => [name, unquote(value)]),
    );
    return [{ route, params }];
  });
}

/**
 * Twisted's answer to a method its resource has no `render_*` for: 405, `Allow` listing the methods
 * it has (`render_HEAD` of the base class first, then the resource's own), and an HTML page, without
 * CORS (twisted.web `Resource.render`, `_computeAllowedMethods`, `server.Request.render`).
 */
function twistedMethodNotAllowed(request: ModelRequest): ModelResponse {
  // Every leaf here has `render_GET` alone.
  const allowed = 'HEAD, GET';
  return {
    status: 405,
    html: page(
      'Method Not Allowed',
      `<p>Your browser approached me (at ${escapeHtml(request.uri)}) with the method "${escapeHtml(request.method)}". I only allow the methods ${allowed} here.</p>`,
    ),
    headers: { Allow: allowed },
    cors: false,
  };
}

/** Deliberate faults of the `broken` scenario. */
const FAULTS: Record<string, ModelResponse> = {
  'bad-gateway-html': { status: 502, html: '<html><body><h1>502 Bad Gateway</h1></body></html>' },
  'internal-error-json': matrixError(500, 'M_UNKNOWN', 'Internal server error'),
  'not-json': { status: 200, text: 'OK', contentType: 'text/plain' },
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The one entry point of the mock homeserver: every transport (the browser's service worker, MSW
 * in Node, the HTTP server) hands a request here and sends back what it returns.
 */
export async function answer(controller: MockController, request: ModelRequest): Promise<ModelResponse> {
  const { config, family } = controller.homeserver;
  if (!isControlPath(request.path, config)) return route(controller, request);
  if (request.method === 'OPTIONS') return controlPreflight(request, config, family.preflightStatus);
  const refused = request.path.startsWith('/_mock') ? refuseSimpleChange(request) : undefined;
  return withControlCors(request, config, refused ?? (await route(controller, request)));
}

async function route(controller: MockController, request: ModelRequest): Promise<ModelResponse> {
  const { path } = request;
  const { family } = controller.homeserver;
  const synapse = family.routing === 'synapse';
  if (request.method === 'OPTIONS') {
    // Preflight: answered without running any endpoint logic (spec §11). Synapse answers 204;
    // tower-http (the Rust servers) and Dendrite 200 (families.ts). Synapse's root resource is an
    // `OptionsResource`, which takes OPTIONS for itself and every path below it, outside the API too
    // (v1.94.0 synapse/app/homeserver.py:133-139, synapse/http/server.py:631-649).
    return synapse || isApiPath(path, controller.homeserver.config)
      ? { status: family.preflightStatus, empty: true, headers: { 'Content-Length': '0' } }
      : outsideTheApi(path);
  }
  const matches = matchRoutes(controller, path);
  const method = request.method === 'HEAD' ? 'GET' : request.method;
  const found = matches.find(({ route }) => route.method === method);
  if (!found) {
    const leaf = synapse ? matches.find(({ route }) => route.synapseMatch === 'leaf') : undefined;
    if (leaf) return twistedMethodNotAllowed(request);
    if (matches.length > 0) return matrixError(405, 'M_UNRECOGNIZED', 'Unrecognized request');
    // Under `/.well-known` Synapse has plain Twisted resources: what they do not know is Twisted's
    // HTML 404 (v1.94.0 synapse/rest/well_known.py:120-129).
    if (synapse && path.startsWith('/.well-known/')) return outsideTheApi(path);
    return isApiPath(path, controller.homeserver.config) ? unrecognized() : outsideTheApi(path);
  }
  const { route, params } = found;
  const { config } = controller.homeserver;
  if (!route.internal && config.responseDelayMs > 0) await sleep(config.responseDelayMs);
  const fault = route.name === undefined ? undefined : config.faults[route.name];
  if (fault) return FAULTS[fault] ?? unrecognized();
  const forced = route.name === undefined ? undefined : controller.takeForced(route.name);
  if (forced) {
    // Used up: the browser mock saves that too, so that a reload does not answer it again.
    controller.notify();
    return forced;
  }
  const response = await route.handle(controller, request, params);
  // Any request may change state (sessions, mail, rate-limit buckets); `/_mock` reports its own.
  if (!route.internal) controller.notify();
  return response;
}

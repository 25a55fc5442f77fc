import * as z from 'zod/mini';
import { MatrixApiError, TransportError } from './errors';
import { homeserverAt, type Homeserver } from './homeserver';
import { requestJson } from './http';
import { isLoopbackHost, isServerName } from './user-id';
import { parseHttpUrl } from './url';
import { fetchPrefix } from './versions';

/** `/.well-known/matrix/client` (spec `wellknown.yaml`); other keys are namespaced and may be anything. */
export const wellKnownSchema = z.looseObject({
  'm.homeserver': z.looseObject({ base_url: z.string() }),
  'org.matrix.msc2965.authentication': z.optional(
    z.looseObject({ issuer: z.string(), account: z.optional(z.string()) }),
  ),
});

export interface DiscoveredServer extends Homeserver {
  /** What the person typed or the config named, for display. */
  serverName: string;
  /**
   * The name after the `:` in this server's user IDs, when it can be known before sign-up: what the
   * server says of itself at `/_matrix/key/v2/server` when that fits what was typed (`ownNameFits`),
   * else the server name typed (or, for a typed address, nothing: the page then does not guess).
   */
  userIdDomain?: string;
  /** An OAuth 2.0 issuer from well-known (MSC2965), when authentication is delegated. */
  oauthIssuer?: string;
  oauthAccountUrl?: string;
}

/**
 * Why discovery stopped, in the spec's terms (client-server API, "Server discovery"):
 * FAIL_PROMPT: well-known exists but is unusable, ask the person; FAIL_ERROR: no usable server.
 */
export type DiscoveryProblem =
  | {
      state: 'FAIL_PROMPT';
      reason: 'well-known-status' | 'well-known-invalid' | 'well-known-redirect-loop';
      status?: number;
    }
  | {
      state: 'FAIL_ERROR';
      reason: 'invalid-base-url' | 'not-a-matrix-server' | 'unreachable' | 'redirect-loop' | 'too-large' | 'insecure';
      cause?: unknown;
    }
  | { state: 'INVALID_INPUT' };

export class DiscoveryError extends Error {
  override readonly name = 'DiscoveryError';
  constructor(readonly problem: DiscoveryProblem) {
    super(problem.state === 'INVALID_INPUT' ? 'invalid input' : `${problem.state}: ${problem.reason}`);
  }
}

/**
 * From what a person typed (a server name or a URL) to a server this client can talk to.
 * A URL is used as given; a name goes through well-known (a 404 or no answer there means IGNORE:
 * the name's own host is tried), then `/versions` picks the API prefix.
 */
export async function discoverHomeserver(input: string, signal?: AbortSignal): Promise<DiscoveredServer> {
  const typed = input.trim();
  if (/^https?:\/\//i.test(typed)) {
    const url = parseHttpUrl(typed);
    if (!url) throw new DiscoveryError({ state: 'INVALID_INPUT' });
    const baseUrl = stripSlash(url);
    const [server, userIdDomain] = await validatedWithOwnName(baseUrl, url.host, signal);
    return { ...server, serverName: url.host, ...(userIdDomain ? { userIdDomain } : {}) };
  }
  if (!isServerName(typed)) throw new DiscoveryError({ state: 'INVALID_INPUT' });

  // Loopback names are development servers without TLS; everything else is https only.
  const scheme = isLoopbackHost(typed.replace(/:\d+$/, '')) ? 'http' : 'https';
  const wellKnown = await fetchWellKnown(`${scheme}://${typed}`, signal);
  if (wellKnown === 'IGNORE') {
    // Without well-known the name typed may be the server's host rather than its name (a Synapse
    // named `example.org` at `matrix.example.org`, or `localhost` at `127.0.0.1:8008`): what the
    // server says of itself wins; the name typed stands only where it says nothing.
    const [server, ownName] = await validatedWithOwnName(`${scheme}://${typed}`, typed, signal);
    return { ...server, serverName: typed, userIdDomain: ownName ?? typed };
  }
  const base = parseHttpUrl(wellKnown['m.homeserver'].base_url);
  if (!base) throw new DiscoveryError({ state: 'FAIL_ERROR', reason: 'invalid-base-url' });
  const auth = wellKnown['org.matrix.msc2965.authentication'];
  return {
    ...(await validated(stripSlash(base), signal)),
    serverName: typed,
    userIdDomain: typed,
    ...(auth ? { oauthIssuer: auth.issuer, oauthAccountUrl: auth.account } : {}),
  };
}

async function fetchWellKnown(
  origin: string,
  signal?: AbortSignal,
): Promise<z.infer<typeof wellKnownSchema> | 'IGNORE'> {
  let body: unknown;
  try {
    const response = await requestJson(`${origin}/.well-known/matrix/client`, {
      signal,
      timeoutMs: 10_000,
      acceptStatuses: [404],
    });
    if (response.status === 404) return 'IGNORE';
    body = response.body;
  } catch (error) {
    if (signal?.aborted) throw error;
    // No answer, or one this page may not read (often: no CORS on a missing file): try the host itself.
    if (error instanceof TransportError && ['network', 'cors', 'timeout', 'offline'].includes(error.failure)) {
      return 'IGNORE';
    }
    // A missing file is 404 whatever its body (often an HTML page): IGNORE.
    if ((error instanceof MatrixApiError || error instanceof TransportError) && error.status === 404) return 'IGNORE';
    if (error instanceof MatrixApiError) {
      throw new DiscoveryError({ state: 'FAIL_PROMPT', reason: 'well-known-status', status: error.status });
    }
    if (error instanceof TransportError && error.failure === 'redirect-loop') {
      throw new DiscoveryError({ state: 'FAIL_PROMPT', reason: 'well-known-redirect-loop' });
    }
    if (error instanceof TransportError && (error.failure === 'not-json' || error.failure === 'too-large')) {
      throw new DiscoveryError({ state: 'FAIL_PROMPT', reason: 'well-known-invalid' });
    }
    throw new DiscoveryError({
      state: 'FAIL_PROMPT',
      reason: 'well-known-status',
      status: error instanceof TransportError ? error.status : undefined,
    });
  }
  const parsed = wellKnownSchema.safeParse(body);
  if (!parsed.success) throw new DiscoveryError({ state: 'FAIL_PROMPT', reason: 'well-known-invalid' });
  return parsed.data;
}

const serverKeysSchema = z.looseObject({ server_name: z.string() });

const hostOf = (serverName: string) => serverName.replace(/:\d+$/, '').toLowerCase();

/**
 * Whether a server's word for its own name may stand in the ID preview: the host typed itself, a
 * domain it sits under (`example.org` for `matrix.example.org`), or anything for a server on this
 * machine (a development server at `127.0.0.1` named `localhost`). Anything else (a server found
 * at `chat.example` saying it is `matrix.org`) would let the server put words in the page's mouth.
 */
export function ownNameFits(typed: string, said: string): boolean {
  const host = hostOf(typed);
  const claimed = hostOf(said);
  return isLoopbackHost(host) || claimed === host || (claimed.includes('.') && host.endsWith(`.${claimed}`));
}

/** The server's own name from its signing-key document; undefined if it will not say (or CORS hides it). */
async function fetchOwnServerName(baseUrl: string, signal?: AbortSignal): Promise<string | undefined> {
  try {
    const { body } = await requestJson(`${baseUrl}/_matrix/key/v2/server`, { signal, timeoutMs: 5_000 });
    const parsed = serverKeysSchema.safeParse(body);
    return parsed.success && isServerName(parsed.data.server_name) ? parsed.data.server_name : undefined;
  } catch (error) {
    if (signal?.aborted) throw error;
    return undefined;
  }
}

/**
 * A password must not travel unprotected: plain http is for this machine only. Checked before the
 * server is asked anything at all, so the page's CSP (https: and loopback only) and this rule agree.
 */
function refuseInsecure(baseUrl: string): void {
  const { protocol, hostname } = new URL(baseUrl);
  if (protocol === 'http:' && !isLoopbackHost(hostname)) {
    throw new DiscoveryError({ state: 'FAIL_ERROR', reason: 'insecure' });
  }
}

/**
 * `/versions` (the API prefix) and, beside it, the server's own name where it fits what was typed
 * (`ownNameFits`), once the address may be used at all: nothing is asked of an insecure one.
 */
async function validatedWithOwnName(
  baseUrl: string,
  typed: string,
  signal?: AbortSignal,
): Promise<[Homeserver, string | undefined]> {
  refuseInsecure(baseUrl);
  const [server, ownName] = await Promise.all([validated(baseUrl, signal), fetchOwnServerName(baseUrl, signal)]);
  return [server, ownName !== undefined && ownNameFits(typed, ownName) ? ownName : undefined];
}

async function validated(baseUrl: string, signal?: AbortSignal): Promise<Homeserver> {
  refuseInsecure(baseUrl);
  try {
    return homeserverAt(baseUrl, await fetchPrefix(baseUrl, signal));
  } catch (error) {
    if (signal?.aborted) throw error;
    const failure = error instanceof TransportError ? error.failure : undefined;
    const unreachable = ['network', 'cors', 'timeout', 'offline', 'mixed-content'].includes(failure ?? '');
    throw new DiscoveryError({
      state: 'FAIL_ERROR',
      reason:
        failure === 'redirect-loop' || failure === 'too-large'
          ? failure
          : unreachable
            ? 'unreachable'
            : 'not-a-matrix-server',
      cause: error,
    });
  }
}

export { parseHttpUrl } from './url';

function stripSlash(url: URL): string {
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
}

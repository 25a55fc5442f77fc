import * as z from 'zod/mini';
import { MatrixApiError, TransportError } from './errors';
import { homeserverAt, type Homeserver } from './homeserver';
import { requestJson } from './http';
import { probeWithoutCors, verdictOf } from './no-cors-probe';
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
 * A server that is there but failing (a 5xx) is not a discovery problem: that throws the
 * `TransportError` ('server'), which the page words as "try again".
 *
 * Where the server answered but not to this page (no CORS headers), decision 014:
 * `unreachable` with the `cors` TransportError as cause: a Matrix server that does not allow this
 * page; `not-a-matrix-server`: a web site that is not one; `well-known-no-cors`: the name's
 * discovery file exists but may not be read here; `matrix-unreadable`: the well-known names a
 * server that cannot be read and could not be told apart further; `probably-not-matrix`: the
 * same without a well-known, where "not a Matrix server" is by far the likelier case.
 */
export type DiscoveryProblem =
  | {
      state: 'FAIL_PROMPT';
      reason: 'well-known-status' | 'well-known-invalid' | 'well-known-redirect-loop' | 'well-known-no-cors';
      status?: number;
    }
  | {
      state: 'FAIL_ERROR';
      reason:
        | 'invalid-base-url'
        | 'not-a-matrix-server'
        | 'unreachable'
        | 'redirect-loop'
        | 'too-large'
        | 'insecure'
        | 'matrix-unreadable'
        | 'probably-not-matrix';
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
    const [server, userIdDomain] = await validatedWithOwnName(baseUrl, url.host, {}, signal);
    return { ...server, serverName: url.host, ...(userIdDomain ? { userIdDomain } : {}) };
  }
  if (!isServerName(typed)) throw new DiscoveryError({ state: 'INVALID_INPUT' });

  // Loopback names are development servers without TLS; everything else is https only.
  const scheme = isLoopbackHost(typed.replace(/:\d+$/, '')) ? 'http' : 'https';
  const wellKnownUrl = `${scheme}://${typed}${WELL_KNOWN_PATH}`;
  const wellKnown = await fetchWellKnown(wellKnownUrl, signal);
  if (wellKnown === 'IGNORE' || wellKnown === 'UNREADABLE') {
    // Without well-known the name typed may be the server's host rather than its name (a Synapse
    // named `example.org` at `matrix.example.org`, or `localhost` at `127.0.0.1:8008`): what the
    // server says of itself wins; the name typed stands only where it says nothing.
    const evidence = wellKnown === 'UNREADABLE' ? { unreadableWellKnown: wellKnownUrl } : {};
    const [server, ownName] = await validatedWithOwnName(`${scheme}://${typed}`, typed, evidence, signal);
    return { ...server, serverName: typed, userIdDomain: ownName ?? typed };
  }
  const base = parseHttpUrl(wellKnown['m.homeserver'].base_url);
  if (!base) throw new DiscoveryError({ state: 'FAIL_ERROR', reason: 'invalid-base-url' });
  const auth = wellKnown['org.matrix.msc2965.authentication'];
  return {
    ...(await validated(stripSlash(base), { namedByWellKnown: true }, signal)),
    serverName: typed,
    userIdDomain: typed,
    ...(auth ? { oauthIssuer: auth.issuer, oauthAccountUrl: auth.account } : {}),
  };
}

const WELL_KNOWN_PATH = '/.well-known/matrix/client';

/**
 * The well-known file, or IGNORE (the spec's word: try the name's own host), or UNREADABLE: IGNORE
 * too, but the host answered without CORS headers, so the file may be there (decision 014).
 */
async function fetchWellKnown(
  url: string,
  signal?: AbortSignal,
): Promise<z.infer<typeof wellKnownSchema> | 'IGNORE' | 'UNREADABLE'> {
  let body: unknown;
  try {
    const response = await requestJson(url, { signal, timeoutMs: 10_000, acceptStatuses: [404] });
    if (response.status === 404) return 'IGNORE';
    body = response.body;
  } catch (error) {
    if (signal?.aborted) throw error;
    // One this page may not read (often: no CORS on a missing file): try the host itself.
    if (error instanceof TransportError && error.failure === 'cors') return 'UNREADABLE';
    // No answer: try the host itself.
    if (error instanceof TransportError && ['network', 'timeout', 'offline'].includes(error.failure)) {
      return 'IGNORE';
    }
    // A missing file is 404 whatever its body (often an HTML page): IGNORE.
    if ((error instanceof MatrixApiError || error instanceof TransportError) && error.status === 404) return 'IGNORE';
    // The site is there but failing: trying again later is what helps, not another address.
    const trouble = serverTrouble(error);
    if (trouble) throw trouble;
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

/**
 * A 5xx, as JSON (Synapse's `M_UNKNOWN` 500) or as a proxy's HTML 502/503/504 page: the server is
 * having trouble right now, whatever it is. Thrown as the transport's `server` failure, which the
 * page words as such and offers to try again (it read "no Matrix homeserver here" before).
 */
function serverTrouble(error: unknown): TransportError | undefined {
  if (error instanceof MatrixApiError && error.status >= 500) return new TransportError('server', error.status);
  if (error instanceof TransportError && error.failure === 'server') return error;
  return undefined;
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

/** What discovery knew of a server before asking it, for when it answers without CORS headers. */
interface Evidence {
  /** A readable well-known named this base URL: the domain's owner says a Matrix server is there. */
  namedByWellKnown?: boolean;
  /** The name's well-known, which answered without CORS headers too. */
  unreadableWellKnown?: string;
}

/**
 * `/versions` (the API prefix) and, beside it, the server's own name where it fits what was typed
 * (`ownNameFits`), once the address may be used at all: nothing is asked of an insecure one.
 */
async function validatedWithOwnName(
  baseUrl: string,
  typed: string,
  evidence: Evidence,
  signal?: AbortSignal,
): Promise<[Homeserver, string | undefined]> {
  refuseInsecure(baseUrl);
  const [server, ownName] = await Promise.all([
    validated(baseUrl, evidence, signal),
    fetchOwnServerName(baseUrl, signal),
  ]);
  return [server, ownName !== undefined && ownNameFits(typed, ownName) ? ownName : undefined];
}

async function validated(baseUrl: string, evidence: Evidence, signal?: AbortSignal): Promise<Homeserver> {
  refuseInsecure(baseUrl);
  try {
    return homeserverAt(baseUrl, await fetchPrefix(baseUrl, signal));
  } catch (error) {
    if (signal?.aborted) throw error;
    const trouble = serverTrouble(error);
    if (trouble) throw trouble;
    const failure = error instanceof TransportError ? error.failure : undefined;
    if (error instanceof TransportError && error.failure === 'cors')
      throw await withoutCors(baseUrl, error, evidence, signal);
    const unreachable = ['network', 'timeout', 'offline', 'mixed-content'].includes(failure ?? '');
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

/**
 * `/versions` answered, but not to this page. Is it a Matrix server that does not allow web pages
 * (its admins can fix that), or a web site that is no Matrix server (the person can)? What the
 * well-known said and what the browser reveals of a few statuses decide; where they cannot, the
 * likelier case leads (decision 014).
 */
async function withoutCors(
  baseUrl: string,
  cors: TransportError,
  evidence: Evidence,
  signal?: AbortSignal,
): Promise<DiscoveryError> {
  const probed = await probeWithoutCors(baseUrl, evidence.unreadableWellKnown, signal);
  signal?.throwIfAborted();
  const verdict = verdictOf(probed);
  if (verdict === 'matrix') return new DiscoveryError({ state: 'FAIL_ERROR', reason: 'unreachable', cause: cors });
  if (verdict === 'well-known') return new DiscoveryError({ state: 'FAIL_PROMPT', reason: 'well-known-no-cors' });
  // The probes, not the CORS failure, are the cause: the page then words the reason, not "CORS".
  const reason = evidence.namedByWellKnown
    ? 'matrix-unreadable'
    : verdict === 'not-matrix'
      ? 'not-a-matrix-server'
      : 'probably-not-matrix';
  return new DiscoveryError({ state: 'FAIL_ERROR', reason, cause: probed });
}

export { parseHttpUrl } from './url';

function stripSlash(url: URL): string {
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
}

/**
 * What a page may still learn about a server that answers, but not to this page (no CORS headers):
 * whether a few of its addresses answer with a success or an error status. Decision 014 has the
 * measurements behind every rule here.
 *
 * `<link rel=prefetch>` is the only cross-origin load measured (Debian Chromium 156) whose `load`
 * and `error` events follow the HTTP status whatever the content type: 2xx and 3xx-to-2xx fire
 * `load`, 4xx and 5xx fire `error`. Images, styles, scripts and fonts all fire `error` for a JSON
 * answer (Opaque Response Blocking), and a `no-cors` fetch or Resource Timing shows status 0.
 */

/** How one probe ended: `silent` when the browser fired nothing in time (or cannot prefetch). */
export type LoadOutcome = 'load' | 'error' | 'silent';

export interface NoCorsEvidence {
  /** `/_matrix/client/versions`: every Matrix server answers it with 200. */
  versions: LoadOutcome;
  /** A path under `/_matrix/client/` that no server defines: every Matrix server answers it with 404. */
  unknownPath: LoadOutcome;
  /** The site's root: a success here shows that this browser reports success at all. */
  root: LoadOutcome;
  /** `/.well-known/matrix/client` of the name typed, when reading it failed the same way. */
  wellKnown?: LoadOutcome;
}

/**
 * - `matrix`: `/versions` succeeds where an unknown Matrix path fails: a Matrix server that does not
 *   allow this page.
 * - `well-known`: the name's discovery file exists (and an unknown path fails), unreadable here.
 * - `not-matrix`: the site answers its root, and `/versions` with an error.
 * - `unknown`: anything else, including a site that answers every path alike and a browser that
 *   reports nothing, or an error for everything (a stricter CSP, prefetching turned off).
 */
export type NoCorsVerdict = 'matrix' | 'well-known' | 'not-matrix' | 'unknown';

export function verdictOf(evidence: NoCorsEvidence): NoCorsVerdict {
  // The unknown path must fail, or success says nothing (a site that answers 200 to every path).
  const pathsDiffer = evidence.unknownPath === 'error';
  if (evidence.versions === 'load' && pathsDiffer) return 'matrix';
  if (evidence.wellKnown === 'load' && pathsDiffer) return 'well-known';
  // An error means a 4xx or 5xx only in a browser seen to report a success on this very site.
  if (evidence.versions === 'error' && evidence.root === 'load' && evidence.wellKnown !== 'load') return 'not-matrix';
  return 'unknown';
}

/** Long enough for a slow server; a browser that never fires (no prefetch support) waits this once. */
const PROBE_TIMEOUT_MS = 5_000;

function randomNonce(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(8)), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** One prefetch, removed again once it has ended. */
function probe(url: string, signal?: AbortSignal): Promise<LoadOutcome> {
  return new Promise((resolve) => {
    const link = document.createElement('link');
    const done = (outcome: LoadOutcome) => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', silent);
      link.remove();
      resolve(outcome);
    };
    const silent = () => done('silent');
    const timer = setTimeout(silent, PROBE_TIMEOUT_MS);
    signal?.addEventListener('abort', silent);
    link.rel = 'prefetch';
    // No page address to the server (the query may carry an invite). Cookies cannot be left out
    // without CORS mode (`crossorigin`), which would make every probe fail: see decision 014.
    link.referrerPolicy = 'no-referrer';
    link.addEventListener('load', () => done('load'));
    link.addEventListener('error', () => done('error'));
    link.href = url;
    document.head.append(link);
  });
}

/**
 * Probes `baseUrl` (and the name's well-known, if given). Each address carries a fresh query, so
 * that the prefetched answer (kept in the HTTP cache for minutes, without CORS headers) is never
 * the one a later real request gets once the admins have fixed the server.
 */
export async function probeWithoutCors(
  baseUrl: string,
  wellKnownUrl: string | undefined,
  signal?: AbortSignal,
): Promise<NoCorsEvidence> {
  const nobody: NoCorsEvidence = { versions: 'silent', unknownPath: 'silent', root: 'silent' };
  if (signal?.aborted || typeof document === 'undefined') return nobody;
  if (!document.createElement('link').relList.supports('prefetch')) return nobody;
  const nonce = randomNonce();
  const fresh = (url: string) => `${url}?probe=${nonce}`;
  const [versions, unknownPath, root, wellKnown] = await Promise.all([
    probe(fresh(`${baseUrl}/_matrix/client/versions`), signal),
    probe(fresh(`${baseUrl}/_matrix/client/${nonce}`), signal),
    probe(fresh(new URL('/', baseUrl).href), signal),
    wellKnownUrl === undefined ? undefined : probe(fresh(wellKnownUrl), signal),
  ]);
  return { versions, unknownPath, root, ...(wellKnown ? { wellKnown } : {}) };
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

export function parseUrl(text: unknown): URL | undefined {
  if (typeof text !== 'string') return undefined;
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}

/**
 * Spec v1.18 "Client metadata": `https`, no user or password in the authority. Plain `http` passes
 * on loopback only, and only while insecure URIs are allowed (MAS's `allow_insecure_uris`, which is
 * what lets a development server on `http://localhost:5173` register at all).
 */
export function isSecureUri(url: URL, allowInsecure: boolean): boolean {
  if (url.username !== '' || url.password !== '') return false;
  if (url.protocol === 'https:') return true;
  return allowInsecure && url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname);
}

/** On the client URI's host or a subdomain of it; the port, path and query may differ (spec v1.18). */
export function isOnHostOf(clientUri: URL, url: URL): boolean {
  return url.hostname === clientUri.hostname || url.hostname.endsWith(`.${clientUri.hostname}`);
}

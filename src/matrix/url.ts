/** How to name a server a person typed: the host of a URL, else the name as typed. */
export function displayServerName(input: string): string {
  const trimmed = input.trim();
  return /^https?:\/\//i.test(trimmed) ? (parseHttpUrl(trimmed)?.host ?? trimmed) : trimmed;
}

/** Only http and https: a `javascript:` or `data:` URL from a hostile server goes nowhere. */
export function parseHttpUrl(value: string): URL | undefined {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url : undefined;
  } catch {
    return undefined;
  }
}

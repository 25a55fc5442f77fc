/**
 * The query and fragment of an address, as `location.search` and `location.hash` give them, taken
 * from the string (`document.URL`): the script before paint reads them without making `location`'s
 * script object, whose first touch costs more on a slow CPU than this (decision 029).
 */
export function addressParts(address: string): { search: string; hash: string } {
  const hashAt = (address + '#').indexOf('#');
  const queryAt = (address.slice(0, hashAt) + '?').indexOf('?');
  // `location` gives '' for a lone `?` or `#`.
  const part = (from: number, to: number) => (to - from > 1 ? address.slice(from, to) : '');
  return { search: part(queryAt, hashAt), hash: part(hashAt, address.length) };
}

/**
 * The query and fragment of an address, as `location.search` and `location.hash` give them, taken
 * from the string (`document.URL`): the script before paint reads them without making `location`'s
 * script object, whose first touch costs more on a slow CPU than this (decision 029).
 */
export function addressParts(address: string): { search: string; hash: string } {
  const hashAt = address.indexOf('#');
  const beforeHash = hashAt < 0 ? address : address.slice(0, hashAt);
  const queryAt = beforeHash.indexOf('?');
  // `location` gives '' for a lone `?` or `#`.
  const search = queryAt < 0 ? '' : beforeHash.slice(queryAt);
  const hash = hashAt < 0 ? '' : address.slice(hashAt);
  return { search: search === '?' ? '' : search, hash: hash === '#' ? '' : hash };
}

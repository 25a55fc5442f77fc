/**
 * The protocol layer (src/matrix with its zod schemas) and the error wording load as one chunk,
 * started by the first query right after the form renders: the form is usable before it arrives.
 */
export const loadProtocol = () => import('./protocol-chunk');
export type Protocol = Awaited<ReturnType<typeof loadProtocol>>;

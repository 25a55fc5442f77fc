import { createHash, randomFillSync } from 'node:crypto';
import { secureEnvironment } from './model/environment.js';

/**
 * The model's environment in Node: the same secure randomness and the same SHA-256 as in the
 * browser, but Node's synchronous `crypto`, which spares each password a thread-pool round trip
 * (13 % of a registration's time in the HTTP server's profile, docs/performance.md).
 */
export const nodeEnvironment = secureEnvironment(
  (bytes) => randomFillSync(bytes),
  (text) => createHash('sha256').update(text).digest('hex'),
);

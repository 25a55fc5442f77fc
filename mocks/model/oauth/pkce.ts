import { sha256Hex, type Environment } from '../environment.js';
import { base64url, bytesOfHex } from './encoding.js';

/** RFC 7636 §4.1: 43 to 128 unreserved characters. */
const VERIFIER = /^[A-Za-z0-9\-._~]{43,128}$/;
/** RFC 7636 §4.2: a challenge has the verifier's grammar (an S256 one is 43 base64url characters). */
export const CHALLENGE = VERIFIER;

/** RFC 7636 §4.6 for S256: `BASE64URL(SHA256(ASCII(code_verifier))) == code_challenge`. */
export async function verifierMatches(verifier: string, challenge: string, env: Environment): Promise<boolean> {
  if (!VERIFIER.test(verifier)) return false;
  return base64url(bytesOfHex(await sha256Hex(verifier, env))) === challenge;
}

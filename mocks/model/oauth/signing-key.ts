import { base64url, base64urlOfText } from './encoding.js';
import type { OAuthState } from './state.js';

/**
 * RS256 (RFC 7518 §3.3): what MAS signs an id_token with unless the client registered another
 * algorithm (`generate_id_token` in MAS's `oauth2/mod.rs`), and what matrix-js-sdk registers.
 */
const RS256: RsaHashedImportParams = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' };

/** The server's signing key as the state keeps it: plain JSON, so it is saved and restored with the rest. */
export interface SigningKey {
  /** RFC 7638 thumbprint, MAS's `kid` for a key configured without one (`config/src/sections/secrets.rs`). */
  kid: string;
  /** The private key as WebCrypto exports it. */
  jwk: JsonWebKey;
}

/** Imported keys, so that each id_token does not import the JWK again. */
const imported = new WeakMap<SigningKey, Promise<CryptoKey>>();

/**
 * This server's key: the one in its state, else a new RSA key, made on first need (a 2048-bit key
 * takes WebCrypto tens of milliseconds, which a server that never signs should not pay). Each
 * homeserver state has its own, as each MAS has its own keystore. Two requests that both find none
 * both make one, and the first one stored is the key of both.
 */
export async function signingKey(oauth: OAuthState): Promise<SigningKey> {
  if (oauth.signingKey) return oauth.signingKey;
  const made = await newSigningKey();
  oauth.signingKey ??= made;
  return oauth.signingKey;
}

async function newSigningKey(): Promise<SigningKey> {
  const pair = await crypto.subtle.generateKey(
    { ...RS256, modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]) },
    true,
    ['sign', 'verify'],
  );
  const jwk = await crypto.subtle.exportKey('jwk', pair.privateKey);
  return { kid: await thumbprint(jwk), jwk };
}

/** RFC 7638 §3: SHA-256 over the required members in lexicographic order, without whitespace. */
async function thumbprint(jwk: JsonWebKey): Promise<string> {
  const members = JSON.stringify({ e: jwk.e, kty: jwk.kty, n: jwk.n });
  return base64url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(members))));
}

/** The public half as the JWKS publishes it: MAS's keys carry their `kid` and `use: sig`, and no `alg`. */
export function publicJwk(key: SigningKey): JsonWebKey & { kid: string } {
  return { kty: 'RSA', use: 'sig', kid: key.kid, n: key.jwk.n, e: key.jwk.e };
}

/** A JWS in compact serialization (RFC 7515 §7.1) over `claims`, with MAS's header: `alg` and `kid`. */
export async function signJwt(oauth: OAuthState, claims: Record<string, unknown>): Promise<string> {
  const key = await signingKey(oauth);
  let cryptoKey = imported.get(key);
  if (!cryptoKey) {
    cryptoKey = crypto.subtle.importKey('jwk', key.jwk, RS256, false, ['sign']);
    imported.set(key, cryptoKey);
  }
  const input = `${base64urlOfText(JSON.stringify({ alg: 'RS256', kid: key.kid }))}.${base64urlOfText(JSON.stringify(claims))}`;
  const signature = await crypto.subtle.sign(RS256, await cryptoKey, new TextEncoder().encode(input));
  return `${input}.${base64url(new Uint8Array(signature))}`;
}

/** RFC 4648 §5 base64url without padding: how JOSE (RFC 7515 §2) and PKCE (RFC 7636 §4.2) write bytes. */
export function base64url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export const base64urlOfText = (text: string): string => base64url(new TextEncoder().encode(text));

/** The bytes a hex digest (`sha256Hex`) stands for. */
export function bytesOfHex(hex: string): Uint8Array {
  return Uint8Array.from(hex.match(/../g) ?? [], (pair) => parseInt(pair, 16));
}

/** Crockford's base 32, the alphabet of MAS's ULIDs (its client IDs, and its users' `sub`). */
export const ULID_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** `value` in `length` Crockford base-32 digits, most significant first, as a ULID writes its parts. */
export function crockford(value: bigint, length: number): string {
  let text = '';
  let rest = value;
  for (let digit = 0; digit < length; digit++) {
    text = ULID_ALPHABET.charAt(Number(rest % 32n)) + text;
    rest /= 32n;
  }
  return text;
}

import { createHmac } from 'node:crypto';
import type { Exchange } from './transcript';

/** The throwaway `registration_shared_secret` of the recorded server (README beside the transcript). */
export const RECORDED_SHARED_SECRET = 'uJIMS.tVzR@h&wOG9X_V3,Pae9j.hRI1xOTrn3qsoUor-3fCNC';
export const REDACTED_ACCESS_TOKEN = 'syt_REDACTED';
/** Synapse 1.94 gives guests macaroons; the email recording redacts them so. */
export const REDACTED_GUEST_TOKEN = 'guest_REDACTED';

export interface OutgoingRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string | null;
}

type Json = Record<string, unknown>;

function parseObject(text: string | null): Json | undefined {
  if (text === null) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : undefined;
  } catch {
    return undefined;
  }
}

/** Synapse's shared-secret `mac`: HMAC-SHA1 over `nonce NUL username NUL password NUL admin|notadmin`. */
export function sharedSecretMac(secret: string, body: Json, nonce: string): string {
  return createHmac('sha1', secret)
    .update(
      [nonce, String(body.username), String(body.password), body.admin === true ? 'admin' : 'notadmin'].join('\0'),
    )
    .digest('hex');
}

/**
 * What a replay carries from earlier answers into later requests, as a client would: the UIA
 * session IDs, the admin's access token, registration tokens the admin API generated, and
 * shared-secret nonces (with the `mac` computed again over the mock's nonce). Synapse's random
 * values are mapped to the mock's; everything else in a request is sent exactly as recorded.
 */
export class Carry {
  /** Synapse's random value to the mock's: sessions, generated tokens, nonces. */
  private readonly replacements = new Map<string, string>();
  /** Synapse's device ID to the mock's access token for it (whoami names the device it answers for). */
  private readonly tokenByDevice = new Map<string, string>();
  private readonly tokenByUser = new Map<string, string>();
  /** The newest access token any answer gave: who a request by an unnamed user is from. */
  private lastToken: string | undefined;

  constructor(
    /** The recorded server's. */
    private readonly recordedSecret: string,
    /** The mock's. */
    private readonly sharedSecret: string,
  ) {}

  rewrite(exchange: Exchange): OutgoingRequest {
    let body = exchange.request_body === null ? null : this.substitute(exchange.request_body);
    const recorded = parseObject(exchange.request_body);
    if (recorded && typeof recorded.nonce === 'string' && typeof recorded.mac === 'string' && body !== null) {
      const parsed = parseObject(body) ?? {};
      // A mac that was right for Synapse's nonce is made right for the mock's; a wrong one stays wrong.
      if (recorded.mac === sharedSecretMac(this.recordedSecret, recorded, recorded.nonce)) {
        body = JSON.stringify({ ...parsed, mac: sharedSecretMac(this.sharedSecret, parsed, String(parsed.nonce)) });
      }
    }
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(exchange.request_headers)) {
      headers[name] = name === 'Authorization' ? this.authorization(exchange, value) : value;
    }
    return { method: exchange.method, path: this.substitute(exchange.path), headers, body };
  }

  /** Remembers what the mock answered in place of what Synapse answered. */
  learn(exchange: Exchange, answered: string): void {
    const recorded = parseObject(exchange.response_body);
    const actual = parseObject(answered);
    if (!recorded || !actual) return;
    for (const key of ['session', 'nonce', 'sid'] as const) {
      const [from, to] = [recorded[key], actual[key]];
      if (typeof from === 'string' && typeof to === 'string') this.replacements.set(from, to);
    }
    // A token the admin API made up maps to the mock's; one the admin chose stands for itself.
    if (exchange.path.endsWith('/registration_tokens/new')) {
      if (typeof recorded.token === 'string' && typeof actual.token === 'string') {
        this.replacements.set(recorded.token, actual.token);
      }
    }
    if (typeof actual.access_token === 'string') {
      this.lastToken = actual.access_token;
      if (typeof recorded.device_id === 'string') this.tokenByDevice.set(recorded.device_id, actual.access_token);
      if (typeof actual.user_id === 'string') this.tokenByUser.set(actual.user_id, actual.access_token);
    }
  }

  /** An emailed link's token (and sid): the mock's stands for Synapse's from now on. */
  learnLink(recorded: URL, mock: URL): void {
    for (const key of ['token', 'sid']) {
      const [from, to] = [recorded.searchParams.get(key), mock.searchParams.get(key)];
      if (from !== null && to !== null) this.replacements.set(from, to);
    }
  }

  /** The mock's value for one of Synapse's random values, once an answer has carried it. */
  known(recorded: string): string | undefined {
    return this.replacements.get(recorded);
  }

  private substitute(text: string): string {
    let result = text;
    for (const [from, to] of this.replacements) {
      result = result.replaceAll(from, to).replaceAll(encodeURIComponent(from), encodeURIComponent(to));
    }
    return result;
  }

  /**
   * The redacted token stands for the one the recording used: whoami's own device's; the admin's on
   * the admin API; else the newest one handed out (the account just made, as in er.account_3pid).
   */
  private authorization(exchange: Exchange, value: string): string {
    if (value !== `Bearer ${REDACTED_ACCESS_TOKEN}` && value !== `Bearer ${REDACTED_GUEST_TOKEN}`) return value;
    const answeredFor = parseObject(exchange.response_body)?.device_id;
    const admin = this.tokenByUser.get('@admin:localhost');
    const token =
      (typeof answeredFor === 'string' ? this.tokenByDevice.get(answeredFor) : undefined) ??
      (exchange.path.startsWith('/_synapse/admin') ? admin : (this.lastToken ?? admin));
    // None yet (the mock failed to log the admin in): the redacted token goes as recorded, and fails.
    return token === undefined ? value : `Bearer ${token}`;
  }
}

import { matrixError, type ModelResponse } from './response.js';

/** One HTTP request as the model sees it. */
export interface ModelRequest {
  method: string;
  /** Path and query exactly as sent: a UIA session is bound to it. */
  uri: string;
  /** The path alone, still percent-encoded: routes match it as Synapse's do. */
  path: string;
  query: URLSearchParams;
  /** Lower-case header names. */
  headers: Readonly<Record<string, string>>;
  body: Uint8Array;
  /** The client's address, the key of the per-client rate limits. */
  clientIp: string;
}

export const MAX_BODY_BYTES = 64 * 1024;

/** A request for `uri` (path and query), as every transport builds it. */
export function modelRequest(fields: {
  method: string;
  uri: string;
  headers: Record<string, string>;
  body: Uint8Array;
  clientIp?: string;
}): ModelRequest {
  const queryStart = fields.uri.indexOf('?');
  const path = queryStart === -1 ? fields.uri : fields.uri.slice(0, queryStart);
  return {
    method: fields.method,
    uri: fields.uri,
    path,
    query: new URLSearchParams(queryStart === -1 ? '' : fields.uri.slice(queryStart + 1)),
    headers: fields.headers,
    body: fields.body,
    // Tests play several clients through `X-Forwarded-For`; else the socket's address, else loopback.
    clientIp: fields.headers['x-forwarded-for']?.split(',')[0]?.trim() ?? fields.clientIp ?? '127.0.0.1',
  };
}

export type JsonObject = Record<string, unknown>;

/**
 * Synapse's `parse_json_object_from_request`: strict UTF-8, strict JSON (no NaN/Infinity, no empty
 * body), and the top level must be an object. A byte-order mark is not stripped: Python's `utf-8`
 * codec keeps it as U+FEFF, which its JSON decoder refuses (v1.94.0 `synapse/http/servlet.py:742`).
 */
export function parseJsonObject(body: Uint8Array): { value: JsonObject } | { error: ModelResponse } {
  if (body.byteLength > MAX_BODY_BYTES) {
    return { error: matrixError(413, 'M_TOO_LARGE', 'Request body too large') };
  }
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body));
  } catch {
    return { error: matrixError(400, 'M_NOT_JSON', 'Content not JSON.') };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { error: matrixError(400, 'M_BAD_JSON', 'Content must be a JSON object.') };
  }
  return { value: value as JsonObject };
}

/** The access token from `Authorization: Bearer` or the deprecated `?access_token=`. */
export function accessTokenOf(request: ModelRequest): string | undefined {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice('Bearer '.length).trim();
  return request.query.get('access_token') ?? undefined;
}

/**
 * The fields of a `/register` body a session may need on a later round (spec v1.18 "POST /register",
 * Synapse's `bind_email`/`bind_msisdn`/`x_show_msisdn`, Dendrite's top-level `type`).
 */
const REGISTER_FIELDS = [
  'username',
  'device_id',
  'initial_device_display_name',
  'inhibit_login',
  'refresh_token',
  'guest_access_token',
  'bind_email',
  'bind_msisdn',
  'x_show_msisdn',
  'type',
] as const;

/**
 * What a UIA session keeps of a request: the body without `auth` and `password` (Synapse's "client
 * dict"), and only the fields a registration reads: Synapse keeps the whole dict, but a session is
 * kept for 48 hours, so unknown fields would let anyone fill memory (security review M7).
 */
export function clientParams(body: JsonObject): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  for (const field of REGISTER_FIELDS) {
    if (Object.hasOwn(body, field)) params[field] = body[field];
  }
  return params;
}

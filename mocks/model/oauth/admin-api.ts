/**
 * MAS's admin API for registration tokens, below the issuer: `{issuer}api/admin/v1/user-registration-tokens`.
 * Every behaviour is MAS's at 682b8d26d3 (`crates/handlers/src/admin/…`, cited per function):
 * JSON:API documents, `{"errors":[{"title"}]}` for its own errors, axum's plain-text answers for a
 * body it cannot read, and a bearer token with the `urn:mas:admin` scope checked before anything
 * else. CORS is open to every origin, as MAS's admin router layers it (`admin/mod.rs:225-236`).
 */
import type { MockHomeserver } from '../homeserver.js';
import { MAX_BODY_BYTES, type ModelRequest } from '../request.js';
import type { ModelResponse } from '../response.js';
import { ADMIN_SCOPE } from './scope.js';
import { sessionWithToken } from './sessions.js';
import { ID_SHAPES } from './state.js';
import {
  addMasToken,
  masTokenById,
  masTokenByText,
  masTokenIsValid,
  type MasRegistrationToken,
} from './registration-tokens.js';

/** `Resource::PATH` of `UserRegistrationToken` (admin/model.rs:669-672): links name it as MAS writes them, from MAS's root. */
export const MAS_TOKENS_PATH = '/api/admin/v1/user-registration-tokens';
/** `Resource::KIND`, with its odd underscore (model.rs:670). */
const KIND = 'user-registration_token';
/** admin/params.rs:62-63. */
const DEFAULT_PAGE_SIZE = 10;
/** add.rs:87-89: `Alphanumeric.sample_string(&mut rng, 12)`. */
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

type Handler = (homeserver: MockHomeserver, request: ModelRequest, id: string) => ModelResponse;

/**
 * `ErrorResponse::from_error` (admin/response.rs:281-298): the error, then each of its sources.
 * Where the source is axum's or serde's own rejection (a bad ULID, filter or page parameter), MAS
 * adds its message as a second title; the mock gives the first alone (clients read `errors[0]`).
 */
function adminError(status: number, ...titles: string[]): ModelResponse {
  return { status, body: { errors: titles.map((title) => ({ title })) } };
}

/**
 * chrono's serialisation of a `DateTime<Utc>` (RFC 3339, `Z`, the fraction only when there is one),
 * as MAS's snapshots show it (`"2022-01-16T14:40:00Z"`).
 */
function rfc3339(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString().replace('.000Z', 'Z');
}

/** model.rs:622-667: the attributes, with `valid` computed now. */
function attributes(token: MasRegistrationToken, now: number): Record<string, unknown> {
  return {
    token: token.token,
    valid: masTokenIsValid(token, now),
    usage_limit: token.usageLimit,
    times_used: token.timesUsed,
    created_at: rfc3339(token.createdAt),
    last_used_at: rfc3339(token.lastUsedAt),
    expires_at: rfc3339(token.expiresAt),
    revoked_at: rfc3339(token.revokedAt),
  };
}

/** `SingleResource` (response.rs:169-232); `meta.page.cursor` only in a list. */
function resource(token: MasRegistrationToken, now: number, inList = false): Record<string, unknown> {
  return {
    type: KIND,
    id: token.id,
    attributes: attributes(token, now),
    links: { self: `${MAS_TOKENS_PATH}/${token.id}` },
    ...(inList ? { meta: { page: { cursor: token.id } } } : {}),
  };
}

/** `SingleResponse` (response.rs:242-264): `links.self` is the canonical path unless the endpoint names another. */
function single(token: MasRegistrationToken, now: number, self = `${MAS_TOKENS_PATH}/${token.id}`, status = 200) {
  return { status, body: { data: resource(token, now), links: { self } } };
}

/**
 * The `CallContext` extractor (admin/call_context.rs:140-303): a missing or malformed header is a
 * 400, every refused token a 401, the missing scope too (call_context.rs:93-103, 291-295). The
 * mock's access tokens are `mat_` and 30 alphanumerics, without the checksum MAS's carry
 * (data-model/src/tokens.rs:283-336): a token of that shape is looked up; Synapse's (`syt_`,
 * `syr_`) and MAS's other kinds are the wrong type; anything else has MAS's "invalid token format".
 * Unlike MAS's user endpoints, the admin API does not mark the token used (no `mark_used` there).
 */
function refusedCaller(homeserver: MockHomeserver, request: ModelRequest): ModelResponse | undefined {
  const header = request.headers.authorization;
  if (header === undefined) return adminError(400, 'Missing authorization header');
  const match = /^Bearer +([!-~]+)$/i.exec(header.trim());
  if (!match?.[1]) return adminError(400, 'Invalid authorization header');
  const token = match[1];
  if (!/^mat_[A-Za-z0-9]{30}$/.test(token)) {
    const otherKind = /^(syt|syr|mar|mct|mcr|mpt)_/.test(token);
    return otherKind
      ? adminError(401, 'Invalid type of access token')
      : adminError(401, 'Invalid type of access token', 'invalid token format');
  }
  const session = sessionWithToken(homeserver, token, 'access');
  if (!session) return adminError(401, 'Unknown access token');
  if (homeserver.env.now() >= session.accessTokenExpiresAt) return adminError(401, 'Access token expired');
  if (!session.scope.split(' ').includes(ADMIN_SCOPE)) return adminError(401, 'Missing urn:mas:admin scope');
  return undefined;
}

/** Every endpoint: the caller first (the first extractor of each handler), then the path's ID. */
export function masAdmin(handler: Handler, withId: boolean) {
  return (homeserver: MockHomeserver, request: ModelRequest, id = ''): ModelResponse => {
    const refused = refusedCaller(homeserver, request);
    if (refused) return refused;
    // `UlidPathParam` (admin/params.rs:28-60).
    if (withId && !ID_SHAPES.ulid.test(id)) return adminError(400, 'Invalid ULID in path');
    return handler(homeserver, request, id.toUpperCase());
  };
}

const notFound = (id: string) => adminError(404, `Registration token with ID ${id} not found`);

// --- reading a JSON body as axum's `Json` extractor and serde do --------------------------------

/** axum's rejections are plain text, not JSON:API. serde's line and column are left out (a guess at no client reading them). */
const plain = (status: number, text: string): ModelResponse => ({
  status,
  text,
  contentType: 'text/plain; charset=utf-8',
});

type Body = { value: Record<string, unknown> } | { error: ModelResponse };

function jsonBody(request: ModelRequest, struct: string): Body {
  const mediaType = request.headers['content-type']?.split(';')[0]?.trim().toLowerCase() ?? '';
  if (!(mediaType === 'application/json' || (mediaType.startsWith('application/') && mediaType.endsWith('+json')))) {
    return { error: plain(415, 'Expected request with `Content-Type: application/json`') };
  }
  // axum's default limit is 2 MB; the mock keeps its own, smaller one (the Matrix API's).
  if (request.body.byteLength > MAX_BODY_BYTES) {
    return { error: plain(413, 'Failed to buffer the request body: length limit exceeded') };
  }
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(request.body));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { error: plain(400, `Failed to parse the request body as JSON: ${reason}`) };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { error: unreadable(`invalid type: ${serdeKind(value)}, expected struct ${struct}`) };
  }
  return { value: value as Record<string, unknown> };
}

/** A body serde could parse but not read into the request's struct: 422 (axum's `JsonDataError`). */
const unreadable = (reason: string): ModelResponse =>
  plain(422, `Failed to deserialize the JSON body into the target type: ${reason}`);

function serdeKind(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'boolean') return `boolean \`${value}\``;
  if (typeof value === 'number')
    return Number.isInteger(value) ? `integer \`${value}\`` : `floating point \`${value}\``;
  if (typeof value === 'string') return `string ${JSON.stringify(value)}`;
  return Array.isArray(value) ? 'sequence' : 'map';
}

/** serde's `Option<u32>`: null or a whole number from 0 to 2³²−1. */
function readUsageLimit(value: unknown): { value: number | null } | { error: string } {
  if (value === null) return { value: null };
  if (typeof value === 'number' && Number.isInteger(value)) {
    return value >= 0 && value <= 0xffff_ffff
      ? { value }
      : { error: `usage_limit: invalid value: integer \`${value}\`, expected u32` };
  }
  return { error: `usage_limit: invalid type: ${serdeKind(value)}, expected u32` };
}

/** chrono's `DateTime<Utc>` from a string: RFC 3339 (a space for the `T` allowed), any offset. */
const RFC3339 = /^(\d{4}-\d{2}-\d{2})[Tt ](\d{2}:\d{2}:\d{2}(?:\.\d+)?)([Zz]|[+-]\d{2}:\d{2})$/;

function readExpiry(value: unknown): { value: number | null } | { error: string } {
  if (value === null) return { value: null };
  if (typeof value !== 'string') {
    return {
      error: `expires_at: invalid type: ${serdeKind(value)}, expected an RFC 3339 formatted date and time string`,
    };
  }
  const match = RFC3339.exec(value);
  const ms = match ? Date.parse(`${match[1] ?? ''}T${match[2] ?? ''}${(match[3] ?? '').toUpperCase()}`) : NaN;
  return Number.isNaN(ms) ? { error: 'expires_at: input contains invalid characters' } : { value: ms };
}

// --- the endpoints ------------------------------------------------------------------------------

/** `POST …/user-registration-tokens` (add.rs:50-117): 201, or 409 when the text is taken. */
export const addToken: Handler = (homeserver, request) => {
  const body = jsonBody(request, 'AddUserRegistrationTokenRequest');
  if ('error' in body) return body.error;
  const { token = null, usage_limit = null, expires_at = null } = body.value;
  // MAS puts no rule on a chosen text (not even non-empty); the mock keeps that.
  if (token !== null && typeof token !== 'string') {
    return unreadable(`token: invalid type: ${serdeKind(token)}, expected a string`);
  }
  const usageLimit = readUsageLimit(usage_limit);
  if ('error' in usageLimit) return unreadable(usageLimit.error);
  const expiresAt = readExpiry(expires_at);
  if ('error' in expiresAt) return unreadable(expiresAt.error);
  const text = token ?? homeserver.env.randomString(12, ALNUM);
  if (masTokenByText(homeserver, text)) {
    return adminError(409, 'A registration token with the same token already exists');
  }
  const created = addMasToken(homeserver, { token: text, usageLimit: usageLimit.value, expiresAt: expiresAt.value });
  return single(created, homeserver.env.now(), undefined, 201);
};

/** `GET …/user-registration-tokens/{id}` (get.rs:65-81). */
export const getToken: Handler = (homeserver, _request, id) => {
  const token = masTokenById(homeserver, id);
  return token ? single(token, homeserver.env.now()) : notFound(id);
};

/**
 * `PUT …/user-registration-tokens/{id}` (update.rs:26-140): `expires_at` and `usage_limit`, each
 * changed only when present, a `null` clearing it; the body is read before the lookup.
 */
export const updateToken: Handler = (homeserver, request, id) => {
  const body = jsonBody(request, 'EditUserRegistrationTokenRequest');
  if ('error' in body) return body.error;
  const fields = body.value;
  const expiresAt = Object.hasOwn(fields, 'expires_at') ? readExpiry(fields.expires_at) : undefined;
  if (expiresAt && 'error' in expiresAt) return unreadable(expiresAt.error);
  const usageLimit = Object.hasOwn(fields, 'usage_limit') ? readUsageLimit(fields.usage_limit) : undefined;
  if (usageLimit && 'error' in usageLimit) return unreadable(usageLimit.error);
  const token = masTokenById(homeserver, id);
  if (!token) return notFound(id);
  if (expiresAt) token.expiresAt = expiresAt.value;
  if (usageLimit) token.usageLimit = usageLimit.value;
  return single(token, homeserver.env.now());
};

/** `POST …/{id}/revoke` (revoke.rs:74-102): 400 when revoked already. */
export const revokeToken: Handler = (homeserver, _request, id) => {
  const token = masTokenById(homeserver, id);
  if (!token) return notFound(id);
  if (token.revokedAt !== null) return adminError(400, `Registration token with ID ${id} is already revoked`);
  token.revokedAt = homeserver.env.now();
  return single(token, homeserver.env.now(), `${MAS_TOKENS_PATH}/${id}/revoke`);
};

/** `POST …/{id}/unrevoke` (unrevoke.rs:74-102): 400 when not revoked. */
export const unrevokeToken: Handler = (homeserver, _request, id) => {
  const token = masTokenById(homeserver, id);
  if (!token) return notFound(id);
  if (token.revokedAt === null) return adminError(400, `Registration token with ID ${id} is not revoked`);
  token.revokedAt = null;
  return single(token, homeserver.env.now(), `${MAS_TOKENS_PATH}/${id}/unrevoke`);
};

// --- the list -----------------------------------------------------------------------------------

const FILTERS = ['used', 'revoked', 'expired', 'valid'] as const;
type FilterName = (typeof FILTERS)[number];

interface Pagination {
  before?: string;
  after?: string;
  direction: 'forward' | 'backward';
  count: number;
}

/** `Pagination` (params.rs:93-173): `page[first]` or `page[last]` (a positive whole number), `page[before]`, `page[after]` (ULIDs), `count`. */
function readPagination(query: URLSearchParams): { pagination: Pagination; count: string } | { error: ModelResponse } {
  const invalid = { error: adminError(400, 'Invalid pagination parameters') };
  const size = (name: string): number | undefined | null => {
    const text = query.get(name);
    if (text === null) return undefined;
    return /^\+?\d+$/.test(text) && Number(text) > 0 && Number.isSafeInteger(Number(text)) ? Number(text) : null;
  };
  const ulid = (name: string): string | undefined | null => {
    const text = query.get(name);
    if (text === null) return undefined;
    return ID_SHAPES.ulid.test(text) ? text.toUpperCase() : null;
  };
  const first = size('page[first]');
  const last = size('page[last]');
  const before = ulid('page[before]');
  const after = ulid('page[after]');
  const count = query.get('count') ?? 'true';
  if (first === null || last === null || before === null || after === null) return invalid;
  if (!['true', 'false', 'only'].includes(count)) return invalid;
  if (first !== undefined && last !== undefined) {
    return { error: adminError(400, 'Cannot specify both `page[first]` and `page[last]` parameters') };
  }
  return {
    count,
    pagination: {
      ...(before === undefined ? {} : { before }),
      ...(after === undefined ? {} : { after }),
      direction: last === undefined ? 'forward' : 'backward',
      count: first ?? last ?? DEFAULT_PAGE_SIZE,
    },
  };
}

/** `UserRegistrationTokenFilter` as storage-pg/src/user/registration_token.rs:64-185 writes it in SQL. */
function matches(token: MasRegistrationToken, name: FilterName, wanted: boolean, now: number): boolean {
  const notExpired = token.expiresAt === null || token.expiresAt >= now;
  switch (name) {
    case 'used':
      return token.timesUsed > 0 === wanted;
    case 'revoked':
      return (token.revokedAt !== null) === wanted;
    case 'expired':
      return !notExpired === wanted;
    case 'valid': {
      const underLimit = token.usageLimit === null || token.timesUsed < token.usageLimit;
      return (underLimit && token.revokedAt === null && notExpired) === wanted;
    }
  }
}

/** `url_with_pagination` (response.rs:74-100). */
function pageUrl(base: string, pagination: Pagination): string {
  const [path, query = ''] = base.split('?');
  let next = query;
  if (pagination.before !== undefined) next += `&page[before]=${pagination.before}`;
  if (pagination.after !== undefined) next += `&page[after]=${pagination.after}`;
  next += pagination.direction === 'forward' ? `&page[first]=${pagination.count}` : `&page[last]=${pagination.count}`;
  return `${path ?? ''}?${next.replace(/^&+/, '')}`;
}

/**
 * `GET …/user-registration-tokens` (list.rs:27-187): the caller, then the pagination, then the
 * filters (each `true` or `false`); ordered by ID (creation), a page of `count` (10 by default)
 * after or before a cursor, `meta.count` of all that match unless `count=false`, and `count=only`
 * for the number alone. Pages as `Pagination::process` cuts them (storage/src/pagination.rs:128-156).
 */
export const listTokens: Handler = (homeserver, request) => {
  const read = readPagination(request.query);
  if ('error' in read) return read.error;
  const filters: [FilterName, boolean][] = [];
  for (const name of FILTERS) {
    const text = request.query.get(`filter[${name}]`);
    if (text === null) continue;
    if (text !== 'true' && text !== 'false') return adminError(400, 'Invalid filter parameters');
    filters.push([name, text === 'true']);
  }
  const now = homeserver.env.now();
  // The base of every link: the filters in list.rs's order (52-76), then `count` unless `true` (params.rs:81-91).
  const filterQuery = filters.map(([name, wanted]) => `filter[${name}]=${wanted}`).join('&');
  let base = filterQuery === '' ? MAS_TOKENS_PATH : `${MAS_TOKENS_PATH}?${filterQuery}`;
  if (read.count !== 'true') base += `${base.includes('?') ? '&' : '?'}count=${read.count}`;
  const matching = Object.values(homeserver.state.oauth.registrationTokens)
    .filter((token) => filters.every(([name, wanted]) => matches(token, name, wanted, now)))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  if (read.count === 'only') return { status: 200, body: { meta: { count: matching.length }, links: { self: base } } };

  const { pagination } = read;
  const window = matching.filter(
    (token) =>
      (pagination.after === undefined || token.id > pagination.after) &&
      (pagination.before === undefined || token.id < pagination.before),
  );
  const forward = pagination.direction === 'forward';
  const ordered = forward ? window : [...window].reverse();
  const full = ordered.length > pagination.count;
  const nodes = ordered.slice(0, pagination.count);
  if (!forward) nodes.reverse();
  const hasNext = forward && full;
  const hasPrevious = !forward && full;
  const firstNode = nodes[0];
  const lastNode = nodes[nodes.length - 1];
  const links: Record<string, string> = {
    self: pageUrl(base, pagination),
    first: pageUrl(base, { direction: 'forward', count: pagination.count }),
    last: pageUrl(base, { direction: 'backward', count: pagination.count }),
  };
  if (hasNext && lastNode) {
    links.next = pageUrl(base, { ...without(pagination, 'before'), after: lastNode.id });
  }
  if (hasPrevious && firstNode) {
    links.prev = pageUrl(base, { ...without(pagination, 'after'), before: firstNode.id });
  }
  return {
    status: 200,
    body: {
      ...(read.count === 'true' ? { meta: { count: matching.length } } : {}),
      data: nodes.map((token) => resource(token, now, true)),
      links,
    },
  };
};

function without(pagination: Pagination, key: 'before' | 'after'): Pagination {
  const { before, after, ...rest } = pagination;
  const kept = key === 'before' ? after : before;
  return kept === undefined ? rest : { ...rest, [key === 'before' ? 'after' : 'before']: kept };
}

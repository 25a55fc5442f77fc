import { TransportError } from '../errors';
import { requestJson, type RequestOptions } from '../http';
import { adminProblemOf, clipped, parsedAnswer, problemOfStatus } from './admin-problem';
import { AdminProblem, type InviteToken, type TokenChange, type TokenDesk, type TokenDraft } from './desk-api';
import {
  inviteTokenOfMas,
  masErrorsSchema,
  masSingleTokenSchema,
  masTokenPageSchema,
  type MasTokenResource,
} from './mas-wire';

/** One list request's size; MAS's default is 10 (`crates/handlers/src/admin/params.rs`). */
export const MAS_PAGE_SIZE = 100;
/** Pages followed at most (10,000 tokens): a server that always says "next" cannot keep the desk busy forever. */
export const MAS_MAX_PAGES = 100;
/** MAS's `usage_limit` is a `u32` (`user_registration_tokens/add.rs`, `update.rs`). */
const MAX_USAGE_LIMIT = 4_294_967_295;
/** A ULID as MAS prints it (26 Crockford base-32 characters): anything else is no token of its. */
const ULID = /^[0-9A-HJKMNP-TV-Z]{26}$/i;

export interface MasSession {
  accessToken: string;
  adminId: string;
  /** The client the token was issued to, for RFC 7009 (MAS wants the public client's `client_id`). */
  clientId: string;
  revocationEndpoint?: string;
}

function tokenOf(resource: MasTokenResource): InviteToken {
  const token = inviteTokenOfMas(resource);
  if (!token) throw new AdminProblem('server');
  return token;
}

/**
 * A refusal as MAS's admin API words it: JSON:API `{errors: [{title}]}` with 404 (`NotFound`: the
 * token; without such a body, the route: the API not exposed), 409 (`Conflict`: the chosen text
 * exists, `add.rs`) or 400 (`AlreadyRevoked`/`NotRevoked`, a bad ULID or filter). A body axum
 * could not read is 422 with plain text (its `Json` extractor): a value out of range.
 */
function masProblem(status: number, body: unknown): AdminProblem {
  const errors = masErrorsSchema.safeParse(body);
  const details = { ...clipped(errors.success ? errors.data.errors[0]?.title : undefined), status };
  if (status === 404) return new AdminProblem(errors.success ? 'no-such-token' : 'not-exposed', details);
  if (status === 409) return new AdminProblem('token-taken', { ...details, field: 'token' });
  if (status === 400) return new AdminProblem('invalid', details);
  return problemOfStatus(status, details);
}

/** The statuses whose JSON:API body the desk reads for MAS's words (401: `call_context.rs`'s rejections). */
const MAS_REFUSALS = [400, 401, 403, 404, 409, 429];

/** One admin API call with the session's token; its JSON answer, or the refusal as an `AdminProblem`. */
export async function masCall(url: string, accessToken: string, options: RequestOptions = {}): Promise<unknown> {
  let answer;
  try {
    answer = await requestJson(url, { ...options, bearer: accessToken, acceptStatuses: MAS_REFUSALS });
  } catch (error) {
    if (error instanceof TransportError && error.status === 422) throw new AdminProblem('invalid', { status: 422 });
    throw adminProblemOf(error);
  }
  if (answer.status >= 400) throw masProblem(answer.status, answer.body);
  return answer.body;
}

/** The list's next cursor: the last item's `meta.page.cursor`, else `page[after]` in `links.next`. */
function cursorAfter(last: MasTokenResource | undefined, next: string): string | undefined {
  const own = last?.meta?.page?.cursor;
  if (own !== undefined) return own;
  try {
    return new URL(next, 'https://mas.invalid/').searchParams.get('page[after]') ?? undefined;
  } catch {
    return undefined;
  }
}

/** The desk's checks of what MAS's request types can hold, so that no request is sent that must fail. */
function checkedUsesAllowed(value: number | null): number | null {
  if (value !== null && !(Number.isInteger(value) && value >= 0 && value <= MAX_USAGE_LIMIT)) {
    throw new AdminProblem('invalid', { field: 'usesAllowed' });
  }
  return value;
}

function isoTime(value: number | null): string | null {
  if (value === null) return null;
  const date = new Date(value);
  if (!Number.isFinite(value) || Number.isNaN(date.getTime()))
    throw new AdminProblem('invalid', { field: 'expiresAt' });
  return date.toISOString();
}

/**
 * The desk over one MAS admin session; the access token lives in this closure only (never in
 * storage, a URL or a log). `adminBase` is `<issuer>api/admin/v1/`.
 */
export function masDesk(adminBase: string, session: MasSession): TokenDesk {
  let held: string | undefined = session.accessToken;
  const tokens = `${adminBase}user-registration-tokens`;

  function call(url: string, options: RequestOptions = {}): Promise<unknown> {
    if (held === undefined) return Promise.reject(new AdminProblem('signed-out'));
    return masCall(url, held, options);
  }

  function tokenUrl(id: string, action = ''): string {
    // An id not of MAS's making would be put in a path: no such token, without asking.
    if (!ULID.test(id)) throw new AdminProblem('no-such-token');
    return `${tokens}/${id}${action}`;
  }

  const one = async (url: string, options: RequestOptions = {}) =>
    tokenOf(parsedAnswer(masSingleTokenSchema, await call(url, options)).data);

  /**
   * Revoke and unrevoke refuse (400) a token already in the state asked for (`revoke.rs`
   * `AlreadyRevoked`, `unrevoke.rs` `NotRevoked`): another admin was first, and the token as it
   * now is answers the desk.
   */
  async function setRevoked(id: string, action: '/revoke' | '/unrevoke'): Promise<InviteToken> {
    try {
      return await one(tokenUrl(id, action), { method: 'POST' });
    } catch (error) {
      if (!(error instanceof AdminProblem && error.kind === 'invalid' && error.details.status === 400)) throw error;
      const now = await one(tokenUrl(id));
      if ((now.revokedAt !== null) === (action === '/revoke')) return now;
      throw error;
    }
  }

  function revocationForm(token: string): URLSearchParams {
    return new URLSearchParams({ token, token_type_hint: 'access_token', client_id: session.clientId });
  }

  return {
    world: 'mas',
    adminId: session.adminId,
    async list(filter) {
      const found: InviteToken[] = [];
      let after: string | undefined;
      for (let page = 0; page < MAS_MAX_PAGES; page++) {
        const query = new URLSearchParams();
        // `filter[valid]` is MAS's own verdict (`list.rs` `FilterParams`): not revoked, not
        // expired, uses left; `false` is every other token.
        if (filter !== 'all') query.set('filter[valid]', String(filter === 'valid'));
        query.set('page[first]', String(MAS_PAGE_SIZE));
        if (after !== undefined) query.set('page[after]', after);
        query.set('count', 'false');
        const answer = parsedAnswer(masTokenPageSchema, await call(`${tokens}?${query.toString()}`));
        const data = answer.data ?? [];
        for (const resource of data) found.push(tokenOf(resource));
        if (answer.links.next === undefined || data.length === 0) return found;
        after = cursorAfter(data.at(-1), answer.links.next);
        if (after === undefined) return found;
      }
      return found;
    },
    async create(draft: TokenDraft) {
      // MAS takes any text (`add.rs`); an empty one could never be typed at its sign-up (a guess:
      // MAS does not say), so the desk does not make one.
      if (draft.token === '') throw new AdminProblem('invalid', { field: 'token' });
      const json = {
        // Without `token`, MAS makes 12 random letters and digits (`add.rs`).
        ...(draft.token === undefined ? {} : { token: draft.token }),
        usage_limit: checkedUsesAllowed(draft.usesAllowed),
        expires_at: isoTime(draft.expiresAt),
      };
      return one(tokens, { method: 'POST', json });
    },
    async update(id: string, change: TokenChange) {
      // `update.rs`: an absent key is left as it is, `null` lifts the limit.
      const json = {
        ...(change.usesAllowed === undefined ? {} : { usage_limit: checkedUsesAllowed(change.usesAllowed) }),
        ...(change.expiresAt === undefined ? {} : { expires_at: isoTime(change.expiresAt) }),
      };
      return one(tokenUrl(id), { method: 'PUT', json });
    },
    revoke: (id: string) => setRevoked(id, '/revoke'),
    restore: (id: string) => setRevoked(id, '/unrevoke'),
    async signOut() {
      const token = held;
      held = undefined;
      if (token === undefined || session.revocationEndpoint === undefined) return;
      try {
        // RFC 7009; revoking the access token ends MAS's whole session (`oauth2/revoke.rs`).
        await requestJson(session.revocationEndpoint, { method: 'POST', form: revocationForm(token) });
      } catch (error) {
        const problem = adminProblemOf(error);
        if (problem.kind !== 'signed-out') throw problem;
      }
    },
    signOutOnUnload() {
      const token = held;
      held = undefined;
      if (token === undefined || session.revocationEndpoint === undefined) return;
      // A form body is a simple request: no preflight for the browser to run as the tab closes.
      fetch(session.revocationEndpoint, {
        method: 'POST',
        body: revocationForm(token),
        keepalive: true,
        credentials: 'omit',
      }).catch(() => undefined);
    },
  };
}

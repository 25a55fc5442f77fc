import { MatrixApiError } from '../errors';
import { requestJson, type RequestOptions } from '../http';
import { adminProblemOf, clipped, parsedAnswer } from './admin-problem';
import { AdminProblem, type InviteToken, type TokenChange, type TokenDesk, type TokenDraft } from './desk-api';
import type { SynapseAdminApi } from './find-admin-api';
import {
  inviteTokenOfSynapse,
  loginAnswerSchema,
  synapseTokenIsValid,
  synapseTokenListSchema,
  synapseTokenSchema,
  whoamiSchema,
} from './synapse-wire';

const CLIENT = '/_matrix/client/v3';
/** `admin_patterns("/registration_tokens…")`: `synapse/rest/admin/registration_tokens.py`. */
const TOKENS = '/_synapse/admin/v1/registration_tokens';

/**
 * The device a password sign-in makes, as the admin's other clients list it among their sessions.
 * Not translated: it names this tool, whatever language the desk was in when it signed in.
 */
export const SYNAPSE_DEVICE_NAME = 'Invite desk';

export type SynapseCredentials = { username: string; password: string } | { accessToken: string };

/** `POST /login`, `m.login.password` with an `m.id.user` identifier (a localpart or a full ID). */
async function logIn(base: string, credentials: { username: string; password: string }) {
  try {
    const answer = await requestJson(`${base}${CLIENT}/login`, {
      method: 'POST',
      json: {
        type: 'm.login.password',
        identifier: { type: 'm.id.user', user: credentials.username.trim() },
        password: credentials.password,
        initial_device_display_name: SYNAPSE_DEVICE_NAME,
      },
    });
    return parsedAnswer(loginAnswerSchema, answer.body);
  } catch (error) {
    // Synapse: 403 `M_FORBIDDEN` "Invalid username or password" (`synapse/handlers/auth.py:1381`),
    // 403 `M_USER_DEACTIVATED` (`synapse/rest/client/login.py:430`); a 400 is a name it cannot read.
    if (error instanceof MatrixApiError && (error.status === 403 || error.errcode === 'M_INVALID_PARAM')) {
      throw new AdminProblem('wrong-credentials', {
        field: 'password',
        status: error.status,
        ...clipped(error.serverMessage),
      });
    }
    throw adminProblemOf(error);
  }
}

/** Who a pasted token belongs to; a token the server does not know is the credentials' fault here. */
async function whoami(base: string, accessToken: string): Promise<string> {
  try {
    const answer = await requestJson(`${base}${CLIENT}/account/whoami`, { bearer: accessToken });
    return parsedAnswer(whoamiSchema, answer.body).user_id;
  } catch (error) {
    const problem = adminProblemOf(error);
    if (problem.kind === 'signed-out') throw new AdminProblem('wrong-credentials', { field: 'accessToken' });
    throw problem;
  }
}

/**
 * A harmless admin call: Synapse answers 403 `M_FORBIDDEN` "You are not a server admin" to anyone
 * else (`assert_requester_is_admin` runs first in each servlet), and 404 `M_UNRECOGNIZED` (or a
 * proxy's 404) where the admin API is not exposed.
 */
async function checkAdmin(base: string, accessToken: string): Promise<void> {
  try {
    await requestJson(`${base}${TOKENS}`, { bearer: accessToken });
  } catch (error) {
    throw adminProblemOf(error);
  }
}

async function logOut(base: string, accessToken: string): Promise<void> {
  await requestJson(`${base}${CLIENT}/logout`, { method: 'POST', bearer: accessToken });
}

/**
 * Signs in to Synapse's admin API: a password sign-in of its own (a new device, logged out again
 * on sign-out), or an access token the admin pasted. Resolves with the desk only for a server
 * admin; a password session that turns out not to be one is logged out at once.
 */
export async function signInToSynapse(api: SynapseAdminApi, credentials: SynapseCredentials): Promise<TokenDesk> {
  const base = api.homeserver.replace(/\/+$/, '');
  if ('accessToken' in credentials) {
    const accessToken = credentials.accessToken.trim();
    if (accessToken === '') throw new AdminProblem('wrong-credentials', { field: 'accessToken' });
    const adminId = await whoami(base, accessToken);
    await checkAdmin(base, accessToken);
    return synapseDesk(base, accessToken, adminId, false);
  }
  const session = await logIn(base, credentials);
  try {
    await checkAdmin(base, session.access_token);
  } catch (problem) {
    await logOut(base, session.access_token).catch(() => undefined);
    throw problem;
  }
  return synapseDesk(base, session.access_token, session.user_id, true);
}

/**
 * A token's path segment. `.` and `..` are valid Synapse token texts, but a URL parser resolves
 * them (even as `%2E`) as dot segments, so no browser can address them: refused before sending.
 */
function tokenPath(id: string): string {
  if (id === '.' || id === '..') throw new AdminProblem('invalid', { field: 'token' });
  return `${TOKENS}/${encodeURIComponent(id)}`;
}

/**
 * The desk over one access token, kept in this closure only (never in storage, a URL or a log).
 *
 * `ownSession`: whether this desk made the session (password sign-in). Only then does sign-out
 * log it out. A pasted token is the admin's session from elsewhere (copied from Element's
 * settings, say): `POST /logout` would delete that whole device, its encryption keys with it
 * (`synapse/rest/client/logout.py`, `delete_devices`), so this desk only forgets it, and the
 * token stays valid where it came from.
 */
function synapseDesk(base: string, accessToken: string, adminId: string, ownSession: boolean): TokenDesk {
  let held: string | undefined = accessToken;

  async function call(path: string, options: RequestOptions = {}): Promise<unknown> {
    if (held === undefined) throw new AdminProblem('signed-out');
    try {
      return (await requestJson(`${base}${path}`, { ...options, bearer: held })).body;
    } catch (error) {
      throw adminProblemOf(error);
    }
  }

  const fresh = (body: unknown): InviteToken => {
    const token = parsedAnswer(synapseTokenSchema, body);
    return inviteTokenOfSynapse(token, synapseTokenIsValid(token, Date.now()));
  };

  return {
    world: 'synapse',
    adminId,
    async list(filter) {
      const query = filter === 'all' ? '' : `?valid=${String(filter === 'valid')}`;
      const { registration_tokens: tokens } = parsedAnswer(synapseTokenListSchema, await call(`${TOKENS}${query}`));
      const now = Date.now();
      return tokens.map((token) =>
        inviteTokenOfSynapse(token, filter === 'all' ? synapseTokenIsValid(token, now) : filter === 'valid'),
      );
    },
    async create(draft: TokenDraft) {
      if (draft.token === '.' || draft.token === '..') throw new AdminProblem('invalid', { field: 'token' });
      // Without `token`, Synapse makes 16 random characters (`length` defaults to 16).
      const json = {
        ...(draft.token === undefined ? {} : { token: draft.token }),
        uses_allowed: draft.usesAllowed,
        expiry_time: draft.expiresAt,
      };
      return fresh(await call(`${TOKENS}/new`, { method: 'POST', json }));
    },
    async update(id: string, change: TokenChange) {
      // Synapse changes only the keys present; `null` lifts the limit.
      const json = {
        ...(change.usesAllowed === undefined ? {} : { uses_allowed: change.usesAllowed }),
        ...(change.expiresAt === undefined ? {} : { expiry_time: change.expiresAt }),
      };
      return fresh(await call(tokenPath(id), { method: 'PUT', json }));
    },
    async remove(id: string) {
      await call(tokenPath(id), { method: 'DELETE' });
    },
    async signOut() {
      const token = held;
      held = undefined;
      if (token === undefined || !ownSession) return;
      try {
        await logOut(base, token);
      } catch (error) {
        const problem = adminProblemOf(error);
        // Already gone at the server (expired, logged out elsewhere): signed out either way.
        if (problem.kind !== 'signed-out') throw problem;
      }
    },
    signOutOnUnload() {
      const token = held;
      held = undefined;
      if (token === undefined || !ownSession) return;
      // `keepalive` lets the request outlive the tab; its answer is not waited for, nor read.
      fetch(`${base}${CLIENT}/logout`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}` },
        keepalive: true,
        credentials: 'omit',
      }).catch(() => undefined);
    },
  };
}

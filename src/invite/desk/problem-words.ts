import type { MessageId } from '../../i18n/catalogs';
import type { Values } from '../../i18n/format';
import { AdminProblem, type AdminField, type AdminWorld } from '../../matrix/admin/desk-api';

/** A message to show, worded when it is shown, so that it follows the page's language. */
export interface Message {
  id: MessageId;
  values?: Values;
}

/** A refusal as the desk shows it: at a field of its form, or at the form. */
export interface WordedProblem {
  field?: AdminField;
  messages: Message[];
  /** The server's own words, shown as text after ours (never as markup, never translated). */
  serverMessage?: string;
}

/** Where the admin API is, for the words on what the admin must configure. */
export interface AdminPlace {
  world: AdminWorld;
  /** Synapse: the homeserver's address with `/_synapse/admin`; MAS: its admin API's base. */
  address: string;
}

/** The section of docs/deploying.md that says how to expose either admin API (written by h-masinvite). */
const GUIDE = 'docs/deploying.md, “Invite links”';

/** Synapse's admin API sits under this path of the homeserver's address (synapse/rest/admin/__init__.py). */
export const SYNAPSE_ADMIN_PATH = '/_synapse/admin';

/** What the admin must configure when the admin API does not answer this page, per world. */
function placeMessage(kind: 'not-exposed' | 'unreachable', place: AdminPlace): Message {
  const values = { address: place.address, path: SYNAPSE_ADMIN_PATH, origin: window.location.origin, guide: GUIDE };
  if (place.world === 'mas') {
    return { id: kind === 'not-exposed' ? 'invite.desk.notExposedMas' : 'invite.desk.unreachableMas', values };
  }
  return { id: kind === 'not-exposed' ? 'invite.desk.notExposedSynapse' : 'invite.desk.unreachableSynapse', values };
}

const INVALID_AT: Partial<Record<AdminField, MessageId>> = {
  token: 'invite.desk.invalidToken',
  usesAllowed: 'invite.desk.invalidUses',
  expiresAt: 'invite.desk.invalidExpiry',
};

/**
 * Every kind of `AdminProblem` in words; anything else thrown (a bug, a stub) as the server's
 * problem, since the admin can do nothing else about it than try again.
 */
export function wordProblem(error: unknown, place: AdminPlace): WordedProblem {
  const problem = error instanceof AdminProblem ? error : new AdminProblem('server');
  const { field, serverMessage, retryAfterMs } = problem.details;
  const said = serverMessage !== undefined && serverMessage.trim() !== '' ? { serverMessage } : {};
  const one = (message: Message, at?: AdminField): WordedProblem => ({
    ...(at ? { field: at } : {}),
    messages: [message],
    ...said,
  });
  switch (problem.kind) {
    case 'wrong-credentials':
      return field === 'accessToken'
        ? one({ id: 'invite.desk.wrongAccessToken' }, 'accessToken')
        : one({ id: 'invite.desk.wrongCredentials' }, field);
    case 'not-admin':
      return one({ id: place.world === 'mas' ? 'invite.desk.notAdminMas' : 'invite.desk.notAdminSynapse' });
    case 'signed-out':
      return one({ id: 'invite.desk.sessionEnded' });
    case 'not-exposed':
    case 'unreachable':
      return one(placeMessage(problem.kind, place));
    case 'invalid': {
      const id = field ? INVALID_AT[field] : undefined;
      return id ? one({ id }, field) : one({ id: 'invite.desk.invalidOther' }, field);
    }
    case 'token-taken':
      return one({ id: 'invite.desk.tokenTaken' }, 'token');
    case 'no-such-token':
      return one({ id: 'invite.desk.noSuchToken' });
    case 'rate-limited':
      return one(
        retryAfterMs === undefined
          ? { id: 'invite.desk.rateLimited' }
          : { id: 'invite.desk.rateLimitedFor', values: { seconds: Math.max(1, Math.ceil(retryAfterMs / 1000)) } },
      );
    case 'server':
      return one({ id: 'invite.desk.serverProblem' });
  }
}

/** Whether a failure means the admin's session is over: the desk then asks to sign in again. */
export const isSessionEnd = (error: unknown) => error instanceof AdminProblem && error.kind === 'signed-out';

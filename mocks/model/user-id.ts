/** Localpart characters since Matrix 1.8 (MSC4009 added `+`). */
const LOCALPART = /^[a-z0-9._=\-/+]+$/;
export const MAX_USER_ID_BYTES = 255;
/** Synapse's hard limit on the raw `username` and `password` strings. */
export const MAX_RAW_LENGTH = 512;

export function userIdOf(localpart: string, serverName: string): string {
  return `@${localpart}:${serverName}`;
}

/** Python's `len`: code points, where a JavaScript string counts UTF-16 units. */
export function codePointLength(text: string): number {
  return text.length - (text.match(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g)?.length ?? 0);
}

export function byteLength(text: string): number {
  return new TextEncoder().encode(text).byteLength;
}

export type UsernameProblem =
  | { errcode: 'M_INVALID_USERNAME'; error: string; status: 400 }
  | { errcode: 'M_EXCLUSIVE'; error: string; status: 400 }
  | { errcode: 'M_USER_IN_USE'; error: string; status: 400 }
  | { errcode: 'M_UNKNOWN'; error: string; status: 400 }
  | { errcode: 'M_FORBIDDEN'; error: string; status: 403 };

export interface UsernameContext {
  serverName: string;
  allowUnderscorePrefix: boolean;
  isExclusive: (userId: string) => boolean;
  exists: (localpart: string) => boolean;
  inhibitUserInUseError: boolean;
  /** The user this UIA session already registered, if any. */
  sessionUserId?: string;
  /** A guest upgrading: whether the supplied guest token belongs to this localpart. */
  guestTokenMatches?: (localpart: string) => boolean;
}

/** Synapse's `check_username`, in Synapse's order (register-semantics §5.2). */
export function checkUsername(localpart: string, ctx: UsernameContext): UsernameProblem | undefined {
  if (localpart !== '' && !LOCALPART.test(localpart)) {
    return invalid("User ID can only contain characters a-z, 0-9, or '=_-./+'");
  }
  if (localpart === '') return invalid('User ID cannot be empty');
  if (localpart.startsWith('_') && !ctx.allowUnderscorePrefix) {
    return invalid('User ID may not begin with _');
  }
  const userId = userIdOf(localpart, ctx.serverName);
  if (ctx.sessionUserId !== undefined) {
    if (ctx.sessionUserId === userId) return undefined;
    return {
      status: 400,
      errcode: 'M_UNKNOWN',
      error: 'A different user ID has already been registered for this session',
    };
  }
  if (ctx.isExclusive(userId)) {
    return { status: 400, errcode: 'M_EXCLUSIVE', error: 'This user ID is reserved by an application service.' };
  }
  if (byteLength(userId) > MAX_USER_ID_BYTES) {
    return invalid(`User ID may not be longer than ${MAX_USER_ID_BYTES} characters`);
  }
  if (ctx.exists(localpart)) {
    if (ctx.guestTokenMatches) {
      if (!ctx.guestTokenMatches(localpart)) {
        return {
          status: 403,
          errcode: 'M_FORBIDDEN',
          error: 'Cannot register taken user ID without valid guest credentials',
        };
      }
    } else if (!ctx.inhibitUserInUseError) {
      return { status: 400, errcode: 'M_USER_IN_USE', error: 'User ID already taken.' };
    }
  }
  if (/^\d+$/.test(localpart) && !ctx.guestTokenMatches) {
    return invalid('Numeric user IDs are reserved for guest users.');
  }
  return undefined;
}

function invalid(error: string): UsernameProblem {
  return { status: 400, errcode: 'M_INVALID_USERNAME', error };
}

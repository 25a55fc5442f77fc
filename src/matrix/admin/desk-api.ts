/**
 * What the invite desk (`invite.html`) needs from a server's admin API, whichever world it is in:
 * Synapse's own (`/_synapse/admin/v1/registration_tokens`) or Matrix Authentication Service's
 * (`/api/admin/v1/user-registration-tokens` at the issuer). Plain TypeScript: the desk renders
 * these shapes and calls these functions; each world's client turns its wire shapes into them.
 */

/** Which admin API a homeserver's tokens are made with: found from the server, never configured. */
export type AdminWorld = 'synapse' | 'mas';

/** One registration token, in the terms both worlds share. Times are milliseconds since 1970. */
export interface InviteToken {
  /** The world's handle for it: MAS's ULID `id`; Synapse's token text (it has no other id). */
  id: string;
  /** What a newcomer types, or what an invite link carries. */
  token: string;
  /** How many sign-ups it allows; `null` is no limit. */
  usesAllowed: number | null;
  /** Sign-ups completed with it (Synapse `completed`, MAS `times_used`). */
  timesUsed: number;
  /** Sign-ups started and not yet finished with it (Synapse only; `null` on MAS). */
  pending: number | null;
  expiresAt: number | null;
  /** MAS only: when it was revoked (`null` when it is not, and always on Synapse). */
  revokedAt: number | null;
  /** MAS only: when it was made. */
  createdAt: number | null;
  /** MAS only: when it was last used. */
  lastUsedAt: number | null;
  /** The server's own word on whether a sign-up may use it now (MAS `valid`; computed for Synapse). */
  valid: boolean;
}

/** The desk's list filter: every token, those a sign-up may use now, or those it may not. */
export type TokenFilter = 'all' | 'valid' | 'spent';

export interface TokenDraft {
  /** Chosen text; absent for a random one the server makes. */
  token?: string;
  usesAllowed: number | null;
  expiresAt: number | null;
}

export interface TokenChange {
  usesAllowed?: number | null;
  expiresAt?: number | null;
}

/** The fields of the desk's forms a server's refusal can be about. */
export type AdminField = 'username' | 'password' | 'accessToken' | 'token' | 'usesAllowed' | 'expiresAt';

/**
 * Why an admin API call failed, in kinds the desk words; `field` places it at a form field, and
 * `serverMessage` is the server's own text (shown as text, never as markup).
 */
export type AdminProblemKind =
  /** The sign-in was refused: wrong password, unknown user (M_FORBIDDEN on /login). */
  | 'wrong-credentials'
  /** Signed in, but not an admin (Synapse M_FORBIDDEN "You are not a server admin"; MAS no `urn:mas:admin`). */
  | 'not-admin'
  /** The access token is no longer valid (expired, revoked, signed out elsewhere): sign in again. */
  | 'signed-out'
  /** The admin API answered 404 or an unrecognised request: it is not exposed at that address. */
  | 'not-exposed'
  /** The request never got an answer the page may read: CORS, network, TLS. */
  | 'unreachable'
  /** A value the server refused; `field` says which. */
  | 'invalid'
  /** A chosen token text that already exists. */
  | 'token-taken'
  /** The token is gone (deleted elsewhere). */
  | 'no-such-token'
  /** Rate limited; `retryAfterMs` when the server said. */
  | 'rate-limited'
  /** Anything else: 5xx, a shape the page cannot read. */
  | 'server';

export class AdminProblem extends Error {
  constructor(
    readonly kind: AdminProblemKind,
    readonly details: { field?: AdminField; serverMessage?: string; retryAfterMs?: number; status?: number } = {},
  ) {
    super(kind);
    this.name = 'AdminProblem';
  }
}

/** A signed-in admin's view of one world's tokens. Every method rejects with `AdminProblem` only. */
export interface TokenDesk {
  readonly world: AdminWorld;
  /** Who is signed in (`@admin:example.org`), to show. */
  readonly adminId: string;
  list(filter: TokenFilter): Promise<InviteToken[]>;
  create(draft: TokenDraft): Promise<InviteToken>;
  update(id: string, change: TokenChange): Promise<InviteToken>;
  /** Synapse only (MAS cannot delete; it revokes). */
  remove?(id: string): Promise<void>;
  /** MAS only. */
  revoke?(id: string): Promise<InviteToken>;
  /** MAS only. */
  restore?(id: string): Promise<InviteToken>;
  /** Revokes the access token (Synapse `POST /logout`; MAS RFC 7009 revocation) and forgets it. */
  signOut(): Promise<void>;
  /** The same, for `pagehide`: fire-and-forget with `keepalive`, so it may outlive the tab. */
  signOutOnUnload(): void;
}

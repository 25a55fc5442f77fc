import type { SigningKey } from './signing-key.js';
import { keyed, keyedFrom, type Keyed } from '../records.js';
import type { MasRegistrationToken } from './registration-tokens.js';

/** A client registered through RFC 7591 dynamic client registration: the metadata the server kept. */
export interface OAuthClient {
  clientId: string;
  clientName?: string;
  clientUri: string;
  logoUri?: string;
  tosUri?: string;
  policyUri?: string;
  redirectUris: string[];
  grantTypes: string[];
  createdAt: number;
}

/** What the person is doing on the server's page: creating an account, or signing in. */
export type PageMode = 'create' | 'sign-in';

/** An authorization request waiting for the person on the server's sign-up page. */
export interface AuthorizationRequest {
  id: string;
  clientId: string;
  redirectUri: string;
  responseMode: 'query' | 'fragment';
  state?: string;
  codeChallenge: string;
  /** The granted scope, as the token answer repeats it. */
  scope: string;
  /** The device the scope names or the mock allocated; none without the Client-Server API scope. */
  deviceId?: string;
  /** A localpart to prefill, from `login_hint`. */
  usernameHint?: string;
  /** OpenID Connect's `nonce`, given back in the id_token (MAS keeps it on the grant). */
  nonce?: string;
  mode: PageMode;
  /** The pages' language, chosen once from `ui_locales` and `Accept-Language` (page-words.ts). */
  language?: string;
  createdAt: number;
  /** Filled in once the form passed and an email code was sent: what the account will be made of. */
  pending?: { username: string; passwordHash: string; email: string; emailSid: string };
  /** The form passed without an email address, and the server asks for a registration token first. */
  awaitingToken?: { username: string; passwordHash: string };
  /** The ID of the MAS registration token the person gave (MAS's `user_registration_token_id`). */
  registrationTokenId?: string;
}

/** A single-use authorization code, bound to everything the token request must repeat. */
export interface AuthorizationCode {
  code: string;
  clientId: string;
  redirectUri: string;
  codeChallenge: string;
  scope: string;
  deviceId?: string;
  userId: string;
  nonce?: string;
  /** When the person signed in or up on the page: the id_token's `auth_time` (absent in codes saved before it). */
  authTime?: number;
  expiresAt: number;
  usedAt?: number;
  /** The session its exchange opened, revoked if the code is presented again (RFC 6749 §4.1.2). */
  sessionId?: string;
}

/** An OAuth 2.0 session: one device's access token (in `accessTokens`, for whoami) and refresh token. */
export interface OAuthSession {
  id: string;
  clientId: string;
  userId: string;
  /** Absent for a session without the Client-Server API scope (an admin API session, say). */
  deviceId?: string;
  scope: string;
  accessToken: string;
  /** When `accessToken` stops working (MAS's `expires_at` on the access token). */
  accessTokenExpiresAt: number;
  refreshToken: string;
  /**
   * The refresh token these two replaced: accepted once more while `accessToken` is unused, so that
   * a client whose refresh answer was lost can retry (spec "Refresh token grant", MAS `token.rs`).
   */
  previousRefreshToken?: string;
  /** When `accessToken` was first presented (MAS's `first_used_at`); see `noteAccessTokenUse`. */
  accessTokenUsedAt?: number;
}

/** The OAuth 2.0 server's memory, plain data like the rest of the state. */
export interface OAuthState {
  clients: Keyed<OAuthClient>;
  requests: Keyed<AuthorizationRequest>;
  codes: Keyed<AuthorizationCode>;
  sessions: Keyed<OAuthSession>;
  /** MAS's registration tokens by ULID (`registration-tokens.ts`); absent in state saved before them. */
  registrationTokens: Keyed<MasRegistrationToken>;
  /**
   * The key id_tokens are signed with, made on first need (`signing-key.ts`). A JWK, so that the
   * browser mock's saved state keeps it and the keys a client fetched before a reload still verify.
   */
  signingKey?: SigningKey;
}

export function emptyOAuthState(): OAuthState {
  return { clients: keyed(), requests: keyed(), codes: keyed(), sessions: keyed(), registrationTokens: keyed() };
}

/** Saved OAuth state with null-prototype records again (see `restoreState`). */
export function restoreOAuthState(saved: OAuthState | undefined): OAuthState {
  return {
    ...saved,
    clients: keyedFrom(saved?.clients),
    requests: keyedFrom(saved?.requests),
    codes: keyedFrom(saved?.codes),
    sessions: keyedFrom(saved?.sessions),
    registrationTokens: keyedFrom(saved?.registrationTokens),
  };
}

/**
 * The shapes of the IDs this server hands out: a client ID is a ULID (`client-registration.ts`), a
 * request ID 24 and a code 32 alphanumerics (`authorize.ts`, `signup-form.ts`). Anything else is
 * unknown before any lookup.
 */
export const ID_SHAPES = {
  client: /^[0-9A-HJKMNP-TV-Z]{26}$/,
  request: /^[A-Za-z0-9]{24}$/,
  code: /^[A-Za-z0-9]{32}$/,
  /** A ULID as MAS's `Ulid` parses it from a path (Crockford's base 32, either case, the first digit at most 7). */
  ulid: /^[0-7][0-9A-HJKMNP-TV-Za-hjkmnp-tv-z]{25}$/,
} as const;

/** RFC 6749 §4.1.2 recommends at most ten minutes for a code. */
export const CODE_LIFETIME_MS = 10 * 60_000;
/** How long the sign-up page waits for the person (MAS's authorization grants last about as long). */
export const REQUEST_LIFETIME_MS = 60 * 60_000;

/** Forgets requests and codes past their time; used codes are kept until then, to spot a reuse. */
export function forgetExpired(oauth: OAuthState, now: number): void {
  for (const [id, request] of Object.entries(oauth.requests)) {
    if (now - request.createdAt > REQUEST_LIFETIME_MS) Reflect.deleteProperty(oauth.requests, id);
  }
  for (const [code, grant] of Object.entries(oauth.codes)) {
    if (now >= grant.expiresAt) Reflect.deleteProperty(oauth.codes, code);
  }
}

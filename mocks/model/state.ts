import { emptyOAuthState, restoreOAuthState, type OAuthState } from './oauth/state.js';
import type { BucketState } from './rate-limiter.js';
import { keyed, keyedFrom, own, type Keyed } from './records.js';

export interface Account {
  localpart: string;
  userId: string;
  /** Salted hash; absent for guests and application-service users. */
  passwordHash?: string;
  guest: boolean;
  appservice?: string;
  /** A server admin, who may use the admin API. */
  admin?: boolean;
  createdAt: number;
  /** False while the account waits for an admin's approval (MSC3866); absent means approved. */
  approved?: boolean;
  /** The seed's `bind_email`, kept as the v2_alpha request gave it. */
  bindEmail?: boolean;
  emails: string[];
  /** The addresses bound at sign-up, as `GET /account/3pid` lists them. */
  threepids?: { medium: 'email'; address: string; validatedAt: number; addedAt: number }[];
}

export interface Device {
  userId: string;
  deviceId: string;
  displayName?: string;
}

export interface AccessToken {
  token: string;
  userId: string;
  deviceId: string;
  expiresAt?: number;
  refreshToken?: string;
}

export interface UiaSession {
  id: string;
  /** The request URI and method that opened the session; another one gets 403. */
  uri: string;
  method: string;
  createdAt: number;
  /** The last request body without `auth` and `password` (Synapse's "client dict"). */
  params: Record<string, unknown>;
  passwordHash?: string;
  completed: string[];
  /** Per stage, what it proved (the validated email, the token used). */
  results: Record<string, unknown>;
  registrationToken?: string;
  registeredUserId?: string;
  /** For `replayPolicy: cachedResponse`. */
  response?: Record<string, unknown>;
  /** continuwuity ≥0.5.7 keeps a failed stage's error in the session until a stage passes. */
  lastError?: { errcode: string; error: string };
}

/** A registration token as Synapse's `registration_tokens` table holds it. */
export interface RegistrationToken {
  token: string;
  /** Null: unlimited. */
  usesAllowed: number | null;
  /** Sessions that passed the token stage but have not made their account yet. */
  pending: number;
  completed: number;
  /** Milliseconds since the epoch, or null for no expiry. */
  expiryTime: number | null;
}

export interface EmailValidation {
  sid: string;
  clientSecret: string;
  email: string;
  sendAttempt: number;
  /**
   * Every token mailed for this session, oldest first: the secret in each emailed link (and, in the
   * code style, the code a person types). Each stays valid until it expires (Synapse's
   * `threepid_validation_token` table), with the `next_link` its request gave.
   */
  tokens: { token: string; expiresAt: number; nextLink?: string }[];
  validatedAt?: number;
  createdAt: number;
}

export interface MailMessage {
  id: string;
  to: string;
  subject: string;
  text: string;
  link: string;
  /** Only in the code style (`emailSubmitUrl`, MAS): Synapse's email has a link and nothing to type. */
  code?: string;
  sentAt: number;
}

/**
 * Everything the homeserver remembers. Plain data, so it can be saved and restored whole; every
 * record keyed by outside input is a null-prototype `Keyed` record, read only through `own`.
 */
export interface HomeserverState {
  accounts: Keyed<Account>;
  devices: Device[];
  accessTokens: Keyed<AccessToken>;
  sessions: Keyed<UiaSession>;
  /** In the order they were made (the admin API lists them so). */
  registrationTokens: RegistrationToken[];
  /** Shared-secret registration nonces, with when each was handed out. */
  nonces: Keyed<number>;
  emailValidations: Keyed<EmailValidation>;
  /** Email address (canonical) to the user it belongs to. */
  threepids: Keyed<string>;
  inbox: MailMessage[];
  nextGeneratedLocalpart: number;
  rateLimits: Keyed<Keyed<BucketState>>;
  /** The OAuth 2.0 server's clients, pending sign-ups, codes and sessions (`config.oauth`). */
  oauth: OAuthState;
}

export function emptyState(): HomeserverState {
  return {
    accounts: keyed(),
    devices: [],
    accessTokens: keyed(),
    sessions: keyed(),
    registrationTokens: [],
    nonces: keyed(),
    emailValidations: keyed(),
    threepids: keyed(),
    inbox: [],
    nextGeneratedLocalpart: 1,
    rateLimits: keyed(),
    oauth: emptyOAuthState(),
  };
}

/**
 * Saved state made whole again: `JSON.parse` gives plain objects, whose prototype a key like
 * `__proto__` or `constructor` would reach, so every keyed record is copied into a null-prototype one.
 */
export function restoreState(saved: HomeserverState): HomeserverState {
  return {
    ...saved,
    accounts: keyedFrom(saved.accounts),
    accessTokens: keyedFrom(saved.accessTokens),
    sessions: keyedFrom(saved.sessions),
    nonces: keyedFrom(saved.nonces),
    emailValidations: keyedFrom(saved.emailValidations),
    threepids: keyedFrom(saved.threepids),
    rateLimits: keyedFrom(saved.rateLimits, (buckets) => keyedFrom<BucketState>(buckets)),
    oauth: restoreOAuthState(saved.oauth),
  };
}

/** A `sid` as `sendValidationEmail` makes it (Synapse's `random_string(16)`). */
const SID_SHAPE = /^[A-Za-z]{16}$/;

/** The email validation a request names by `sid`; anything but a sid's shape is unknown before the lookup. */
export function emailValidationOf(state: HomeserverState, sid: unknown): EmailValidation | undefined {
  return typeof sid === 'string' && SID_SHAPE.test(sid) ? own(state.emailValidations, sid) : undefined;
}

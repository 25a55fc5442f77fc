import type { HomeserverConfig, Rate } from './config.js';
import { FAMILIES, type Family } from './families.js';
import { familyFlows } from './family-flows.js';
import { realEnvironment, type Environment } from './environment.js';
import { serverMetadata } from './oauth/issuer.js';
import { addMasToken } from './oauth/registration-tokens.js';
import { hashPassword, publishedPasswordPolicy } from './password.js';
import { rateLimit, type BucketState, type RateVerdict } from './rate-limiter.js';
import type { ModelRequest } from './request.js';
import { matrixError, ok, type ModelResponse } from './response.js';
import { BOUNDS, keyed, own, remember } from './records.js';
import {
  emptyState,
  restoreState,
  type Account,
  type HomeserverState,
  type RegistrationToken,
  type UiaSession,
} from './state.js';
import { userIdOf, type UsernameContext } from './user-id.js';

const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/**
 * The homeserver: config, state and the rules that touch more than one endpoint. Endpoint logic
 * lives in the modules beside it (register, email, login, ...), which call into this class.
 */
export class MockHomeserver {
  state: HomeserverState;

  private constructor(
    public config: HomeserverConfig,
    readonly env: Environment,
    state: HomeserverState,
  ) {
    this.state = state;
  }

  /** A homeserver with the config's existing users (their passwords hashed). */
  static async create(config: HomeserverConfig, env: Environment = realEnvironment): Promise<MockHomeserver> {
    const homeserver = new MockHomeserver(config, env, emptyState());
    for (const [localpart, password] of config.existingUsers) {
      homeserver.addAccount({
        localpart,
        passwordHash: await hashPassword(password, env),
        guest: false,
        ...(config.admins.includes(localpart) ? { admin: true } : {}),
      });
    }
    homeserver.state.registrationTokens = config.registrationTokens.map((token) => ({
      ...token,
      pending: 0,
      completed: 0,
    }));
    for (const { revoked, ...fields } of config.oauth?.registrationTokens ?? []) {
      const made = addMasToken(homeserver, fields);
      if (revoked) made.revokedAt = made.createdAt;
    }
    return homeserver;
  }

  /** A homeserver continuing from saved state (the browser mock's reload). */
  static restore(config: HomeserverConfig, state: HomeserverState, env: Environment = realEnvironment): MockHomeserver {
    return new MockHomeserver(config, env, restoreState(state));
  }

  get flows(): string[][] {
    return familyFlows(this.config);
  }

  /** The family this server plays, with every fact about how it answers (`families.ts`). */
  get family(): Family {
    return FAMILIES[this.config.homeserver];
  }

  /**
   * continuwuity 26.6 in exclusive OAuth mode: UIA is unavailable, so `/register` answers 404 after
   * its guest and registration checks (v26.6.0 `src/service/uiaa/mod.rs:311-322`). In hybrid mode
   * (`passwordRegistration`) it stays open. Synapse with MAS answers `/register` itself
   * (`register-delegated.ts`) and Tuwunel always routes it (v1.9.0 `src/api/router.rs:55`).
   */
  get legacyRegistrationClosed(): boolean {
    return (
      this.family.oauth?.closesRegister === true &&
      this.config.oauth !== null &&
      !this.config.oauth.passwordRegistration
    );
  }

  // --- accounts ---------------------------------------------------------------------------------

  userId(localpart: string): string {
    return userIdOf(localpart, this.config.serverName);
  }

  /** Case-insensitive, as Synapse's `get_users_by_id_case_insensitive`. */
  findAccount(localpart: string): Account | undefined {
    return own(this.state.accounts, localpart.toLowerCase());
  }

  addAccount(fields: Pick<Account, 'localpart' | 'guest'> & Partial<Account>): Account {
    const account: Account = {
      userId: this.userId(fields.localpart),
      createdAt: this.env.now(),
      emails: [],
      ...fields,
    };
    this.state.accounts[fields.localpart.toLowerCase()] = account;
    return account;
  }

  /** What `checkUsername` needs to know of this server (and of the session and guest, if any). */
  usernameContext(sessionUserId?: string, guestToken?: string): UsernameContext {
    return {
      serverName: this.config.serverName,
      allowUnderscorePrefix: this.config.allowUnderscorePrefix,
      inhibitUserInUseError: this.config.inhibitUserInUseError,
      isExclusive: (userId) => this.isExclusive(userId),
      exists: (localpart) => this.findAccount(localpart) !== undefined,
      sessionUserId,
      guestTokenMatches:
        guestToken === undefined
          ? undefined
          : (localpart) => {
              const owner = own(this.state.accessTokens, guestToken);
              return owner?.userId === this.userId(localpart) && this.findAccount(localpart)?.guest === true;
            },
    };
  }

  isExclusive(userId: string): boolean {
    return this.config.appservices.some(
      (service) => service.exclusive && new RegExp(`^${service.userRegex}$`).test(userId),
    );
  }

  /**
   * Synapse's `check_3pid_allowed` (util/threepids.py:35-73 at v1.94.0): with `allowed_local_3pids`
   * set, only a canonical address one of its patterns matches from the start (Python's `re.match`);
   * and the mock's own `deniedEmailDomains`.
   */
  isDeniedEmail(email: string): boolean {
    const allowList = this.config.allowedLocal3pids;
    if (
      allowList &&
      !allowList.some(({ medium, pattern }) => medium === 'email' && new RegExp(`^(?:${pattern})`).test(email))
    ) {
      return true;
    }
    return this.config.deniedEmailDomains.includes(email.slice(email.lastIndexOf('@') + 1).toLowerCase());
  }

  /** Synapse's `generate_user_id`: the next free number, skipping taken and reserved ones. */
  generateLocalpart(): string | undefined {
    for (let attempt = 0; attempt < 10; attempt++) {
      const candidate = String(this.state.nextGeneratedLocalpart++);
      if (!this.findAccount(candidate) && !this.isExclusive(this.userId(candidate))) return candidate;
    }
    return undefined;
  }

  // --- devices and tokens -----------------------------------------------------------------------

  /** A device and access token (plus a refresh token when asked and enabled), as a login returns. */
  issueLogin(
    userId: string,
    options: { deviceId?: string; displayName?: string; refreshToken?: boolean } = {},
  ): Record<string, unknown> {
    const deviceId = options.deviceId ?? this.env.randomString(10, UPPER);
    if (!this.state.devices.some((device) => device.userId === userId && device.deviceId === deviceId)) {
      this.state.devices.push({ userId, deviceId, displayName: options.displayName });
    }
    const localpart = userId.slice(1, userId.indexOf(':'));
    const token = `syt_${btoa(localpart).replace(/=+$/, '')}_${this.env.randomString(20, ALNUM)}_${this.env.randomString(6, ALNUM)}`;
    const refresh = options.refreshToken === true && this.config.refreshTokens;
    const expiresAt = refresh ? this.env.now() + this.config.accessTokenLifetimeMs : undefined;
    const refreshToken = refresh ? `syr_${this.env.randomString(20, ALNUM)}` : undefined;
    this.state.accessTokens[token] = { token, userId, deviceId, expiresAt, refreshToken };
    return {
      device_id: deviceId,
      access_token: token,
      ...(refresh ? { refresh_token: refreshToken, expires_in_ms: this.config.accessTokenLifetimeMs } : {}),
    };
  }

  // --- UIA sessions -----------------------------------------------------------------------------

  newSession(request: ModelRequest, params: Record<string, unknown>, id?: string): UiaSession {
    const session: UiaSession = {
      id: id ?? this.env.randomString(24),
      uri: request.uri,
      method: request.method,
      createdAt: this.env.now(),
      params,
      completed: [],
      results: keyed(),
    };
    remember(this.state.sessions, session.id, session, BOUNDS.sessions);
    return session;
  }

  /** A live session, or undefined when unknown or past `sessionTtlMs` (then it is dropped). */
  getSession(id: string): UiaSession | undefined {
    const session = own(this.state.sessions, id);
    if (!session) return undefined;
    if (this.env.now() - session.createdAt > this.config.sessionTtlMs) {
      this.expireSession(session);
      return undefined;
    }
    return session;
  }

  /** A session the server is done with (the Rust servers remove one the moment its UIA completes). */
  dropSession(session: UiaSession): void {
    Reflect.deleteProperty(this.state.sessions, session.id);
  }

  /** An expired session gives back its pending registration-token use, as Synapse does. */
  private expireSession(session: UiaSession) {
    if (session.registrationToken !== undefined && session.registeredUserId === undefined) {
      const use = this.registrationToken(session.registrationToken);
      if (use && use.pending > 0) use.pending -= 1;
    }
    // The state is plain JSON (it is saved whole), so sessions are a record rather than a Map.
    Reflect.deleteProperty(this.state.sessions, session.id);
  }

  // --- registration tokens ----------------------------------------------------------------------

  registrationToken(token: string): RegistrationToken | undefined {
    return this.state.registrationTokens.find((candidate) => candidate.token === token);
  }

  /** Valid when known, not expired, and `pending + completed < usesAllowed` (Synapse). */
  tokenIsValid(token: string): boolean {
    const known = this.registrationToken(token);
    return known !== undefined && this.tokenIsUsable(known);
  }

  tokenIsUsable(token: RegistrationToken): boolean {
    if (token.expiryTime !== null && this.env.now() >= token.expiryTime) return false;
    return token.usesAllowed === null || token.pending + token.completed < token.usesAllowed;
  }

  // --- rate limits ------------------------------------------------------------------------------

  rateLimit(limiter: keyof HomeserverConfig['rateLimits'], key: string, consume: boolean): RateVerdict {
    const rate: Rate | null = this.config.rateLimits[limiter];
    // A check alone must leave the state as it was: only create buckets when counting.
    const buckets = own(this.state.rateLimits, limiter) ?? keyed<BucketState>();
    if (consume) this.state.rateLimits[limiter] = buckets;
    return rateLimit(buckets, key, rate, this.env.now(), consume);
  }

  // --- small endpoints --------------------------------------------------------------------------

  versions(): ModelResponse {
    if (this.config.versions.length === 0) return matrixError(404, 'M_UNRECOGNIZED', 'Unrecognized request');
    return ok({ versions: this.config.versions, unstable_features: this.config.unstableFeatures });
  }

  /** Every family checks this before anything else on `/register` and `/register/available` (Dendrite's per-client limiter). */
  clientRequestLimit(request: ModelRequest): ModelResponse | undefined {
    const rate = this.config.clientRequestLimit;
    if (rate === null) return undefined;
    const buckets = own(this.state.rateLimits, 'clientRequests') ?? keyed<BucketState>();
    this.state.rateLimits.clientRequests = buckets;
    const limit = rateLimit(buckets, request.clientIp, rate, this.env.now(), true);
    if (limit.allowed) return undefined;
    // Dendrite names its cool-off, not the wait (rate_limiting.go:121), and sends no Retry-After.
    return matrixError(429, 'M_LIMIT_EXCEEDED', 'You are sending too many requests too quickly!', {
      retry_after_ms: 500,
    });
  }

  wellKnown(): ModelResponse {
    if (this.config.wellKnown) {
      const { status, body } = this.config.wellKnown;
      return typeof body === 'object' && body !== null && !Array.isArray(body)
        ? { status, body: body as Record<string, unknown> }
        : { status, text: typeof body === 'string' ? body : JSON.stringify(body), contentType: 'application/json' };
    }
    return ok({
      'm.homeserver': { base_url: this.config.publicBaseUrl },
      // Synapse names its OAuth server in its well-known (homeservers.md §2.4).
      ...(this.config.oauth && this.family.lineage === 'delegated'
        ? {
            'org.matrix.msc2965.authentication': {
              issuer: this.config.oauth.issuer,
              account: this.config.oauth.accountUrl,
            },
          }
        : {}),
    });
  }

  passwordPolicy(): ModelResponse {
    return ok(publishedPasswordPolicy(this.config));
  }

  /**
   * MSC2965 / spec v1.15 `auth_metadata`: the OAuth 2.0 server that accounts are made on. Synapse
   * 1.86–1.125 with MSC3861 serves none (homeservers.md §2.4); continuwuity 26.6 lists `create`
   * alone, always (v26.6.0 `server_metadata.rs:55`), Tuwunel only while registration is open
   * (v1.9.0 `src/api/oidc/auth_metadata.rs:39-44`).
   */
  authMetadata(): ModelResponse {
    const oauth = this.config.oauth;
    if (!oauth || this.family.oauth?.authMetadata !== true) {
      return matrixError(404, 'M_UNRECOGNIZED', 'Unrecognized request');
    }
    const metadata = serverMetadata(oauth);
    const { createListed } = this.family.oauth;
    if (createListed === 'as-configured') return ok(metadata);
    const create = oauth.promptCreate && (createListed === 'always' || this.config.enableRegistration);
    return ok({ ...metadata, prompt_values_supported: create ? ['create'] : [] });
  }

  /** `GET …/unstable/org.matrix.msc2965/auth_issuer` (Synapse with delegation, since 1.99). */
  authIssuer(): ModelResponse {
    const oauth = this.config.oauth;
    if (!oauth || !this.family.serves.authIssuer) return matrixError(404, 'M_UNRECOGNIZED', 'Unrecognized request');
    return ok({ issuer: oauth.issuer });
  }
}

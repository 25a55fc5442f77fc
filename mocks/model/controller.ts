import { baseUrlOf, resolveConfig, type ConfigOverrides, type HomeserverConfig } from './config.js';
import { realEnvironment, type Environment } from './environment.js';
import { OAUTH_FORCEABLE_ENDPOINTS } from './errcodes.js';
import { MockHomeserver } from './homeserver.js';
import { DEFAULT_FAMILY, FAMILIES, FAMILY_NAMES, type FamilyName } from './families.js';
import { familyDefaults } from './family-flows.js';
import { DEFAULT_SCENARIO, scenarioFamily, scenarios, type ScenarioName } from './scenarios.js';
import type { HomeserverState } from './state.js';
import { masTokenIsValid } from './oauth/registration-tokens.js';

export interface ControllerOptions {
  scenario?: ScenarioName;
  /**
   * The homeserver family to play (`model/families.ts`); wins over a `homeserver` in `overrides`
   * and over the scenario's own. Default: the scenario's, else Synapse.
   */
  homeserver?: FamilyName;
  /** Applied over the scenario: the HTTP server's `--server-name` and `--config FILE`. */
  overrides?: ConfigOverrides;
  env?: Environment;
  /**
   * Where the OAuth scenarios send people to sign up, when the model cannot serve that page itself:
   * a page on the browser mock's own origin that calls `enhanceOAuthPage`.
   */
  authorizationEndpoint?: string;
  /**
   * A page on the browser mock's own origin that shows one of the server's HTML pages, given its
   * path as `?page=` (the policies, the account page). The service worker does not see navigations,
   * so without it those links lead to `localhost:8008`, which nothing answers (audit item 8).
   */
  pageShell?: string;
}

/** A queued error; plain data, which the browser mock saves with the state (it may be used on the next page). */
export interface ForcedAnswer {
  status: number;
  body: Record<string, unknown>;
  headers?: Record<string, string>;
}

/** The family the controller plays for this scenario: chosen, else configured, else the scenario's, else Synapse. */
function familyFor(scenario: ScenarioName, options: ControllerOptions): FamilyName {
  const configured = options.overrides?.homeserver;
  return options.homeserver ?? configured ?? scenarioFamily(scenario) ?? DEFAULT_FAMILY;
}

/**
 * The family's nature, then the scenario's config, then the overrides, and the authorization
 * endpoint where OAuth is on. Throws when the family cannot play the scenario.
 */
function configFor(scenario: ScenarioName, options: ControllerOptions): HomeserverConfig {
  const homeserver = familyFor(scenario, options);
  const config = resolveConfig(familyDefaults(homeserver), scenarios[scenario].config, options.overrides ?? {}, {
    homeserver,
  });
  const shown = options.pageShell === undefined ? config : throughPageShell(config, options.pageShell);
  const endpoint = options.authorizationEndpoint;
  if (!shown.oauth || endpoint === undefined) return shown;
  return { ...shown, oauth: { ...shown.oauth, authorizationEndpoint: endpoint } };
}

/** The server's own pages (policies, account page) as links to the page shell, which fetches them. */
function throughPageShell(config: HomeserverConfig, shell: string): HomeserverConfig {
  const base = baseUrlOf(config);
  const viaShell = (url: string) => {
    const path = url.startsWith('/') ? url : url.startsWith(`${base}/`) ? url.slice(base.length) : undefined;
    if (path === undefined) return url;
    const page = new URL(shell);
    page.searchParams.set('page', path);
    return page.href;
  };
  const policies = Object.fromEntries(
    Object.entries(config.policies).map(([id, policy]) => [
      id,
      {
        ...policy,
        translations: Object.fromEntries(
          Object.entries(policy.translations).map(([lang, entry]) => [lang, { ...entry, url: viaShell(entry.url) }]),
        ),
      },
    ]),
  );
  return {
    ...config,
    policies,
    ...(config.oauth ? { oauth: { ...config.oauth, accountUrl: viaShell(config.oauth.accountUrl) } } : {}),
  };
}

/**
 * Owns the running homeserver: which scenario it plays, reset, and the read-only views that the
 * `/_mock/` endpoints and the demo panel show. Switching scenario keeps accounts and mail.
 */
export class MockController {
  private readonly listeners = new Set<() => void>();

  /** Answers queued by `POST /_mock/next-error`, by endpoint name, each used once. */
  readonly forced = new Map<string, ForcedAnswer>();

  private constructor(
    public homeserver: MockHomeserver,
    public scenario: ScenarioName,
    private options: ControllerOptions,
    private readonly env: Environment,
  ) {}

  static async create(options: ControllerOptions = {}): Promise<MockController> {
    const scenario = options.scenario ?? DEFAULT_SCENARIO;
    const env = options.env ?? realEnvironment;
    return new MockController(await MockHomeserver.create(configFor(scenario, options), env), scenario, options, env);
  }

  static restore(state: HomeserverState, options: ControllerOptions = {}): MockController {
    const scenario = options.scenario ?? DEFAULT_SCENARIO;
    const env = options.env ?? realEnvironment;
    return new MockController(MockHomeserver.restore(configFor(scenario, options), state, env), scenario, options, env);
  }

  /** Called after every request that may have changed state (the browser saves it, the panel redraws). */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  notify(): void {
    for (const listener of this.listeners) listener();
  }

  /** Every answer waits this long (the demo panel's network delay); kept across scenario switches. */
  setResponseDelay(ms: number): void {
    this.options = { ...this.options, overrides: { ...this.options.overrides, responseDelayMs: ms } };
    this.homeserver.config = { ...this.homeserver.config, responseDelayMs: ms };
    this.notify();
  }

  /** A fresh homeserver: accounts, mail and queued errors gone; the network delay kept. See `play` for `homeserver`. */
  async reset(scenario: ScenarioName = this.scenario, homeserver?: FamilyName | null): Promise<void> {
    const options = this.withFamily(homeserver);
    const config = configFor(scenario, options);
    this.options = options;
    this.scenario = scenario;
    this.forced.clear();
    this.homeserver = await MockHomeserver.create(config, this.env);
    this.notify();
  }

  /**
   * Plays another scenario (and family) from the next request on, keeping accounts and mail.
   * `homeserver`: a family to play from now on; `null` to go back to the scenario's own; left out,
   * the one chosen before. Throws, changing nothing, when the family cannot play the scenario.
   */
  play(scenario: ScenarioName, homeserver?: FamilyName | null): void {
    const options = this.withFamily(homeserver);
    this.homeserver.config = configFor(scenario, options);
    this.options = options;
    this.scenario = scenario;
    this.notify();
  }

  setScenario(scenario: ScenarioName): void {
    this.play(scenario);
  }

  /** The family chosen explicitly, if any (else the scenario's own plays). */
  get chosenHomeserver(): FamilyName | undefined {
    return this.options.homeserver;
  }

  private withFamily(homeserver: FamilyName | null | undefined): ControllerOptions {
    if (homeserver === undefined) return this.options;
    const rest = { ...this.options };
    delete rest.homeserver;
    return homeserver === null ? rest : { ...rest, homeserver };
  }

  /** Whether this family can play that scenario (the panel offers only those). */
  static canPlay(scenario: ScenarioName, homeserver: FamilyName, overrides: ConfigOverrides = {}): boolean {
    try {
      configFor(scenario, { homeserver, overrides });
      return true;
    } catch {
      return false;
    }
  }

  /**
   * The next request to `endpoint` gets this error instead of its answer (demos and tests of every
   * errcode); an OAuth endpoint's in OAuth's shape, `errcode` as its `error`.
   */
  forceNextError(endpoint: string, errcode: string, status: number, extra: Record<string, unknown> = {}): void {
    const body = (OAUTH_FORCEABLE_ENDPOINTS as readonly string[]).includes(endpoint)
      ? {
          error: errcode,
          error_description:
            typeof extra.error_description === 'string' ? extra.error_description : `Forced by the mock: ${errcode}`,
        }
      : { errcode, error: `Forced by the mock: ${errcode}`, ...extra };
    const retryAfter =
      typeof extra.retry_after_ms === 'number'
        ? { 'Retry-After': String(Math.ceil(extra.retry_after_ms / 1000)) }
        : undefined;
    this.forced.set(endpoint, { status, body, ...(retryAfter ? { headers: retryAfter } : {}) });
    this.notify();
  }

  takeForced(endpoint: string) {
    const forced = this.forced.get(endpoint);
    this.forced.delete(endpoint);
    return forced;
  }

  describe() {
    const { homeserver } = this.homeserver.config;
    return {
      scenario: this.scenario,
      homeserver,
      scenarios: Object.entries(scenarios).map(([name, { description }]) => ({ name, description })),
      homeservers: FAMILY_NAMES.map((name) => ({ name, label: FAMILIES[name].label })),
    };
  }

  accounts() {
    return Object.values(this.homeserver.state.accounts).map((account) => ({
      user_id: account.userId,
      guest: account.guest,
      appservice: account.appservice ?? null,
      emails: account.emails,
      created_at: account.createdAt,
      /** False while it waits for an admin (MSC3866, `requireApproval`). */
      approved: account.approved !== false,
    }));
  }

  /** An admin approves a waiting account (MSC3866), as the admin API's `approved: true` does. */
  approve(userId: string): boolean {
    const account = Object.values(this.homeserver.state.accounts).find((candidate) => candidate.userId === userId);
    if (!account || account.approved !== false) return false;
    account.approved = true;
    this.notify();
    return true;
  }

  /** The registration tokens and how far each is used, as the admin API lists them. */
  registrationTokens() {
    return this.homeserver.state.registrationTokens.map((token) => ({
      token: token.token,
      uses_allowed: token.usesAllowed,
      pending: token.pending,
      completed: token.completed,
      expiry_time: token.expiryTime,
      valid: this.homeserver.tokenIsUsable(token),
    }));
  }

  /**
   * MAS's registration tokens (`config.oauth`), in the order made, with the admin API's attribute
   * names; times in milliseconds since the epoch, as the rest of `/_mock` gives them.
   */
  masRegistrationTokens() {
    const now = this.homeserver.env.now();
    return Object.values(this.homeserver.state.oauth.registrationTokens)
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      .map((token) => ({
        id: token.id,
        token: token.token,
        valid: masTokenIsValid(token, now),
        usage_limit: token.usageLimit,
        times_used: token.timesUsed,
        created_at: token.createdAt,
        last_used_at: token.lastUsedAt,
        expires_at: token.expiresAt,
        revoked_at: token.revokedAt,
      }));
  }

  inbox() {
    return [...this.homeserver.state.inbox].reverse();
  }
}

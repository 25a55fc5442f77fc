import { resolveConfig, type ConfigOverrides, type HomeserverConfig } from './config.js';
import { realEnvironment, type Environment } from './environment.js';
import { OAUTH_FORCEABLE_ENDPOINTS } from './errcodes.js';
import { MockHomeserver } from './homeserver.js';
import { DEFAULT_SCENARIO, scenarios, type ScenarioName } from './scenarios.js';
import type { HomeserverState } from './state.js';

export interface ControllerOptions {
  scenario?: ScenarioName;
  /** Applied over the scenario: the HTTP server's `--server-name` and `--config FILE`. */
  overrides?: ConfigOverrides;
  env?: Environment;
  /**
   * Where the OAuth scenarios send people to sign up, when the model cannot serve that page itself:
   * a page on the browser mock's own origin that calls `enhanceOAuthPage`.
   */
  authorizationEndpoint?: string;
}

/** A queued error; plain data, which the browser mock saves with the state (it may be used on the next page). */
export interface ForcedAnswer {
  status: number;
  body: Record<string, unknown>;
  headers?: Record<string, string>;
}

/** The scenario's config with the overrides, and the authorization endpoint where OAuth is on. */
function configFor(scenario: ScenarioName, options: ControllerOptions): HomeserverConfig {
  const config = resolveConfig(scenarios[scenario].config, options.overrides ?? {});
  const endpoint = options.authorizationEndpoint;
  if (!config.oauth || endpoint === undefined) return config;
  return { ...config, oauth: { ...config.oauth, authorizationEndpoint: endpoint } };
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

  /** A fresh homeserver: accounts, mail and queued errors gone; the network delay kept. */
  async reset(scenario: ScenarioName = this.scenario): Promise<void> {
    this.scenario = scenario;
    this.forced.clear();
    this.homeserver = await MockHomeserver.create(configFor(scenario, this.options), this.env);
    this.notify();
  }

  setScenario(scenario: ScenarioName): void {
    this.scenario = scenario;
    this.homeserver.config = configFor(scenario, this.options);
    this.notify();
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
    return {
      scenario: this.scenario,
      scenarios: Object.entries(scenarios).map(([name, { description }]) => ({ name, description })),
    };
  }

  accounts() {
    return Object.values(this.homeserver.state.accounts).map((account) => ({
      user_id: account.userId,
      guest: account.guest,
      appservice: account.appservice ?? null,
      emails: account.emails,
      created_at: account.createdAt,
    }));
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

  inbox() {
    return [...this.homeserver.state.inbox].reverse();
  }
}

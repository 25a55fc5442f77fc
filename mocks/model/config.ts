import * as z from 'zod';
import { DEFAULT_FAMILY, FAMILIES, FAMILY_NAMES } from './families.js';
import { unsupportedRequirements } from './family-flows.js';

// Zod probes `new Function` to compile fast parsers; under the page's CSP (no eval) that probe is
// reported as a violation even though zod catches it. Set before any schema below is built.
z.config({ jitless: true });

const rateSchema = z.object({ perSecond: z.number().positive(), burst: z.number().int().positive() });
export type Rate = z.infer<typeof rateSchema>;

const policySchema = z.object({
  version: z.string(),
  /** Per language: `{ en: { name, url } }`; a `url` that starts with `/` is on this server. */
  translations: z.record(z.string(), z.object({ name: z.string(), url: z.string() })),
});

/** The OAuth 2.0 server's knobs, after MAS's configuration where it has one. */
/** A URL, or a path on this server (resolved against `publicBaseUrl`, so that `--port` moves it too). */
const urlOrPath = z.union([z.url(), z.string().startsWith('/')]);

const oauthSchema = z.strictObject({
  /** Ends with `/`: the endpoints are paths below it (`{issuer}register`, `{issuer}token`, ...). */
  issuer: urlOrPath.refine((url) => url.endsWith('/'), 'The issuer must end with a slash'),
  accountUrl: urlOrPath,
  /** MAS's password registration: `prompt=create` is advertised and shows the sign-up page. */
  promptCreate: z.boolean().default(true),
  /** The legacy `/register` (and its checks) stays open beside OAuth, as on a server mid-migration. */
  passwordRegistration: z.boolean().default(false),
  /** MAS's `allow_insecure_uris`, on for development: clients may use `http` on loopback. */
  allowInsecureUris: z.boolean().default(true),
  /** Where people are sent to sign up; by default `{issuer}authorize` (the browser mock's is its shell page). */
  authorizationEndpoint: z.url().optional(),
  /**
   * MAS's `account.password_registration_token_required`: after the sign-up form, a page asks for a
   * registration token made through MAS's admin API (`oauth/registration-tokens.ts`).
   */
  passwordRegistrationTokenRequired: z.boolean().default(false),
  /**
   * MAS serves its admin API only on a listener with the `adminapi` resource; off, the mock's
   * answers 404 there, as a server that does not expose it.
   */
  adminApi: z.boolean().default(true),
  /**
   * Who may request the admin API's `urn:mas:admin` scope: MAS's policy data `admin_users`
   * (authorization_grant.rego:21-26), by username. `admin` (password `admin-password`) by default.
   */
  adminUsers: z.array(z.string()).default(['admin']),
  /** MAS registration tokens that exist from the start (the admin API makes more). Times in ms since the epoch. */
  registrationTokens: z
    .array(
      z.strictObject({
        token: z.string(),
        usageLimit: z.number().int().nonnegative().nullable().default(null),
        expiresAt: z.number().nullable().default(null),
        revoked: z.boolean().default(false),
      }),
    )
    .default([]),
});
export type OAuthConfig = z.infer<typeof oauthSchema>;

/** Prefixes of the client-server API; `v2_alpha` is the seed's own path and contract. */
export const API_PREFIXES = ['v3', 'r0', 'unstable', 'v2_alpha'] as const;
export type ApiPrefix = (typeof API_PREFIXES)[number];

/**
 * Every knob of the mock, mirroring Synapse's configuration. `--config FILE`
 * and the scenarios override any of them; unknown keys are errors, so a typo cannot pass silently.
 */
export const configSchema = z.strictObject({
  /** Which homeserver family and version to play (`model/families.ts`): its flows, checks, errcodes and endpoints. */
  homeserver: z.enum(FAMILY_NAMES),
  serverName: z.string().min(1),
  /** Where clients reach this server (Synapse's `public_baseurl`): well-known, links, OAuth metadata. */
  publicBaseUrl: z.url(),
  enableRegistration: z.boolean(),
  allowGuests: z.boolean(),
  /** API prefixes the client-server endpoints answer on (Synapse: r0, v3 and unstable). */
  prefixes: z.array(z.enum(API_PREFIXES)),
  versions: z.array(z.string()),
  unstableFeatures: z.record(z.string(), z.boolean()),
  /** Explicit UIA flows; when null they are derived from the booleans below as Synapse does. */
  flows: z.array(z.array(z.string())).nullable(),
  requireToken: z.boolean(),
  requireTerms: z.boolean(),
  requireCaptcha: z.boolean(),
  /** `off`: no email stage; `optional`: a dummy flow and an email flow; `required`: email only. */
  email: z.enum(['off', 'optional', 'required']),
  /**
   * Off, as Synapse: the email has a link only. On: requestToken answers a `submit_url`, the email
   * carries a 6-digit code, and a client can post it there instead of following the link.
   */
  emailSubmitUrl: z.boolean(),
  /** A mock convenience: addresses at these domains are refused (403 `M_THREEPID_DENIED`). */
  deniedEmailDomains: z.array(z.string()),
  /**
   * Synapse's `allowed_local_3pids`: when set, only addresses matching one of these patterns may be
   * used (Python's `re.match`: anchored at the start only), checked on the canonical address.
   */
  allowedLocal3pids: z.array(z.object({ medium: z.string(), pattern: z.string() })).nullable(),
  policies: z.record(z.string(), policySchema),
  captchaPublicKey: z.string(),
  /**
   * What stands in for Google's siteverify: `mock-widget` accepts only the response the mock's own
   * widget issues; `{refuse}` accepts every response but these (the recorded Synapse's fake siteverify).
   */
  captchaVerifier: z.union([z.literal('mock-widget'), z.strictObject({ refuse: z.array(z.string()) })]),
  registrationTokens: z.array(
    z.object({
      token: z.string(),
      usesAllowed: z.number().int().nonnegative().nullable(),
      /** Milliseconds since the epoch, or null for no expiry. */
      expiryTime: z.number().nullable(),
    }),
  ),
  passwordPolicy: z.object({
    enabled: z.boolean(),
    minLength: z.number().int().nonnegative(),
    requireDigit: z.boolean(),
    requireSymbol: z.boolean(),
    requireUppercase: z.boolean(),
    requireLowercase: z.boolean(),
    /** `synapse`: `M_PASSWORD_TOO_SHORT` and friends; `spec`: `M_WEAK_PASSWORD` for every rule. */
    errcodes: z.enum(['synapse', 'spec']),
  }),
  allowUnderscorePrefix: z.boolean(),
  /** continuwuity's and Tuwunel's `forbidden_usernames`: patterns no new name may match (403 "Username is forbidden"). */
  forbiddenUsernames: z.array(z.string()),
  appservices: z.array(
    z.object({ id: z.string(), asToken: z.string(), userRegex: z.string(), exclusive: z.boolean() }),
  ),
  /** Accounts that exist from the start: `[localpart, password]`. */
  existingUsers: z.array(z.tuple([z.string(), z.string()])),
  /** Which of them are server admins, who may use the admin API. */
  admins: z.array(z.string()),
  /** Synapse's `registration_shared_secret` for `/_synapse/admin/v1/register`; null turns it off. */
  registrationSharedSecret: z.string().min(1).nullable(),
  inhibitUserInUseError: z.boolean(),
  /**
   * MSC3866's `require_approval_for_new_accounts` (Synapse's `experimental_features.msc3866`): a new
   * account waits for an admin (admin API `PUT /_synapse/admin/v2/users/{id}` with `approved: true`).
   */
  requireApproval: z.boolean(),
  rateLimits: z.object({
    /** Checked at the start of `POST /register`, consumed only when an account is created. */
    registration: rateSchema.nullable(),
    registrationTokenValidity: rateSchema.nullable(),
    threepidValidation: rateSchema.nullable(),
    availability: rateSchema.nullable(),
  }),
  /**
   * Every request to `/register` and `/register/available` from one client, counted together
   * (Dendrite's limiter); apart from `rateLimits`, so that a scenario's limits leave it in place.
   */
  clientRequestLimit: rateSchema.nullable(),
  refreshTokens: z.boolean(),
  accessTokenLifetimeMs: z.number().int().positive(),
  sessionTtlMs: z.number().int().positive(),
  /** On a replayed, completed session: Synapse issues a new token; Dendrite repeats the first answer. */
  replayPolicy: z.enum(['newToken', 'cachedResponse']),
  stageOrderEnforced: z.boolean(),
  /** When set, account creation fails with `M_RESOURCE_LIMIT_EXCEEDED`. */
  resourceLimit: z.object({ limitType: z.string(), adminContact: z.string() }).nullable(),
  /** Authentication delegated to an OAuth 2.0 server (MAS) that the mock plays too (`model/oauth/`). */
  oauth: oauthSchema.nullable(),
  wellKnown: z.object({ status: z.number().int(), body: z.unknown() }).nullable(),
  responseDelayMs: z.number().int().nonnegative(),
  /** Off: answers carry no CORS headers, as a misconfigured server's (browsers then refuse to read them). */
  cors: z.boolean(),
  /**
   * Origins whose pages may call the mock's control surface (`/_mock`, the admin API) across
   * origins, e.g. `http://localhost:5173`; none by default (security review M3).
   */
  controlOrigins: z.array(
    z.url().refine((url) => URL.canParse(url) && new URL(url).origin === url, 'An origin: scheme, host and port only'),
  ),
  /** Deliberate faults for the `broken` scenario, by endpoint name. */
  faults: z.record(z.string(), z.enum(['bad-gateway-html', 'internal-error-json', 'not-json'])),
});
export type HomeserverConfig = z.infer<typeof configSchema>;
/** What a scenario or a config file may give: defaults (such as the OAuth knobs) may be left out. */
export type ConfigOverrides = Partial<z.input<typeof configSchema>>;

const ALL_VERSIONS = [
  ...['r0.0.1', 'r0.1.0', 'r0.2.0', 'r0.3.0', 'r0.4.0', 'r0.5.0', 'r0.6.0', 'r0.6.1'],
  ...Array.from({ length: 16 }, (_, i) => `v1.${i + 1}`),
];

export const MOCK_BASE_URL = 'http://localhost:8008';
export const MOCK_CAPTCHA_PUBLIC_KEY = 'mock-captcha-public-key';
/** The response the mock's captcha widget issues and the mock accepts. */
export const MOCK_CAPTCHA_RESPONSE = 'mock-captcha-solved';
export const MOCK_APPSERVICE_TOKEN = 'mock-appservice-token';
export const MOCK_ADMIN = { username: 'admin', password: 'admin-password' } as const;
export const MOCK_SHARED_SECRET = 'mock-registration-shared-secret';

export const defaultConfig: HomeserverConfig = {
  homeserver: DEFAULT_FAMILY,
  serverName: 'localhost:8008',
  publicBaseUrl: MOCK_BASE_URL,
  enableRegistration: true,
  allowGuests: false,
  prefixes: ['v3', 'r0', 'unstable', 'v2_alpha'],
  versions: ALL_VERSIONS,
  unstableFeatures: {},
  flows: null,
  requireToken: false,
  requireTerms: false,
  requireCaptcha: false,
  email: 'off',
  emailSubmitUrl: false,
  deniedEmailDomains: ['blocked.example'],
  allowedLocal3pids: null,
  policies: {
    privacy_policy: {
      version: '1.0',
      translations: {
        en: { name: 'Privacy Policy', url: '/_matrix/consent?v=1.0' },
        fr: { name: 'Politique de confidentialité', url: '/_matrix/consent?v=1.0&lang=fr' },
      },
    },
    terms_of_service: {
      version: '2.1',
      translations: { en: { name: 'Terms of Service', url: '/_matrix/consent?v=2.1' } },
    },
  },
  captchaPublicKey: MOCK_CAPTCHA_PUBLIC_KEY,
  captchaVerifier: 'mock-widget',
  registrationTokens: [
    { token: 'letmein', usesAllowed: null, expiryTime: null },
    { token: 'single-use', usesAllowed: 1, expiryTime: null },
    { token: 'expired', usesAllowed: null, expiryTime: Date.UTC(2020, 0, 1) },
    { token: 'used-up', usesAllowed: 0, expiryTime: null },
  ],
  passwordPolicy: {
    enabled: false,
    minLength: 8,
    requireDigit: true,
    requireSymbol: true,
    requireUppercase: true,
    requireLowercase: true,
    errcodes: 'synapse',
  },
  allowUnderscorePrefix: false,
  forbiddenUsernames: [],
  appservices: [{ id: 'bridge', asToken: MOCK_APPSERVICE_TOKEN, userRegex: '@bridge-.*:.*', exclusive: true }],
  existingUsers: [
    ['alice', 'alice-password'],
    ['bob', 'bob-password'],
    [MOCK_ADMIN.username, MOCK_ADMIN.password],
  ],
  admins: [MOCK_ADMIN.username],
  registrationSharedSecret: MOCK_SHARED_SECRET,
  inhibitUserInUseError: false,
  requireApproval: false,
  rateLimits: { registration: null, registrationTokenValidity: null, threepidValidation: null, availability: null },
  clientRequestLimit: null,
  refreshTokens: true,
  accessTokenLifetimeMs: 300_000,
  sessionTtlMs: 48 * 3600_000,
  replayPolicy: 'newToken',
  stageOrderEnforced: false,
  resourceLimit: null,
  oauth: null,
  wellKnown: null,
  responseDelayMs: 0,
  cors: true,
  controlOrigins: [],
  faults: {},
};

/**
 * Applies overrides to the defaults and validates the result. Throws a readable error, also when
 * the family it plays has no way to do what the config asks (Conduit has no email stage, say).
 */
export function resolveConfig(...overrides: unknown[]): HomeserverConfig {
  const merged = overrides.reduce<Record<string, unknown>>((acc, next) => ({ ...acc, ...(next as object) }), {
    ...defaultConfig,
  });
  const parsed = configSchema.safeParse(merged);
  if (!parsed.success) throw new Error(`Invalid mock homeserver config:\n${z.prettifyError(parsed.error)}`);
  const config = parsed.data;
  const unsupported = unsupportedRequirements(config);
  if (unsupported.length > 0) {
    throw new Error(
      `Invalid mock homeserver config: ${FAMILIES[config.homeserver].label} cannot play it: it has no ${unsupported.join(', no ')}`,
    );
  }
  if (!config.oauth) return config;
  const { issuer, accountUrl } = config.oauth;
  return {
    ...config,
    oauth: { ...config.oauth, issuer: absoluteUrl(config, issuer), accountUrl: absoluteUrl(config, accountUrl) },
  };
}

/** `publicBaseUrl` without its trailing slash, to put paths after. */
export function baseUrlOf(config: HomeserverConfig): string {
  return config.publicBaseUrl.replace(/\/+$/, '');
}

/** A policy or page URL: one that starts with `/` is on this server. */
export function absoluteUrl(config: HomeserverConfig, url: string): string {
  return url.startsWith('/') ? `${baseUrlOf(config)}${url}` : url;
}

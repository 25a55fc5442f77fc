/**
 * The homeserver families the mock can play (the `homeserver` setting), and every fact about how
 * each answers on the registration API, with its source, in this one place. The pipelines that use
 * them are `register.ts` (Synapse), `register-delegated.ts` (Synapse with OAuth delegation),
 * `register-ruma.ts` (Conduit, continuwuity, Tuwunel) and `register-dendrite.ts`.
 *
 * Sources, as `../shared/spec/homeservers.md` §1 reads them (a `path:line` is in the repository and
 * commit named here for its family):
 * - Synapse: `element-hq/synapse` v1.94.0 and a58ad44eb0 (1.157.1+16); recordings of 1.94.0 in
 *   `../shared/spec/synapse-1.94*`.
 * - Synapse with MAS / MSC3861: same repository, tags v1.86.0, v1.125.0, v1.126.0, v1.138.0.
 * - Conduit: `timokoesters/conduit` v0.9.0 (f8d7ef04) and d058dab7aa (0.10.12).
 * - Dendrite: `element-hq/dendrite` 08cac1ccf0 (0.15.2+12).
 * - continuwuity: `continuwuity/continuwuity` v0.5.6, v0.5.7, v26.6.0 and 0907323588.
 * - Tuwunel: `matrix-construct/tuwunel` v1.3.0 and v1.9.0 (5b36691442).
 */

export const FAMILY_NAMES = [
  'synapse',
  'synapse-mas',
  'synapse-msc3861',
  'conduit-0.9',
  'conduit-0.10',
  'dendrite',
  'continuwuity-0.5.6',
  'continuwuity-0.5.7',
  'continuwuity-26.6',
  'tuwunel-1.3',
  'tuwunel-1.4',
] as const;
export type FamilyName = (typeof FAMILY_NAMES)[number];
export const DEFAULT_FAMILY: FamilyName = 'synapse';

export function isFamilyName(name: string): name is FamilyName {
  return (FAMILY_NAMES as readonly string[]).includes(name);
}

/** Which pipeline answers `POST /register`. */
export type Lineage = 'synapse' | 'delegated' | 'ruma' | 'dendrite';

/** An answer as a family words it: status, errcode and its exact text. */
export interface Refusal {
  status: number;
  errcode: string;
  error: string;
}

export interface Family {
  name: FamilyName;
  /** What people call it, with the versions it stands for. */
  label: string;
  lineage: Lineage;
  /** `GET /_matrix/client/versions` (homeservers.md §2.1, last entries). */
  versions: string[];
  /** The shape of the 401 (§2.1). `object`: always `{}` or more; `null`: `params: null` unless filled; `omit`: absent unless filled. */
  params: 'object' | 'null' | 'omit';
  /** `completed`: Synapse's (absent on the first answer only), ruma's (absent while empty), Dendrite's (always). */
  completed: 'synapse' | 'when-non-empty' | 'always';
  /** Whether `/register` takes a username check before UIA or only after it (continuwuity ≥0.5.7). */
  usernameAfterUia: boolean;
  /** Whether `/register` and `/register/available` lower-case the name. */
  lowercases: boolean;
  /** The texts of a refused name (Synapse's are in `user-id.ts`). */
  usernameTexts?: { invalid: string; taken: string; exclusive: string };
  /** Where `forbiddenUsernames` is enforced: `/register` only, or `/register/available` too. */
  forbiddenNames: 'none' | 'register' | 'register-and-available';
  /** Registration switched off. */
  disabled: Refusal;
  /** An `auth.session` the server does not know; `new` starts one under that ID (Dendrite). */
  unknownSession: Refusal | 'new';
  /** A stage in no flow: accepted (Synapse), or refused. */
  stageOutsideFlows: Refusal | 'accept';
  /** How a registration token is spent (§2.2 "When a token is spent"). */
  tokenSpending: 'synapse' | 'never' | 'at-stage' | 'none';
  wrongToken?: Refusal;
  /** The email stage before the link was opened. */
  emailPending?: Refusal;
  captchaRefused?: Refusal;
  /** The 200: with `home_server` (Synapse only). */
  homeServerInSuccess: boolean;
  /** Fields a later request may leave out, filled from the session's first request (Conduit's lineage). */
  carriesFirstBody: boolean;
  /** Endpoints: served, or 404 `M_UNRECOGNIZED`. */
  serves: {
    available: boolean;
    /** The token validity check; `no-tokens-403`: 403 when the server has no token (Tuwunel). */
    validity: boolean | 'no-tokens-403';
    requestToken: boolean | 'identity-server';
    passwordPolicy: boolean;
    fallback: readonly string[];
    authIssuer: boolean;
  };
  /** Requirements this family has no stage for: a scenario asking for one is refused. */
  cannot: readonly ('token' | 'email' | 'email-optional' | 'terms' | 'captcha')[];
  /** CORS headers on every API answer, 404s included. */
  cors: Readonly<Record<string, string>>;
  /** A preflight's status: Synapse 204, tower-http (the Rust servers) and Dendrite 200. */
  preflightStatus: 200 | 204;
  /**
   * How paths are matched. `synapse`: Synapse's regexes, of which some have no `$` (a longer path is
   * the same endpoint), behind Twisted's resource tree, whose root answers OPTIONS on every path and
   * whose well-known resources are Twisted's own (see `routes.ts`). `exact`: whole-path templates.
   */
  routing: 'synapse' | 'exact';
  /**
   * The stages its UIA checks at all; another type is logged and ignored, completing nothing (the
   * Rust servers' `k => error!("type not supported")`). Absent: every stage of the mock.
   */
  stagesChecked?: readonly string[];
  /**
   * Guests on the Rust servers: refused before any other check (`refused-first`), let in whenever
   * registration is open and through the token stage where one is configured
   * (`with-registration`), or by `allowGuests` (`setting`), and not where a token is configured
   * either (`setting-unless-token`).
   */
  guests?: 'refused-first' | 'with-registration' | 'setting' | 'setting-unless-token';
  /** A password required once UIA is done; without it the account is made with none. */
  passwordRequired?: boolean;
  /** A captcha stage on a server without captcha keys: refused outright, not inside the 401. */
  captchaUnconfigured?: Refusal;
  /** Whether `/register/available` checks application services' namespaces. */
  namespaceOnAvailable: boolean;
  /** `m.login.terms` params: Synapse's, or continuwuity's `"version": "latest"` inside each policy or beside them. */
  terms: 'synapse' | 'version-inside' | 'version-beside';
  /** `requestToken`'s refusals in the family's words (the Rust servers'). */
  requestTokenTexts?: { notConfigured: string; invalid: string; inUse: string };
  /**
   * Its OAuth server, where it has one: whether `auth_metadata` is served, when `create` is listed
   * (as MAS's config says, always, or while registration is open), and whether OAuth alone
   * (`passwordRegistration` off) closes `/register`.
   */
  oauth?: { authMetadata: boolean; createListed: 'as-configured' | 'always' | 'while-open'; closesRegister: boolean };
  /** Where each fact above comes from. */
  sources: Readonly<Record<string, string>>;
}

const SYNAPSE_CORS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'GET, HEAD, POST, PUT, DELETE, OPTIONS',
  'Access-Control-Allow-Headers': 'X-Requested-With, Content-Type, Authorization, Date',
  'Access-Control-Expose-Headers': 'Synapse-Trace-Id, Server',
} as const;

/** tower-http's `CorsLayer` as Conduit configures it (`src/main.rs:224-241`); its forks keep "origin any". */
const CONDUIT_CORS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'GET,POST,PUT,DELETE,OPTIONS',
  'Access-Control-Allow-Headers': 'origin,x-requested-with,content-type,accept,authorization',
  'Access-Control-Max-Age': '86400',
} as const;

/** continuwuity's `src/router/layers.rs:159-183` (v26.6.0), rendered as tower-http renders lists. */
const CONTINUWUITY_CORS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'GET,HEAD,PATCH,POST,PUT,DELETE,OPTIONS',
  'Access-Control-Allow-Headers': 'origin,x-requested-with,content-type,accept,authorization',
  'Access-Control-Max-Age': '86400',
} as const;

/** Tuwunel's `src/router/layers.rs:202-221` (v1.9.0), without an `access_control_allow_origin` list. */
const TUWUNEL_CORS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'DELETE,GET,HEAD,OPTIONS,PATCH,POST,PUT',
  'Access-Control-Allow-Headers': 'accept,authorization,content-type,if-match,if-none-match,origin,x-requested-with',
  'Access-Control-Max-Age': '86400',
} as const;

/** Dendrite's `internal/httputil/httpapi.go:279-281`, on every JSON API and its 404 and 405 handlers. */
const DENDRITE_CORS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'GET, POST, PUT, DELETE, OPTIONS',
  'Access-Control-Allow-Headers': 'Origin, X-Requested-With, Content-Type, Accept, Authorization',
} as const;

const SPEC_VERSIONS = (last: number) => Array.from({ length: last }, (_, i) => `v1.${i + 1}`);
const R0 = ['r0.0.1', 'r0.1.0', 'r0.2.0', 'r0.3.0', 'r0.4.0', 'r0.5.0', 'r0.6.0', 'r0.6.1'];

const SYNAPSE_SOURCES = {
  flows: 'synapse/rest/client/register.py _calculate_registration_flows',
  checks: 'synapse/rest/client/register.py RegisterRestServlet.on_POST; register-semantics.md §5',
  tokens: 'synapse/storage/databases/main/registration.py:1673 (pending + completed >= uses_allowed)',
  recordings: '../shared/spec/synapse-1.94/, ../shared/spec/synapse-1.94-email/',
};

const synapse: Family = {
  name: 'synapse',
  label: 'Synapse 1.94–1.157',
  lineage: 'synapse',
  versions: [...R0, ...SPEC_VERSIONS(12)],
  params: 'object',
  completed: 'synapse',
  usernameAfterUia: false,
  lowercases: true,
  forbiddenNames: 'none',
  disabled: { status: 403, errcode: 'M_FORBIDDEN', error: 'Registration has been disabled' },
  unknownSession: { status: 400, errcode: 'M_UNKNOWN', error: 'Unknown session ID' },
  stageOutsideFlows: 'accept',
  tokenSpending: 'synapse',
  wrongToken: { status: 401, errcode: 'M_UNAUTHORIZED', error: 'Invalid registration token' },
  emailPending: { status: 401, errcode: 'M_UNAUTHORIZED', error: 'Unable to get validated threepid' },
  captchaRefused: { status: 401, errcode: 'M_UNAUTHORIZED', error: 'Captcha authentication failed' },
  homeServerInSuccess: true,
  carriesFirstBody: false,
  serves: {
    available: true,
    validity: true,
    requestToken: true,
    passwordPolicy: true,
    fallback: ['m.login.recaptcha', 'm.login.terms', 'm.login.registration_token', 'm.login.dummy'],
    authIssuer: false,
  },
  cannot: [],
  cors: SYNAPSE_CORS,
  preflightStatus: 204,
  routing: 'synapse',
  namespaceOnAvailable: true,
  terms: 'synapse',
  sources: SYNAPSE_SOURCES,
};

/** Synapse with its accounts delegated (§2.4): no UIA, OAuth discovery, the rest not routed. */
const delegated = {
  lineage: 'delegated',
  params: 'object',
  completed: 'synapse',
  usernameAfterUia: false,
  lowercases: true,
  forbiddenNames: 'none',
  unknownSession: { status: 400, errcode: 'M_UNKNOWN', error: 'Unknown session ID' },
  stageOutsideFlows: 'accept',
  tokenSpending: 'none',
  homeServerInSuccess: false,
  carriesFirstBody: false,
  // Tokens, email, terms and captcha are asked by MAS on its own sign-up page (the mock's plays it).
  // Availability, token validity, requestToken and submit_token are not routed (register.py:1070-1073).
  serves: {
    available: false,
    validity: false,
    requestToken: false,
    passwordPolicy: true,
    fallback: [],
    authIssuer: true,
  },
  cannot: [],
  cors: SYNAPSE_CORS,
  preflightStatus: 204,
  routing: 'synapse',
  namespaceOnAvailable: true,
  terms: 'synapse',
} as const;

const synapseMas: Family = {
  ...delegated,
  oauth: { authMetadata: true, createListed: 'as-configured', closesRegister: false },
  name: 'synapse-mas',
  label: 'Synapse 1.126+ with Matrix Authentication Service',
  versions: [...R0, ...SPEC_VERSIONS(12)],
  disabled: {
    status: 403,
    errcode: 'M_FORBIDDEN',
    error: 'Registration has been disabled. Only m.login.application_service registrations are allowed.',
  },
  sources: {
    register:
      'synapse/rest/client/register.py:907-982 RegisterAppServiceOnlyRestServlet (a58ad44eb0; since 1.126.0, #17661)',
    notRouted: 'synapse/rest/client/register.py:1070-1073',
    authMetadata: 'synapse/rest/client/auth_metadata.py (unstable since 1.123, v1 since 1.138)',
  },
};

const synapseMsc3861: Family = {
  ...delegated,
  // No `auth_metadata` before 1.123 (homeservers.md §2.4): the issuer through `auth_issuer` and the well-known.
  oauth: { authMetadata: false, createListed: 'as-configured', closesRegister: false },
  name: 'synapse-msc3861',
  label: 'Synapse 1.86–1.125 with MSC3861',
  versions: [...R0, ...SPEC_VERSIONS(11)],
  disabled: { status: 403, errcode: 'M_UNKNOWN', error: 'Non-application service registration type' },
  sources: {
    register: 'synapse v1.86.0 synapse/rest/client/register.py:872-937 (v1.94.0 :867)',
    notRouted: 'synapse v1.86.0 register.py:1026-1027 (v1.94.0 :1021)',
    authIssuer: 'unstable org.matrix.msc2965/auth_issuer since 1.99.0',
  },
};

/** Conduit's lineage (§2.5): a static token, username checks before UIA, ruma's 401. */
const conduit = {
  lineage: 'ruma',
  guests: 'with-registration',
  // No appservice check on `/register/available` (account.rs:59, "TODO add check for appservice namespaces").
  namespaceOnAvailable: false,
  terms: 'synapse',
  completed: 'when-non-empty',
  usernameAfterUia: false,
  lowercases: true,
  usernameTexts: {
    invalid: 'Username is invalid.',
    taken: 'Desired user ID is already taken.',
    exclusive: 'User id reserved by appservice.',
  },
  forbiddenNames: 'none',
  disabled: { status: 403, errcode: 'M_FORBIDDEN', error: 'Registration has been disabled.' },
  unknownSession: { status: 403, errcode: 'M_FORBIDDEN', error: 'UIAA session does not exist.' },
  // A stage outside the flows is logged and ignored (`k => error!("type not supported")`).
  stageOutsideFlows: 'accept',
  tokenSpending: 'never',
  wrongToken: { status: 401, errcode: 'M_FORBIDDEN', error: 'Invalid registration token.' },
  homeServerInSuccess: false,
  carriesFirstBody: true,
  serves: {
    available: true,
    validity: false,
    requestToken: false,
    passwordPolicy: false,
    fallback: [],
    authIssuer: false,
  },
  cannot: ['email', 'email-optional', 'terms', 'captcha'],
  stagesChecked: ['m.login.dummy', 'm.login.registration_token'],
  cors: CONDUIT_CORS,
  preflightStatus: 200,
  routing: 'exact',
} as const;

const CONDUIT_SOURCES = {
  register: 'src/api/client_server/account.rs register_route (username, exclusive, then UIA)',
  available: 'src/api/client_server/account.rs get_register_available_route (no appservice check, "TODO")',
  uia: 'src/service/uiaa/mod.rs:99-109 (token compared trimmed, never spent); database/key_value/uiaa.rs:84',
  carry: 'src/api/ruma_wrapper/axum.rs:330-354 (keys missing later are taken from the first body)',
  cors: 'src/main.rs:224-241',
  notRouted: 'src/main.rs:464, 550-553 (router fallback: 404 M_UNRECOGNIZED)',
};

const conduit09: Family = {
  ...conduit,
  name: 'conduit-0.9',
  label: 'Conduit 0.9 and older',
  versions: ['r0.5.0', 'r0.6.0', ...SPEC_VERSIONS(12)],
  params: 'null',
  sources: {
    ...CONDUIT_SOURCES,
    params: 'ruma c06af43 crates/ruma-client-api/src/uiaa.rs:633 (params: Box<RawJsonValue>)',
  },
};

const conduit010: Family = {
  ...conduit,
  name: 'conduit-0.10',
  label: 'Conduit 0.10 and later',
  versions: ['r0.5.0', 'r0.6.0', ...SPEC_VERSIONS(12)],
  params: 'omit',
  sources: { ...CONDUIT_SOURCES, params: 'ruma 38d471d (params: Option<…>, skipped when None)' },
};

/** Dendrite's own words, which its pipeline (`register-dendrite.ts`) uses directly. */
export const DENDRITE_TEXTS = {
  // validate.go ErrUsernameInvalid; register.go:865 (at account creation).
  invalid: "username can only contain characters a-z, 0-9, or '_+-./='",
  taken: 'Desired user ID is already taken.',
  exclusive: 'This username is reserved by an application service.',
  // Refused: a 401 without flows; missing: 400 (register.go:715-719).
  captchaRefused: { status: 401, errcode: 'M_BAD_JSON', error: 'invalid captcha response' },
} as const;

const dendrite: Family = {
  name: 'dendrite',
  label: 'Dendrite 0.15',
  lineage: 'dendrite',
  namespaceOnAvailable: true,
  terms: 'synapse',
  versions: ['r0.0.1', 'r0.1.0', 'r0.2.0', 'r0.3.0', 'r0.4.0', 'r0.5.0', 'r0.6.0', 'r0.6.1', 'v1.0', 'v1.1', 'v1.2'],
  params: 'object',
  completed: 'always',
  usernameAfterUia: false,
  lowercases: true,
  usernameTexts: DENDRITE_TEXTS,
  forbiddenNames: 'none',
  disabled: { status: 403, errcode: 'M_FORBIDDEN', error: 'Registration is disabled on "{server}"' },
  unknownSession: 'new',
  stageOutsideFlows: { status: 501, errcode: 'M_UNKNOWN', error: 'unknown/unimplemented auth type' },
  tokenSpending: 'none',
  captchaRefused: DENDRITE_TEXTS.captchaRefused,
  homeServerInSuccess: false,
  carriesFirstBody: true,
  serves: {
    available: true,
    validity: false,
    requestToken: 'identity-server',
    passwordPolicy: false,
    fallback: ['m.login.recaptcha'],
    authIssuer: false,
  },
  cannot: ['token', 'email', 'email-optional', 'terms'],
  cors: DENDRITE_CORS,
  preflightStatus: 200,
  routing: 'exact',
  sources: {
    register:
      'clientapi/routing/register.go Register (numeric, lower-case, username, password) and handleRegistrationFlow (disabled :691, exclusive, stage)',
    taken: 'clientapi/routing/register.go:865 (M_USER_IN_USE only at account creation)',
    password: 'internal/validate.go:25-60 (M_WEAK_PASSWORD under 8 bytes, M_BAD_JSON over 512)',
    sessions:
      'clientapi/routing/register.go:87-92, :150-151, :814 sessionsDict: 5 minutes idle (the timer restarts on each 401 and stage); a completed one replays its 200, unless inhibit_login (:879-886)',
    captcha: 'clientapi/routing/register.go:715-719',
    available: 'clientapi/routing/register.go RegisterAvailable (:1032 appservice namespace is M_USER_IN_USE)',
    rateLimit:
      'internal/httputil/rate_limiting.go: 5 requests per 500 ms per client, shared by /register and /register/available (clientapi/routing/routing.go:538-549)',
    requestToken:
      'clientapi/routing/routing.go:958-962 (an identity server from the body; untrusted → M_SERVER_NOT_TRUSTED)',
    tokens: 'clientapi/routing/admin.go:33-38 (registration_requires_token only enables the admin endpoint)',
  },
};

/** continuwuity's and Tuwunel's words for a refused name (their `determine_registration_user_id` lineage). */
const RUST_NAME_TEXTS = {
  invalid: 'Username contains disallowed characters or spaces',
  exclusive: 'Username is reserved by an appservice.',
} as const;

/** continuwuity (and the archived conduwuit): §2.7. */
const CONTINUWUITY_COMMON = {
  lineage: 'ruma',
  namespaceOnAvailable: true,
  completed: 'when-non-empty',
  disabled: { status: 403, errcode: 'M_FORBIDDEN', error: 'This server is not accepting registrations at this time.' },
  homeServerInSuccess: false,
  cors: CONTINUWUITY_CORS,
  preflightStatus: 200,
  routing: 'exact',
} as const;

const continuwuity056: Family = {
  ...CONTINUWUITY_COMMON,
  guests: 'setting',
  terms: 'synapse',
  captchaUnconfigured: { status: 403, errcode: 'M_FORBIDDEN', error: 'ReCaptcha is not configured.' },
  name: 'continuwuity-0.5.6',
  label: 'continuwuity 0.5.6 and older (and conduwuit)',
  versions: [...R0, ...SPEC_VERSIONS(14)],
  params: 'null',
  usernameAfterUia: false,
  lowercases: true,
  usernameTexts: { ...RUST_NAME_TEXTS, taken: 'User ID is not available.' },
  // v0.5.6 `src/api/client/account.rs:66-72`: `/register/available` checks them too.
  forbiddenNames: 'register-and-available',
  unknownSession: { status: 403, errcode: 'M_FORBIDDEN', error: 'UIAA session does not exist.' },
  stageOutsideFlows: 'accept',
  tokenSpending: 'at-stage',
  wrongToken: { status: 401, errcode: 'M_FORBIDDEN', error: 'Invalid registration token.' },
  captchaRefused: { status: 401, errcode: 'M_FORBIDDEN', error: 'ReCaptcha verification failed.' },
  carriesFirstBody: true,
  serves: {
    available: true,
    validity: true,
    requestToken: false,
    passwordPolicy: false,
    fallback: [],
    authIssuer: false,
  },
  cannot: ['email', 'email-optional', 'terms'],
  stagesChecked: ['m.login.dummy', 'm.login.registration_token', 'm.login.recaptcha'],
  sources: {
    register:
      'v0.5.6 src/api/client/account.rs register_route (disabled, forbidden, lower-case, invalid, taken, exclusive, then UIA)',
    flows: 'v0.5.6 src/api/client/account.rs: [token] if any token, [recaptcha] if keys, as alternatives; none → 403',
    uia: 'v0.5.6 src/service/uiaa/mod.rs:222-228 (token trimmed, marked used at the stage), :348 (unknown session)',
  },
};

const continuwuity057 = {
  ...CONTINUWUITY_COMMON,
  requestTokenTexts: {
    // Without SMTP read as Tuwunel's refusal (a guess: decision 016); the rest register.rs's.
    notConfigured: 'Email is not configured',
    invalid: 'Invalid email address.',
    inUse: 'This email address is already in use.',
  },
  params: 'object',
  usernameAfterUia: true,
  lowercases: false,
  unknownSession: { status: 400, errcode: 'M_INVALID_PARAM', error: 'Invalid session' },
  stageOutsideFlows: { status: 400, errcode: 'M_INVALID_PARAM', error: 'No flows include the supplied stage' },
  tokenSpending: 'at-stage',
  wrongToken: { status: 401, errcode: 'M_FORBIDDEN', error: 'Invalid registration token' },
  emailPending: {
    status: 401,
    errcode: 'M_THREEPID_AUTH_FAILED',
    error: 'This email address has not been validated. Did you use the link that was sent to you?',
  },
  carriesFirstBody: false,
  serves: {
    available: true,
    validity: true,
    requestToken: true,
    passwordPolicy: false,
    fallback: [],
    authIssuer: false,
  },
  cannot: ['email-optional'],
} as const;

const continuwuity0511: Family = {
  ...continuwuity057,
  // The disabled check before guests (v0.5.7 register.rs:66-110); no password required (:186-189).
  guests: 'setting',
  terms: 'version-inside',
  forbiddenNames: 'register',
  name: 'continuwuity-0.5.7',
  label: 'continuwuity 0.5.7–0.5.11',
  versions: [...R0, ...SPEC_VERSIONS(16)],
  usernameTexts: { ...RUST_NAME_TEXTS, taken: 'User ID is not available.' },
  captchaRefused: { status: 401, errcode: 'M_FORBIDDEN', error: 'ReCaptcha verification failed' },
  sources: {
    register:
      'v0.5.7 src/api/client/account/register.rs:66-110 (disabled, then guests), :186-189 (no password check), :514-590 (the name after UIA, not lower-cased)',
    flows:
      'v0.5.7 register.rs:440-503 (token flow and "untrusted" flow as alternatives, terms prepended; terms params even on [[dummy]])',
    uia: 'v0.5.7 src/service/uiaa/mod.rs:426-456 (captcha M_FORBIDDEN, token marked used at the stage); a completed session is removed',
    terms: 'v0.5.7 register.rs:466-476 (every configured language, "version": "latest" inside each policy)',
  },
};

const continuwuity266: Family = {
  ...continuwuity057,
  guests: 'refused-first',
  passwordRequired: true,
  terms: 'version-beside',
  oauth: { authMetadata: true, createListed: 'always', closesRegister: true },
  forbiddenNames: 'register-and-available',
  name: 'continuwuity-26.6',
  label: 'continuwuity 26.6 and later',
  versions: [...R0, ...SPEC_VERSIONS(18)],
  usernameTexts: { ...RUST_NAME_TEXTS, taken: 'Username is not available.' },
  captchaRefused: { status: 401, errcode: 'M_CAPTCHA_INVALID', error: 'ReCaptcha verification failed' },
  sources: {
    register:
      'v26.6.0 src/api/client/account/register.rs:41-91 (guests, disabled, UIA first, a password required), :93 (the name only afterwards)',
    flows: 'v26.6.0 register.rs:170-260 (token flow and "untrusted" flow as alternatives, terms prepended)',
    uia: 'v26.6.0 src/service/uiaa/mod.rs:311-322 (exclusive OAuth: 404), :374 (auth {session} completes nothing), :509 (email), :558-560 (captcha), :606-612 (token marked used at the stage); a completed session is removed',
    username: 'v26.6.0 src/service/users/account.rs determine_registration_user_id (no lower-casing)',
    terms: 'v26.6.0 register.rs:223 (one language, "version": "latest" beside the policies, none inside them)',
    available:
      'v26.6.0 src/api/client/account/mod.rs get_register_available_route → determine_registration_user_id (forbidden names 403)',
    guests: 'v26.6.0 register.rs: kind ≠ user → 403 M_GUEST_ACCESS_FORBIDDEN "Guests may not register on this server."',
    oauth:
      'v26.6.0 src/core/config/mod.rs:2441-2475 (oauth.compatibility_mode hybrid by default), src/api/client/oauth/server_metadata.rs:24, :55 (metadata served, prompt_values_supported ["create"])',
  },
};

/** Tuwunel: §2.8. */
const TUWUNEL_COMMON = {
  lineage: 'ruma',
  namespaceOnAvailable: true,
  completed: 'when-non-empty',
  usernameAfterUia: false,
  lowercases: true,
  usernameTexts: { ...RUST_NAME_TEXTS, taken: 'User ID is not available.' },
  forbiddenNames: 'register-and-available',
  disabled: { status: 403, errcode: 'M_FORBIDDEN', error: 'Registration has been disabled.' },
  unknownSession: { status: 403, errcode: 'M_FORBIDDEN', error: 'UIAA session does not exist.' },
  stageOutsideFlows: 'accept',
  wrongToken: { status: 401, errcode: 'M_FORBIDDEN', error: 'Invalid registration token.' },
  emailPending: { status: 401, errcode: 'M_FORBIDDEN', error: 'Email address has not been validated.' },
  homeServerInSuccess: false,
  carriesFirstBody: true,
  cors: TUWUNEL_CORS,
  preflightStatus: 200,
  routing: 'exact',
} as const;

const tuwunel13: Family = {
  ...TUWUNEL_COMMON,
  guests: 'setting-unless-token',
  terms: 'synapse',
  name: 'tuwunel-1.3',
  label: 'Tuwunel 1.0–1.3',
  versions: [...R0, ...SPEC_VERSIONS(15)],
  params: 'null',
  tokenSpending: 'never',
  serves: {
    available: true,
    validity: 'no-tokens-403',
    requestToken: false,
    passwordPolicy: false,
    fallback: [],
    authIssuer: false,
  },
  cannot: ['email', 'email-optional', 'terms', 'captcha'],
  stagesChecked: ['m.login.dummy', 'm.login.registration_token'],
  sources: {
    register:
      'v1.3.0 src/api/client/register.rs (disabled, forbidden, lower-case, invalid, taken, exclusive, then UIA)',
    uia: 'v1.3.0 src/service/uiaa/mod.rs:177-190 (configured tokens, compared trimmed)',
    params: 'matrix-construct/ruma 0155c2b (params: Box<RawJsonValue>)',
  },
};

const tuwunel14: Family = {
  ...TUWUNEL_COMMON,
  guests: 'setting',
  terms: 'synapse',
  requestTokenTexts: {
    notConfigured: 'Email verification is not configured',
    invalid: 'Email address must contain a domain',
    inUse: 'That email address is already in use',
  },
  oauth: { authMetadata: true, createListed: 'while-open', closesRegister: false },
  name: 'tuwunel-1.4',
  label: 'Tuwunel 1.4 and later',
  versions: [...R0, ...SPEC_VERSIONS(19)],
  params: 'omit',
  tokenSpending: 'at-stage',
  serves: {
    available: true,
    validity: 'no-tokens-403',
    requestToken: true,
    passwordPolicy: false,
    fallback: [],
    authIssuer: false,
  },
  cannot: ['email-optional', 'captcha'],
  stagesChecked: ['m.login.dummy', 'm.login.registration_token', 'm.login.terms', 'm.login.email.identity'],
  sources: {
    register: 'v1.9.0 src/api/client/register/register.rs:51-71 (gate, username, namespace, then UIA)',
    flows: 'v1.9.0 register.rs:292-310 (one flow: token?, email?, terms?; else dummy)',
    uia: 'v1.9.0 src/service/uiaa/mod.rs:147 (try_consume at the stage), :157, :211',
    requestToken: 'v1.9.0 src/api/client/register/request_registration_token_via_email.rs:18, 28; canonical.rs:21',
    router: 'v1.9.0 src/api/router.rs:55 (/register always routed, native OIDC beside it)',
    validity: 'v1.9.0 src/api/client/register/token_validity.rs:17-27 (403 without tokens)',
  },
};

export const FAMILIES: Readonly<Record<FamilyName, Family>> = {
  synapse,
  'synapse-mas': synapseMas,
  'synapse-msc3861': synapseMsc3861,
  'conduit-0.9': conduit09,
  'conduit-0.10': conduit010,
  dendrite,
  'continuwuity-0.5.6': continuwuity056,
  'continuwuity-0.5.7': continuwuity0511,
  'continuwuity-26.6': continuwuity266,
  'tuwunel-1.3': tuwunel13,
  'tuwunel-1.4': tuwunel14,
};

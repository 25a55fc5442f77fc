import type { ConfigOverrides } from './config.js';
import type { FamilyName } from './families.js';

/**
 * The OAuth 2.0 server of the `oidc` scenarios, on the mock's own origin (as MAS often shares
 * Synapse's host): `http://localhost:8008/oauth2/`, or the port the HTTP server was given.
 */
const OAUTH = { issuer: '/oauth2/', accountUrl: '/oauth2/account' };

export interface Scenario {
  description: string;
  config: ConfigOverrides;
  /** The family it plays unless another is chosen (`--homeserver`, `?homeserver=`, the panel). */
  homeserver?: FamilyName;
}

/**
 * Named presets of the config, the same names in the browser (`?scenario=`), the HTTP server
 * (`--scenario`), the `/_mock/scenario` endpoint and tests. Every one keeps `alice`, `bob` and the
 * `bridge-` namespace from the defaults.
 */
export const scenarios = {
  open: { description: 'Open registration: one dummy stage.', config: {} },
  token: {
    description: 'Invite only: a registration token is required (`letmein` passes).',
    config: { requireToken: true },
  },
  terms: { description: 'The terms of service and privacy policy must be accepted.', config: { requireTerms: true } },
  captcha: { description: 'A captcha must be solved (the mock widget).', config: { requireCaptcha: true } },
  email: {
    description:
      'An email address must be validated, as Synapse does it: the email has a link to open and nothing to type (no `submit_url`).',
    config: { email: 'required', emailSubmitUrl: false },
  },
  'email-code': {
    description:
      "An email address must be validated with a 6-digit code the person types or the link: the spec's `submit_url` variant (not Synapse's).",
    config: { email: 'required', emailSubmitUrl: true },
  },
  approval: {
    description:
      'New accounts wait for an admin to approve them (MSC3866, `requireApproval`); approve them in the panel.',
    config: { requireApproval: true },
  },
  everything: {
    description: 'Captcha, terms, then email or nothing; a password policy.',
    config: {
      requireCaptcha: true,
      requireTerms: true,
      email: 'optional',
      passwordPolicy: {
        enabled: true,
        minLength: 8,
        requireDigit: true,
        requireSymbol: false,
        requireUppercase: false,
        requireLowercase: true,
        errcodes: 'synapse',
      },
    },
  },
  disabled: { description: 'Registration is disabled.', config: { enableRegistration: false } },
  'rate-limited': {
    description: 'Two accounts per client, then one every 10 seconds.',
    config: {
      rateLimits: {
        registration: { perSecond: 0.1, burst: 2 },
        registrationTokenValidity: { perSecond: 0.1, burst: 5 },
        threepidValidation: { perSecond: 0.1, burst: 2 },
        availability: { perSecond: 1, burst: 10 },
      },
    },
  },
  guest: { description: 'Guest accounts are allowed.', config: { allowGuests: true } },
  seed: {
    description: 'Only the 2015 v2_alpha contract: `/_matrix/client/api/v2_alpha/register`.',
    config: { prefixes: ['v2_alpha'], versions: [] },
  },
  oidc: {
    description:
      'Synapse with Matrix Authentication Service: accounts are made on the OAuth 2.0 server (its own sign-up page); `/register` answers 403.',
    config: { oauth: OAUTH },
    homeserver: 'synapse-mas',
  },
  'oidc-invite': {
    description:
      "Synapse with Matrix Authentication Service that requires a registration token after its sign-up form (`passwordRegistrationTokenRequired`): `letmein` passes; `admin` / `admin-password` manages tokens through MAS's admin API.",
    config: {
      oauth: {
        ...OAUTH,
        passwordRegistrationTokenRequired: true,
        registrationTokens: [
          { token: 'letmein' },
          { token: 'single-use', usageLimit: 1 },
          { token: 'expired', expiresAt: Date.UTC(2020, 0, 1) },
          { token: 'revoked', revoked: true },
        ],
      },
    },
    homeserver: 'synapse-mas',
  },
  'oidc-no-create': {
    description: 'Synapse with an OAuth 2.0 server that signs people in but does not offer to create accounts.',
    config: { oauth: { ...OAUTH, promptCreate: false } },
    homeserver: 'synapse-mas',
  },
  'oidc-hybrid': {
    description:
      'continuwuity 26.6 in its default hybrid mode: accounts through its OAuth 2.0 server, and `/register` still open beside it.',
    config: { oauth: { ...OAUTH, passwordRegistration: true } },
    homeserver: 'continuwuity-26.6',
  },
  'oidc-strict': {
    description: 'Synapse with an OAuth 2.0 server that refuses insecure client URIs (plain http, even on loopback).',
    config: { oauth: { ...OAUTH, allowInsecureUris: false } },
    homeserver: 'synapse-mas',
  },
  slow: { description: 'Every answer takes 1.5 seconds.', config: { responseDelayMs: 1500 } },
  broken: {
    description: 'Sign-up answers 502 with an HTML page; the availability check answers non-JSON.',
    config: {
      faults: {
        register: 'bad-gateway-html',
        available: 'not-json',
        requestToken: 'internal-error-json',
        validity: 'internal-error-json',
      },
    },
  },
} satisfies Record<string, Scenario>;

export type ScenarioName = keyof typeof scenarios;
export const DEFAULT_SCENARIO: ScenarioName = 'open';

export function isScenarioName(name: string): name is ScenarioName {
  return Object.hasOwn(scenarios, name);
}

/** The family a scenario plays when none is chosen: its own, else Synapse. */
export function scenarioFamily(name: ScenarioName): FamilyName | undefined {
  return (scenarios[name] as Scenario).homeserver;
}

import type { ConfigOverrides } from './config';

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
  email: { description: 'An email address must be validated.', config: { email: 'required' } },
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
    description: 'Accounts are made on an OAuth 2.0 server; `/register` is not served.',
    config: { oauth: { issuer: 'http://localhost:8008/oauth2/', accountUrl: 'http://localhost:8008/oauth2/account' } },
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
} satisfies Record<string, { description: string; config: ConfigOverrides }>;

export type ScenarioName = keyof typeof scenarios;
export const DEFAULT_SCENARIO: ScenarioName = 'open';

export function isScenarioName(name: string): name is ScenarioName {
  return Object.hasOwn(scenarios, name);
}

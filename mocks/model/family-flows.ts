import type { ConfigOverrides, HomeserverConfig } from './config.js';
import { FAMILIES, type Family, type FamilyName } from './families.js';

const DUMMY = 'm.login.dummy';
const TOKEN = 'm.login.registration_token';
const CAPTCHA = 'm.login.recaptcha';
const EMAIL = 'm.login.email.identity';
const TERMS = 'm.login.terms';

/** The OAuth server a delegated Synapse names when the scenario does not (MAS on Synapse's origin). */
const DELEGATED_OAUTH = { issuer: '/oauth2/', accountUrl: '/oauth2/account' };

/**
 * What playing a family changes in the config before the scenario applies its own knobs: the
 * `/versions` list, and settings that are the family's nature rather than an admin's choice.
 */
export function familyDefaults(name: FamilyName): ConfigOverrides {
  const family = FAMILIES[name];
  const base: ConfigOverrides = { homeserver: name, versions: family.versions };
  switch (name) {
    case 'synapse':
      return base;
    case 'synapse-mas':
    case 'synapse-msc3861':
      return { ...base, oauth: DELEGATED_OAUTH };
    case 'dendrite':
      // Sessions live 5 minutes in memory, and a completed one repeats its 200 (register.go sessionsDict).
      return {
        ...base,
        sessionTtlMs: 5 * 60_000,
        replayPolicy: 'cachedResponse',
        emailSubmitUrl: false,
        // One slot per request for 500 ms, five slots per client (internal/httputil/rate_limiting.go),
        // as a bucket of 5 refilled at 10/s: a close likeness (a slot frees 500 ms after its own request).
        clientRequestLimit: { perSecond: 10, burst: 5 },
      };
    case 'continuwuity-26.6':
      // Its OAuth server is on by default, beside `/register` (`oauth.compatibility_mode` hybrid,
      // v26.6.0 src/core/config/mod.rs:2441-2475); `oauth: null` plays the "disabled" mode.
      return { ...base, emailSubmitUrl: false, oauth: { ...DELEGATED_OAUTH, passwordRegistration: true } };
    default:
      // The Rust servers send no `submit_url` and mail a link only (homeservers.md §2.7, §2.8).
      return { ...base, emailSubmitUrl: false };
  }
}

/**
 * The UIA flows this family offers for the config's requirements, as its code computes them, or
 * the list of requirements it has no stage for (then the config cannot be played).
 */
export function familyFlows(config: HomeserverConfig): string[][] {
  if (config.flows) return config.flows;
  const family = FAMILIES[config.homeserver];
  switch (family.name) {
    case 'synapse':
      return synapseFlows(config);
    case 'synapse-mas':
    case 'synapse-msc3861':
      return [];
    case 'conduit-0.9':
    case 'conduit-0.10':
    case 'tuwunel-1.3':
      // The token when one is configured, else dummy: Conduit `account.rs:146-170`, Tuwunel v1.3.0
      // `register.rs:311-334`.
      return [config.requireToken ? [TOKEN] : [DUMMY]];
    case 'dendrite':
      // `setup/config/config.go:276-290`.
      return [config.requireCaptcha ? [CAPTCHA] : [DUMMY]];
    case 'continuwuity-0.5.6': {
      // Alternatives, not one flow: `[token]` and `[recaptcha]` (v0.5.6 account.rs).
      const flows: string[][] = [];
      if (config.requireToken) flows.push([TOKEN]);
      if (config.requireCaptcha) flows.push([CAPTCHA]);
      return flows.length > 0 ? flows : [[DUMMY]];
    }
    case 'continuwuity-0.5.7':
    case 'continuwuity-26.6': {
      // The "trusted" token flow and the "untrusted" captcha-and-email flow are alternatives,
      // terms go before each, and without any flow only dummy is left (register.rs:200-260).
      let flows: string[][] = [];
      if (config.requireToken) flows.push([TOKEN]);
      const untrusted = [...(config.requireCaptcha ? [CAPTCHA] : []), ...(config.email === 'required' ? [EMAIL] : [])];
      if (untrusted.length > 0) flows.push(untrusted);
      if (config.requireTerms) flows = flows.map((flow) => [TERMS, ...flow]);
      return flows.length > 0 ? flows : [[DUMMY]];
    }
    case 'tuwunel-1.4': {
      // One flow with every stage asked for (v1.9.0 register.rs:292-310).
      const stages = [
        ...(config.requireToken ? [TOKEN] : []),
        ...(config.email === 'required' ? [EMAIL] : []),
        ...(config.requireTerms ? [TERMS] : []),
      ];
      return [stages.length > 0 ? stages : [DUMMY]];
    }
  }
}

/**
 * Families that can have accounts made through OAuth 2.0: Synapse only with MAS (or MSC3861),
 * continuwuity 26.6 with its built-in server (hybrid or exclusive), Tuwunel ≥1.6 with native OIDC
 * (homeservers.md §2.4, §2.7, §2.8).
 */
const OAUTH_CAPABLE: ReadonlySet<FamilyName> = new Set([
  'synapse-mas',
  'synapse-msc3861',
  'continuwuity-26.6',
  'tuwunel-1.4',
]);

/** What the config asks of a family that has no way to do it, in words for the error. */
export function unsupportedRequirements(config: HomeserverConfig): string[] {
  const family: Family = FAMILIES[config.homeserver];
  const asked: [Family['cannot'][number], boolean][] = [
    ['token', config.requireToken],
    ['email', config.email !== 'off'],
    ['email-optional', config.email === 'optional'],
    ['terms', config.requireTerms],
    ['captcha', config.requireCaptcha],
  ];
  const problems = asked
    .filter(([need, wanted]) => wanted && family.cannot.includes(need))
    .filter(([need]) => need !== 'email-optional' || !family.cannot.includes('email'))
    .map(([need]) => (need === 'email-optional' ? 'optional email stage' : `${need} stage`));
  // MAS applies a password policy on its own page (the mock's OAuth sign-up page does too).
  if (config.passwordPolicy.enabled && family.lineage !== 'synapse' && family.lineage !== 'delegated') {
    problems.push('password policy');
  }
  if (config.prefixes.includes('v2_alpha') && config.versions.length === 0 && family.name !== 'synapse') {
    problems.push('2015 v2_alpha API');
  }
  if (family.lineage === 'delegated' && config.oauth === null)
    problems.push('OAuth server (it delegates accounts to one)');
  if (config.oauth !== null && !OAUTH_CAPABLE.has(family.name)) problems.push('OAuth 2.0 server');
  return problems;
}

/** Synapse's `_calculate_registration_flows`, unless the config lists flows itself. */
function synapseFlows(config: HomeserverConfig): string[][] {
  let flows: string[][] = [];
  if (config.email !== 'required') flows.push(['m.login.dummy']);
  if (config.email !== 'off') flows.push(['m.login.email.identity']);
  if (config.requireTerms) flows = flows.map((flow) => ['m.login.terms', ...flow]);
  if (config.requireCaptcha) flows = flows.map((flow) => ['m.login.recaptcha', ...flow]);
  if (config.requireToken) {
    flows = flows.map((flow) =>
      flow.includes('m.login.registration_token') ? flow : ['m.login.registration_token', ...flow],
    );
  }
  return flows;
}

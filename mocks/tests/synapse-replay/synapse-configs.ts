import type { ConfigOverrides } from '../../model/config';
import type { EmailConfigName, FirstConfigName } from './transcript';

/** What the recorded Synapse 1.94.0 advertised at `/versions`. */
const SYNAPSE_1_94_VERSIONS = {
  versions: ['r0.0.1', 'r0.1.0', 'r0.2.0', 'r0.3.0', 'r0.4.0', 'r0.5.0', 'r0.6.0', 'r0.6.1'].concat(
    Array.from({ length: 6 }, (_, i) => `v1.${i + 1}`),
  ),
  unstableFeatures: {
    'org.matrix.label_based_filtering': true,
    'org.matrix.e2e_cross_signing': true,
    'org.matrix.msc2432': true,
    'uk.half-shot.msc2666.query_mutual_rooms': true,
    'io.element.e2ee_forced.public': false,
    'io.element.e2ee_forced.private': false,
    'io.element.e2ee_forced.trusted_private': false,
    'org.matrix.msc3026.busy_presence': false,
    'org.matrix.msc2285.stable': true,
    'org.matrix.msc3827.stable': true,
    'org.matrix.msc3440.stable': true,
    'org.matrix.msc3771': true,
    'org.matrix.msc3773': false,
    'fi.mau.msc2815': false,
    'fi.mau.msc2659.stable': true,
    'org.matrix.msc3882': false,
    'org.matrix.msc3881': false,
    'org.matrix.msc3874': false,
    'org.matrix.msc3886': false,
    'org.matrix.msc3912': false,
    'org.matrix.msc3981': false,
    'org.matrix.msc3391': false,
  },
};

/** Synapse's default limiters (register-semantics §5.6). */
const SYNAPSE_DEFAULT_LIMITS = {
  registration: { perSecond: 0.17, burst: 3 },
  registrationTokenValidity: { perSecond: 0.1, burst: 5 },
  threepidValidation: { perSecond: 0.003, burst: 5 },
  // Synapse queues `/available` one request at a time per client rather than refusing it.
  availability: null,
};
const RELAXED = { perSecond: 1000, burst: 1000 };

/**
 * The recorded server (README beside the transcript): `server_name: localhost`, `public_baseurl:
 * http://127.0.0.1:18448/`, an empty database at the start, no email, captcha, application
 * services or password policy, and the shared secret the `j0` cases used.
 */
const recordedServer: ConfigOverrides = {
  ...SYNAPSE_1_94_VERSIONS,
  serverName: 'localhost',
  publicBaseUrl: 'http://127.0.0.1:18448/',
  // Synapse 1.94 serves r0, v3 and unstable; the 2015 v2_alpha prefix is long gone.
  prefixes: ['v3', 'r0', 'unstable'],
  enableRegistration: true,
  allowGuests: false,
  email: 'off',
  existingUsers: [],
  admins: [],
  appservices: [],
  registrationTokens: [],
  deniedEmailDomains: [],
  registrationSharedSecret: 'uJIMS.tVzR@h&wOG9X_V3,Pae9j.hRI1xOTrn3qsoUor-3fCNC',
  rateLimits: { ...SYNAPSE_DEFAULT_LIMITS, registration: RELAXED },
  policies: {
    privacy_policy: {
      version: '1.0',
      translations: { en: { name: 'Privacy Policy', url: 'http://127.0.0.1:18448/_matrix/consent?v=1.0' } },
    },
  },
};

export const synapseConfigs: Record<FirstConfigName, ConfigOverrides> = {
  open: recordedServer,
  token: { ...recordedServer, requireToken: true },
  closed: { ...recordedServer, enableRegistration: false, rateLimits: SYNAPSE_DEFAULT_LIMITS },
  ratelimit: {
    ...recordedServer,
    rateLimits: { ...SYNAPSE_DEFAULT_LIMITS, registration: { perSecond: 0.05, burst: 3 } },
  },
  terms: { ...recordedServer, requireTerms: true },
};

/** The email recording's throwaway `registration_shared_secret` (README beside it). */
export const EMAIL_SET_SHARED_SECRET = 'g8vmhk2TNUD&z+Ncna8nZ4O-5OOR#Gl12p:5@6ETQoS3bmk,bL';

/**
 * The email recording's server (README beside `synapse-1.94-email.jsonl`): as the first, but every
 * limit relaxed to 1000/s, no `user_consent`, no default accounts, and email (where configured)
 * sent as Synapse does: a link, no `submit_url`.
 */
const emailSetServer: ConfigOverrides = {
  ...recordedServer,
  registrationSharedSecret: EMAIL_SET_SHARED_SECRET,
  rateLimits: {
    registration: RELAXED,
    registrationTokenValidity: RELAXED,
    threepidValidation: RELAXED,
    availability: null,
  },
  policies: {},
  emailSubmitUrl: false,
};
const emailRequired: ConfigOverrides = { ...emailSetServer, email: 'required' };

export const emailSetConfigs: Record<EmailConfigName, ConfigOverrides> = {
  'email-required': emailRequired,
  'email-optional': { ...emailSetServer, email: 'optional' },
  'token-email': { ...emailRequired, requireToken: true },
  'password-policy': {
    ...emailSetServer,
    passwordPolicy: {
      enabled: true,
      minLength: 10,
      requireDigit: true,
      requireSymbol: true,
      requireUppercase: true,
      requireLowercase: true,
      errcodes: 'synapse',
    },
  },
  'denied-domain': { ...emailRequired, allowedLocal3pids: [{ medium: 'email', pattern: '^[^@]+@allowed\\.example$' }] },
  guest: { ...emailSetServer, allowGuests: true },
  approval: { ...emailSetServer, requireApproval: true },
  captcha: {
    ...emailSetServer,
    requireCaptcha: true,
    captchaPublicKey: '6LeDummyPublicKeyForLoopbackOnly000000000',
    // The recording's fake siteverify: every response passes but these two.
    captchaVerifier: { refuse: ['', 'bad-captcha'] },
  },
};

import * as fc from 'fast-check';
import { MOCK_APPSERVICE_TOKEN, MOCK_CAPTCHA_RESPONSE } from '../model/config';
import { SUBMIT_TOKEN_PATH } from '../model/email';

/**
 * Random requests for the property tests: mostly plausible, often malformed, sometimes anything.
 */
/** Replaced, at send time, by the session ID of the last 401: lets random sequences finish flows. */
export const sessionRef = (label: string) => `__SESSION_${label}__`;
export const SESSION_REF = /__SESSION_(\w+?)__/g;
export const LAST_SESSION = sessionRef('LAST');
/** Replaced by the `sid` of the last email validation. */
export const LAST_SID = '__LAST_SID__';

const printable = fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((code) => String.fromCharCode(code)) });
const anyText = fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' }));

/**
 * Names every object inherits: as IDs, keys and tokens they once reached `Object.prototype` through
 * the mock's state (security review M1), so every generator below mixes them in.
 */
export const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'] as const;
const prototypeKey = fc.constantFrom(...PROTOTYPE_KEYS);
/** An ID or token the way a client sends it, or a prototype key now and then. */
const orPrototypeKey = <T>(likely: fc.Arbitrary<T>) =>
  fc.oneof({ arbitrary: likely, weight: 5 }, { arbitrary: prototypeKey, weight: 1 });

const usernames = fc.constantFrom(
  'alice',
  'Alice',
  'carol',
  'CAROL',
  'dave',
  'bridge-x',
  '_hidden',
  'a:b',
  '',
  '1',
  ...PROTOTYPE_KEYS,
);
const passwords = fc.constantFrom('a good passw0rd', 'short', 'alice-password', '');
const stages = fc.constantFrom(
  'm.login.dummy',
  'm.login.registration_token',
  'm.login.terms',
  'm.login.recaptcha',
  'm.login.email.identity',
  'm.login.password',
  'm.login.application_service',
);

/** Mostly plausible values, sometimes anything at all. */
const plausible = <T>(likely: fc.Arbitrary<T>) =>
  fc.oneof(
    { arbitrary: likely, weight: 6 },
    { arbitrary: anyText, weight: 1 },
    { arbitrary: fc.anything(), weight: 1 },
  );

const auth = fc.record(
  {
    type: plausible(stages),
    session: plausible(orPrototypeKey(fc.constant(LAST_SESSION))),
    token: plausible(orPrototypeKey(fc.constantFrom('letmein', 'single-use', 'expired', 'used-up'))),
    response: plausible(fc.constant(MOCK_CAPTCHA_RESPONSE)),
    threepid_creds: plausible(
      fc.record({ sid: orPrototypeKey(fc.constant(LAST_SID)), client_secret: orPrototypeKey(fc.constant('secret')) }),
    ),
  },
  { requiredKeys: [] },
);

const registerBody = fc.record(
  {
    username: plausible(usernames),
    password: plausible(passwords),
    auth: plausible(auth),
    type: fc.constantFrom('m.login.application_service', 'm.login.dummy'),
    inhibit_login: plausible(fc.boolean()),
    refresh_token: plausible(fc.boolean()),
    device_id: plausible(orPrototypeKey(fc.constantFrom('DEVICE', 'PHONE'))),
    initial_device_display_name: anyText,
    bind_email: plausible(fc.boolean()),
    guest_access_token: orPrototypeKey(anyText),
  },
  { requiredKeys: [] },
);

const emailBody = fc.record(
  {
    client_secret: plausible(fc.constantFrom('secret', 'a'.repeat(256), 'bad secret!')),
    email: plausible(fc.constantFrom('carol@example.org', 'CAROL@Example.org', 'x@blocked.example', 'not-an-email')),
    send_attempt: plausible(fc.integer({ min: -2, max: 5 })),
    next_link: plausible(fc.constantFrom('https://example.org/', 'javascript:alert(1)')),
    sid: plausible(orPrototypeKey(fc.constant(LAST_SID))),
    token: orPrototypeKey(anyText),
  },
  { requiredKeys: [] },
);

const loginBody = fc.record(
  {
    type: plausible(fc.constantFrom('m.login.password', 'm.login.token')),
    identifier: plausible(fc.record({ type: fc.constant('m.id.user'), user: usernames }, { requiredKeys: [] })),
    user: plausible(usernames),
    password: plausible(passwords),
  },
  { requiredKeys: [] },
);

const malformed = fc.constantFrom(
  '',
  '{',
  'null',
  '[]',
  '"text"',
  '42',
  'NaN',
  '{"a": Infinity}',
  '\uFEFF{}',
  '{"username": "x", "username": 3}',
  `{"padding": "${'x'.repeat(70_000)}"}`,
);

const body = fc.oneof(
  { arbitrary: registerBody.map((value) => JSON.stringify(value)), weight: 6 },
  { arbitrary: emailBody.map((value) => JSON.stringify(value)), weight: 2 },
  { arbitrary: loginBody.map((value) => JSON.stringify(value)), weight: 2 },
  { arbitrary: fc.jsonValue().map((value) => JSON.stringify(value)), weight: 2 },
  // Objects whose own keys are prototype names, as `JSON.parse` makes them from `{"__proto__": …}`.
  {
    arbitrary: fc
      .array(fc.tuple(prototypeKey, fc.jsonValue()), { maxLength: 3 })
      .map((pairs) => `{${pairs.map(([key, value]) => `${JSON.stringify(key)}:${JSON.stringify(value)}`).join(',')}}`),
    weight: 1,
  },
  { arbitrary: fc.uint8Array({ maxLength: 200 }), weight: 1 },
  { arbitrary: malformed, weight: 1 },
);

const KNOWN_PATHS = [
  '/_matrix/client/v3/register',
  '/_matrix/client/r0/register',
  '/_matrix/client/api/v2_alpha/register',
  '/_matrix/client/v3/register/available',
  '/_matrix/client/v3/register/email/requestToken',
  '/_matrix/client/v1/register/m.login.registration_token/validity',
  '/_matrix/client/v3/login',
  '/_matrix/client/v3/password_policy',
  '/_matrix/client/versions',
  '/.well-known/matrix/client',
  '/_matrix/client/v1/auth_metadata',
  SUBMIT_TOKEN_PATH,
  // Looked up by token and by nonce: with prototype keys in the tokens and bodies above.
  '/_matrix/client/v3/account/whoami',
  '/_synapse/admin/v1/register',
];

const path = fc.oneof(
  { arbitrary: fc.constantFrom(...KNOWN_PATHS), weight: 8 },
  {
    arbitrary: fc
      .tuple(fc.constantFrom('v3', 'r0', 'v1', 'v9', 'unstable', '%zz', '..'), printable)
      .map(([prefix, rest]) => `/_matrix/client/${prefix}/${encodeURI(rest)}`),
    weight: 1,
  },
  {
    arbitrary: fc.constantFrom('/_matrix/client/v3/register/%E0%A4%A', '/_matrix/client/v3/%ff', '/_matrix/'),
    weight: 1,
  },
);

const queryKey = orPrototypeKey(
  fc.constantFrom('kind', 'username', 'access_token', 'token', 'client_secret', 'sid', 'session', 'x'),
);
const queryValue = fc.oneof(
  fc.constantFrom('user', 'guest', 'alice', 'Carol', 'letmein', LAST_SID, ...PROTOTYPE_KEYS),
  anyText,
);
const query = fc.oneof(
  fc.array(fc.tuple(queryKey, queryValue), { maxLength: 4 }).map((pairs) => {
    const search = new URLSearchParams(pairs).toString();
    return search === '' ? '' : `?${search}`;
  }),
  fc.constantFrom('?%zz=1', '?kind', '?kind=guest&kind=user', '?&&=&', '?username=%C0%AF'),
);

const headers = fc.record(
  {
    'content-type': fc.oneof(
      fc.constantFrom('application/json', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data'),
      printable,
    ),
    authorization: fc.oneof(
      fc.constant(`Bearer ${MOCK_APPSERVICE_TOKEN}`),
      orPrototypeKey(printable).map((text) => `Bearer ${text}`),
    ),
    // The rate limiters' buckets are keyed by it.
    'x-forwarded-for': orPrototypeKey(fc.oneof(fc.constantFrom('10.0.0.1', '10.0.0.2', '::1'), printable)),
    accept: printable,
  },
  { requiredKeys: [] },
);

export const randomRequest: fc.Arbitrary<RandomRequest> = fc.record({
  method: fc.oneof(
    { arbitrary: fc.constantFrom('GET', 'POST'), weight: 6 },
    { arbitrary: fc.constantFrom('PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD'), weight: 1 },
  ),
  path,
  query,
  headers,
  body,
  /** Time passing before the request: rate limits decay, sessions and tokens expire. */
  waitMs: fc.oneof({ arbitrary: fc.constant(0), weight: 4 }, fc.integer({ min: 1, max: 49 * 3600_000 })),
});

export interface RandomRequest {
  method: string;
  path: string;
  query: string;
  headers: Record<string, string>;
  body: string | Uint8Array<ArrayBuffer>;
  waitMs: number;
  /** The label under which to remember the session this request's answer opens. */
  remember?: string;
}

/**
 * A well-formed sign-up through the scenario's first flow, dropped whole into the random sequence,
 * so that accounts do get made (and contended for) among the noise.
 */
/** One request of a sign-up; `remember` names the session its answer opens. */
function signupStep(path: string, body: unknown, remember?: string): RandomRequest {
  return { method: 'POST', path, query: '', headers: {}, body: JSON.stringify(body), waitMs: 0, remember };
}

/**
 * A well-formed sign-up through the scenario's first flow, as a list of requests under the session
 * `label`, so that accounts do get made among the noise.
 */
function signup(flow: string[], seedContract: boolean, label: string, username: fc.Arbitrary<string>) {
  const paths = seedContract
    ? ['/_matrix/client/api/v2_alpha/register']
    : ['/_matrix/client/v3/register', '/_matrix/client/r0/register'];
  return fc
    .tuple(username, passwords, fc.constantFrom(...paths), fc.constantFrom('letmein', 'single-use'))
    .map(([name, password, path, token]) => [
      signupStep(path, { username: name, password }, label),
      // The 2015 contract wants the password on every request.
      ...flow.map((type) =>
        signupStep(path, {
          ...(seedContract ? { username: name, password } : {}),
          auth: { type, session: sessionRef(label), token, response: MOCK_CAPTCHA_RESPONSE },
        }),
      ),
    ]);
}

/** Two people after one name (in two spellings): both open a session, then both finish. */
function race(flow: string[], seedContract: boolean): fc.Arbitrary<RandomRequest[]> {
  return usernames.chain((name) =>
    fc
      .tuple(
        signup(flow, seedContract, 'A', fc.constant(name)),
        signup(flow, seedContract, 'B', fc.constant(name.toUpperCase())),
      )
      .map(([[startA, ...restA], [startB, ...restB]]) =>
        [startA, startB, ...restA, ...restB].filter((step) => step !== undefined),
      ),
  );
}

export function requests(flow: string[], seedContract = false): fc.Arbitrary<RandomRequest[]> {
  const item = fc.oneof(
    { arbitrary: randomRequest.map((one) => [one]), weight: 4 },
    { arbitrary: signup(flow, seedContract, 'LAST', usernames), weight: 1 },
    { arbitrary: race(flow, seedContract), weight: 1 },
  );
  return fc.array(item, { minLength: 1, maxLength: 30, size: '+1' }).map((items) => items.flat());
}

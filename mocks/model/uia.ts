import { absoluteUrl, MOCK_CAPTCHA_RESPONSE } from './config.js';
import type { MockHomeserver } from './homeserver.js';
import { validateLogin } from './login-submission.js';
import type { JsonObject } from './request.js';
import { matrixError, type ModelResponse } from './response.js';
import { emailValidationOf, type UiaSession } from './state.js';

export type StageOutcome =
  | { ok: true; result: unknown }
  | { ok: false; errcode: string; error: string }
  /** No checker on this server for that type: `loginStage` answers it. */
  | { ok: false; invalidType: true }
  /** Not a stage failure: the request itself is wrong, and this is the answer. */
  | { ok: false; refused: ModelResponse };

/** Auth types this server accepts, even outside any flow (Synapse records them anyway, §4.5). */
export function enabledStages(homeserver: MockHomeserver): Set<string> {
  return new Set(['m.login.dummy', 'm.login.terms', ...homeserver.flows.flat()]);
}

/** Checks one stage's `auth` dict; records nothing. */
export function checkStage(homeserver: MockHomeserver, session: UiaSession, auth: JsonObject): StageOutcome {
  const type = auth.type;
  if (typeof type !== 'string' || !enabledStages(homeserver).has(type)) return { ok: false, invalidType: true };
  if (homeserver.config.stageOrderEnforced && !isNextInSomeFlow(homeserver.flows, session.completed, type)) {
    return { ok: false, errcode: 'M_UNAUTHORIZED', error: 'Stages must be completed in order' };
  }
  switch (type) {
    case 'm.login.dummy':
    case 'm.login.terms':
      return { ok: true, result: true };
    case 'm.login.recaptcha':
      // Only a missing key is "needed"; an empty string goes to the verifier like any other
      // response (checkers.py:106-109, 149; homeservers.md §4.6, recorded).
      if (typeof auth.response !== 'string') {
        return { ok: false, errcode: 'M_CAPTCHA_NEEDED', error: 'Captcha response is required' };
      }
      if (!captchaAccepted(homeserver, auth.response)) {
        return { ok: false, errcode: 'M_UNAUTHORIZED', error: 'Captcha authentication failed' };
      }
      return { ok: true, result: true };
    case 'm.login.email.identity':
      return checkEmailStage(homeserver, auth);
    case 'm.login.registration_token':
      return checkTokenStage(homeserver, session, auth);
    default:
      return { ok: false, invalidType: true };
  }
}

/**
 * A type no checker of this server takes goes through Synapse's login validation instead (v1.94.0
 * `synapse/handlers/auth.py:709-717`): the right password of an account completes a stage named
 * `m.login.password`; wrong credentials fail inside the 401 (`LoginError`, :579-582); anything else
 * is refused as `/login` refuses it ("Invalid login submission" without an identifier, "Unknown
 * login type" with one).
 */
export async function loginStage(homeserver: MockHomeserver, auth: JsonObject): Promise<StageOutcome> {
  // An object or a list as the type cannot be looked up in Synapse's checkers (a 500): 4xx here.
  if (typeof auth.type === 'object' && auth.type !== null) {
    return { ok: false, refused: matrixError(400, 'M_INVALID_PARAM', 'Invalid login submission') };
  }
  const login = await validateLogin(homeserver, auth);
  if ('userId' in login) return { ok: true, result: login.userId };
  if ('failed' in login) return { ok: false, errcode: login.failed.errcode, error: login.failed.error };
  return { ok: false, refused: login.error };
}

/** What stands in for Google's siteverify (`captchaVerifier`) says of this response. */
export function captchaAccepted(homeserver: MockHomeserver, response: string): boolean {
  const verifier = homeserver.config.captchaVerifier;
  return verifier === 'mock-widget' ? response === MOCK_CAPTCHA_RESPONSE : !verifier.refuse.includes(response);
}

/**
 * Synapse's `_check_threepid` (handlers/ui_auth/checkers.py:160-215 at v1.94.0): the validated
 * session of these creds, which is then deleted, so creds work once (recorded:
 * er.register_frank_reusing_erins_creds).
 */
function checkEmailStage(homeserver: MockHomeserver, auth: JsonObject): StageOutcome {
  const creds = auth.threepid_creds ?? auth.threepidCreds;
  if (typeof creds !== 'object' || creds === null) {
    return { ok: false, errcode: 'M_MISSING_PARAM', error: 'Missing threepid_creds' };
  }
  const { sid, client_secret: clientSecret } = creds as JsonObject;
  const validation = emailValidationOf(homeserver.state, sid);
  if (!validation || validation.clientSecret !== clientSecret || validation.validatedAt === undefined) {
    return { ok: false, errcode: 'M_UNAUTHORIZED', error: 'Unable to get validated threepid' };
  }
  Reflect.deleteProperty(homeserver.state.emailValidations, validation.sid);
  return { ok: true, result: { medium: 'email', address: validation.email, validated_at: validation.validatedAt } };
}

/** Synapse's `RegistrationTokenAuthChecker`: a token is "pending" from this stage until the account exists. */
function checkTokenStage(homeserver: MockHomeserver, session: UiaSession, auth: JsonObject): StageOutcome {
  if (!('token' in auth)) return { ok: false, errcode: 'M_MISSING_PARAM', error: 'Missing registration token' };
  const token = auth.token;
  if (typeof token !== 'string') {
    return { ok: false, errcode: 'M_INVALID_PARAM', error: 'Registration token must be a string' };
  }
  if (session.registrationToken !== undefined) {
    return token === session.registrationToken
      ? { ok: true, result: token }
      : {
          ok: false,
          errcode: 'M_INVALID_PARAM',
          error: 'Registration token does not match the one used in this session',
        };
  }
  const known = homeserver.registrationToken(token);
  if (!known || !homeserver.tokenIsUsable(known)) {
    return { ok: false, errcode: 'M_UNAUTHORIZED', error: 'Invalid registration token' };
  }
  session.registrationToken = token;
  known.pending += 1;
  return { ok: true, result: token };
}

function isNextInSomeFlow(flows: string[][], completed: string[], stage: string): boolean {
  return flows.some((flow) => {
    const done = flow.findIndex((step) => !completed.includes(step));
    return done !== -1 && flow.slice(0, done).every((step) => completed.includes(step)) && flow[done] === stage;
  });
}

export function flowComplete(flows: string[][], completed: string[]): boolean {
  return flows.some((flow) => flow.every((stage) => completed.includes(stage)));
}

/** The 401 body (§4.1): `completed` only when the request carried `auth`, as Synapse does. */
export function uiaBody(
  homeserver: MockHomeserver,
  session: UiaSession,
  withCompleted: boolean,
): Record<string, unknown> {
  return {
    session: session.id,
    flows: homeserver.flows.map((stages) => ({ stages })),
    params: stageParams(homeserver),
    // In the order SQLite's primary-key index gives them (session, stage): alphabetical (recorded:
    // te.register_uma_dummy_instead_of_token, where email was done before dummy).
    ...(withCompleted ? { completed: [...session.completed].sort() } : {}),
  };
}

export function stageParams(homeserver: MockHomeserver): Record<string, unknown> {
  const stages = new Set(homeserver.flows.flat());
  const params: Record<string, unknown> = {};
  if (stages.has('m.login.recaptcha')) params['m.login.recaptcha'] = { public_key: homeserver.config.captchaPublicKey };
  if (stages.has('m.login.terms')) {
    params['m.login.terms'] = {
      policies: Object.fromEntries(
        Object.entries(homeserver.config.policies).map(([id, policy]) => [
          id,
          {
            version: policy.version,
            ...Object.fromEntries(
              Object.entries(policy.translations).map(([lang, entry]) => [
                lang,
                { name: entry.name, url: absoluteUrl(homeserver.config, entry.url) },
              ]),
            ),
          },
        ]),
      ),
    };
  }
  return params;
}

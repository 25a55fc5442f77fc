import { getResponse, http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import {
  MOCK_CAPTCHA_RESPONSE,
  type ConfigOverrides,
  type FamilyName,
  type MockController,
} from 'matrix-mock-homeserver';
import { createHandlers } from 'matrix-mock-homeserver/msw';
import { playFamily, startMockHomeserver } from '../test/mock-homeserver';
import { decodeError, decodeStageFailure } from './decode-error';
import { emailNotConfirmedYet, requestEmailToken } from './email-token';
import { MatrixApiError } from './errors';
import { captchaProvider, fallbackServed, fallbackUrl } from './fallback';
import { homeserverAt } from './homeserver';
import { postRegister } from './register';
import { checkRegistrationToken } from './registration-token-validity';
import { describeFlows } from './requirements';
import { uiaResponseSchema } from './uia';
import { RegistrationDriver, type RegistrationInputs } from './uia-driver';
import { checkUsernameAvailable } from './username-available';

// The protocol client against the mock playing each homeserver family as spec/homeservers.md
// describes it (`mocks/model/families.ts` cites each server's code). The mock's passing values:
// the tokens `letmein` (unlimited) and `single-use`, the captcha response `MOCK_CAPTCHA_RESPONSE`,
// the accounts `alice` and `bob`.

const mock = await startMockHomeserver();
const server = homeserverAt('http://localhost:8008');

const EVERYTHING = { requireToken: true, requireCaptcha: true, requireTerms: true, email: 'required' } as const;

/** The mock playing `family`, and every `POST /register` body the page sends it, in order. */
async function serve(family: FamilyName, overrides: ConfigOverrides = {}) {
  const controller = await playFamily(mock, family, overrides);
  const sent: Record<string, unknown>[] = [];
  // In front of the family's handler; answering nothing passes the request on to it.
  mock.server.use(
    http.post('*/_matrix/client/v3/register', async ({ request }) => {
      sent.push((await request.clone().json()) as Record<string, unknown>);
    }),
  );
  return { controller, sent };
}

const form = (username: string, password = 'a long password') => ({ username, password, inhibit_login: true });

function driver(username: string, inputs: Partial<RegistrationInputs> = {}, password?: string) {
  return new RegistrationDriver(server, form(username, password), { hasEmail: false, ...inputs });
}

const authType = (body: Record<string, unknown>) => (body.auth as { type?: string } | undefined)?.type;

/** The server's first 401, as the page reads it. */
async function firstAnswer() {
  const answer = await postRegister(server, {});
  if (answer.kind !== 'needs-auth') throw new Error('no UIA');
  return answer.uia;
}

/** An address given to the server (requestToken) as the email step does; `confirm` opens the mailed link. */
async function giveEmail(controller: MockController) {
  const validation = await requestEmailToken(server, 'ana@example.org', 'secret1', 1);
  return {
    creds: {
      type: 'm.login.email.identity',
      threepid_creds: { sid: validation.sid, client_secret: validation.clientSecret },
    },
    async confirm() {
      const link = controller.homeserver.state.inbox.at(-1)?.link;
      if (link === undefined) throw new Error('no email');
      expect((await fetch(link)).ok).toBe(true);
    },
  };
}

/** The server forgets every UIA session: a restart (the Rust servers keep them in memory) or their expiry. */
function forgetSessions(controller: MockController) {
  const { sessions } = controller.homeserver.state;
  for (const id of Object.keys(sessions)) Reflect.deleteProperty(sessions, id);
}

describe('the 401 is read leniently (§2.1)', () => {
  it.each([
    ['C9, Q5, T1: "params": null', { flows: [{ stages: ['m.login.dummy'] }], params: null, session: 's' }],
    ['C10, T4: no params', { flows: [{ stages: ['m.login.dummy'] }], session: 's' }],
    ['a string', { flows: [{ stages: ['m.login.dummy'] }], params: 'x', session: 's' }],
    ['a list', { flows: [{ stages: ['m.login.dummy'] }], params: [1], session: 's' }],
  ])('params as %s read as {}', (_, body) => {
    const read = uiaResponseSchema.safeParse(body);
    expect(read.success && read.data).toEqual({
      flows: [{ stages: ['m.login.dummy'] }],
      params: {},
      session: 's',
      completed: [],
    });
  });

  it('completed absent, null or filled; a flow without stages is an empty flow', () => {
    const read = (extra: Record<string, unknown>) => uiaResponseSchema.parse({ flows: [{}], session: 's', ...extra });
    expect(read({}).completed).toEqual([]);
    expect(read({ completed: null }).completed).toEqual([]);
    expect(read({ completed: ['m.login.terms'] }).completed).toEqual(['m.login.terms']);
    expect(read({}).flows).toEqual([{ stages: [] }]);
  });

  it.each<FamilyName>(['conduit-0.9', 'conduit-0.10', 'tuwunel-1.3', 'tuwunel-1.4', 'continuwuity-0.5.6'])(
    '%s: a dummy flow registers, and the requirements read',
    async (family) => {
      await serve(family);
      expect(describeFlows(await firstAnswer())).toMatchObject({
        kind: 'stages',
        token: 'none',
        email: 'none',
        terms: [],
      });
      expect(await driver('ana').start()).toEqual({ kind: 'registered', account: { user_id: '@ana:localhost:8008' } });
    },
  );

  it('conduit-0.9: a token flow with params null asks for the token, sends it and registers', async () => {
    const { sent } = await serve('conduit-0.9', { requireToken: true });
    const registration = driver('ana', { token: 'letmein' });
    expect((await registration.start()).kind).toBe('registered');
    expect(registration.sessionId).toEqual(expect.any(String));
    expect(sent.at(-1)?.auth).toMatchObject({ type: 'm.login.registration_token', session: registration.sessionId });
  });
});

describe('a failed stage concerns the stage that was sent (§2.2)', () => {
  it.each<[FamilyName, string]>([
    ['synapse', 'M_UNAUTHORIZED'],
    ['conduit-0.9', 'M_FORBIDDEN'],
    ['conduit-0.10', 'M_FORBIDDEN'],
    ['continuwuity-0.5.6', 'M_FORBIDDEN'],
    ['continuwuity-0.5.7', 'M_FORBIDDEN'],
    ['continuwuity-26.6', 'M_FORBIDDEN'],
    ['tuwunel-1.3', 'M_FORBIDDEN'],
    ['tuwunel-1.4', 'M_FORBIDDEN'],
  ])('%s: a wrong token (%s) is a token problem', async (family, errcode) => {
    await serve(family, { requireToken: true });
    const step = await driver('ana', { token: 'nope' }).start();
    expect(step).toMatchObject({ kind: 'stage', stage: 'm.login.registration_token', failure: { errcode } });
    if (step.kind !== 'stage' || !step.failure) throw new Error('no failure');
    expect(decodeStageFailure(step.stage, step.failure)).toMatchObject({ code: errcode, field: 'token' });
  });

  it.each<[FamilyName, string]>([
    ['synapse', 'M_UNAUTHORIZED'],
    ['tuwunel-1.4', 'M_FORBIDDEN'],
    ['continuwuity-0.5.7', 'M_THREEPID_AUTH_FAILED'],
    ['continuwuity-26.6', 'M_THREEPID_AUTH_FAILED'],
  ])('%s: an email not confirmed yet (%s) means "keep waiting"', async (family, errcode) => {
    const { controller } = await serve(family, { email: 'required' });
    const registration = driver('ana', { hasEmail: true });
    expect(await registration.start()).toMatchObject({ stage: 'm.login.email.identity' });
    const email = await giveEmail(controller);
    const step = await registration.submit(email.creds);
    expect(step).toMatchObject({ stage: 'm.login.email.identity', failure: { errcode } });
    expect(step.kind === 'stage' && step.failure && emailNotConfirmedYet(step.failure)).toBe(true);
    await email.confirm();
    expect(await registration.submit(email.creds)).toMatchObject({ kind: 'registered' });
  });

  it('an email stage failure that is not "not yet" is not waited out', () => {
    expect(emailNotConfirmedYet({ errcode: 'M_THREEPID_IN_USE' })).toBe(false);
    expect(emailNotConfirmedYet({ unfinished: true })).toBe(false);
  });

  it.each<[FamilyName, string]>([
    ['synapse', 'M_UNAUTHORIZED'],
    ['continuwuity-0.5.6', 'M_FORBIDDEN'],
    // 0.5.7–0.5.11 still refuse with M_FORBIDDEN (families.ts: v0.5.7 uiaa/mod.rs:426-456); 26.6 with its own code.
    ['continuwuity-0.5.7', 'M_FORBIDDEN'],
    ['continuwuity-26.6', 'M_CAPTCHA_INVALID'],
  ])('%s: a refused captcha (%s) is a captcha problem', async (family, errcode) => {
    await serve(family, { requireCaptcha: true });
    const registration = driver('ana');
    expect(await registration.start()).toMatchObject({ stage: 'm.login.recaptcha' });
    const step = await registration.submit({ type: 'm.login.recaptcha', response: 'wrong' });
    expect(step).toMatchObject({ stage: 'm.login.recaptcha', failure: { errcode } });
    if (step.kind !== 'stage' || !step.failure) throw new Error('no failure');
    expect(decodeStageFailure(step.stage, step.failure).field).toBe('captcha');
  });

  it('dendrite: a refused captcha is a 401 M_BAD_JSON without flows, a missing one a 400: both are the captcha’s', async () => {
    await serve('dendrite', { requireCaptcha: true });
    const registration = driver('ana');
    expect(await registration.start()).toMatchObject({ stage: 'm.login.recaptcha' });
    const refused = await registration.submit({ type: 'm.login.recaptcha', response: 'wrong' });
    expect(refused).toMatchObject({ stage: 'm.login.recaptcha', failure: { errcode: 'M_BAD_JSON', status: 401 } });
    const missing = await registration.submit({ type: 'm.login.recaptcha', response: '' });
    expect(missing).toMatchObject({ stage: 'm.login.recaptcha', failure: { errcode: 'M_BAD_JSON', status: 400 } });
    if (missing.kind !== 'stage' || !missing.failure) throw new Error('no failure');
    expect(decodeStageFailure(missing.stage, missing.failure)).toMatchObject({ field: 'captcha', status: 400 });
    expect(await registration.submit({ type: 'm.login.recaptcha', response: MOCK_CAPTCHA_RESPONSE })).toMatchObject({
      kind: 'registered',
    });
  });

  it('an M_BAD_JSON that does not answer a captcha stays the error it is', () => {
    const error = new MatrixApiError(400, 'M_BAD_JSON', 'too long', undefined, {});
    expect(decodeError(error)).toMatchObject({ code: 'M_BAD_JSON', field: 'form' });
  });

  it.each<FamilyName>(['tuwunel-1.3', 'tuwunel-1.4', 'continuwuity-0.5.6'])(
    '%s: 403 "Username is forbidden" before UIA is a name problem',
    async (family) => {
      const { sent } = await serve(family, { forbiddenUsernames: ['^admin'] });
      const error = await driver('admin1')
        .start()
        .catch((thrown: unknown) => thrown);
      expect(decodeError(error)).toMatchObject({ code: 'M_FORBIDDEN@username', field: 'username', status: 403 });
      expect(sent).toHaveLength(1);
    },
  );

  it('continuwuity-0.5.7: "Username is forbidden" comes after UIA, and is a name problem there too', async () => {
    const { sent } = await serve('continuwuity-0.5.7', { forbiddenUsernames: ['^admin'] });
    const error = await driver('admin1')
      .start()
      .catch((thrown: unknown) => thrown);
    expect(decodeError(error)).toMatchObject({ code: 'M_FORBIDDEN@username', field: 'username' });
    expect(sent.map(authType)).toEqual([undefined, 'm.login.dummy']);
  });

  it.each<FamilyName>([
    'synapse',
    'synapse-mas',
    'conduit-0.10',
    'tuwunel-1.4',
    'dendrite',
    'continuwuity-0.5.6',
    'continuwuity-26.6',
  ])('%s: its 403 for sign-up switched off is sign-up closed, not a name problem', async (family) => {
    await serve(family, { enableRegistration: false });
    const error = await driver('ana')
      .start()
      .catch((thrown: unknown) => thrown);
    expect(error).toMatchObject({ status: 403, errcode: 'M_FORBIDDEN' });
    expect(decodeError(error)).toMatchObject({ code: 'M_FORBIDDEN', field: 'form' });
  });

  it.each<FamilyName>(['dendrite', 'continuwuity-0.5.7'])(
    '%s: a name taken, found only after the last stage, is a name problem',
    async (family) => {
      const { sent } = await serve(family);
      const error = await driver('alice')
        .start()
        .catch((thrown: unknown) => thrown);
      expect(decodeError(error)).toMatchObject({ code: 'M_USER_IN_USE', field: 'username' });
      expect(sent.map(authType)).toEqual([undefined, 'm.login.dummy']);
    },
  );
});

describe('the flow follows what the person has (§2.7)', () => {
  it('continuwuity-26.6: with a token, the token flow: terms, then the token; no captcha, no email', async () => {
    const { sent } = await serve('continuwuity-26.6', EVERYTHING);
    const registration = driver('ana', { token: 'single-use' });
    expect(await registration.start()).toMatchObject({ stage: 'm.login.terms', position: 2, total: 2 });
    expect(await registration.submit({ type: 'm.login.terms' })).toMatchObject({ kind: 'registered' });
    expect(sent.map(authType)).toEqual([undefined, 'm.login.terms', 'm.login.registration_token']);
  });

  it('continuwuity-26.6: without a token but with an email, the other flow (no fallback page is involved)', async () => {
    await serve('continuwuity-26.6', EVERYTHING);
    const registration = driver('ana', { hasEmail: true });
    expect(await registration.start()).toMatchObject({ stage: 'm.login.terms', total: 4 });
    expect(await registration.submit({ type: 'm.login.terms' })).toMatchObject({ stage: 'm.login.recaptcha' });
  });

  it('continuwuity-26.6: the form marks token and email as "one of the two", and its `version` is no policy', async () => {
    await serve('continuwuity-26.6', EVERYTHING);
    const requirements = describeFlows(await firstAnswer());
    expect(requirements).toMatchObject({ token: 'either', email: 'either' });
    expect(requirements.kind === 'stages' && requirements.terms.map((policy) => policy.id)).toEqual([
      'privacy_policy',
      'terms_of_service',
    ]);
  });

  it('continuwuity-0.5.6: token or captcha: the token is optional, and without one the captcha flow is taken', async () => {
    await serve('continuwuity-0.5.6', { requireToken: true, requireCaptcha: true });
    expect(describeFlows(await firstAnswer())).toMatchObject({ token: 'optional', email: 'none' });
    expect(await driver('ana').start()).toMatchObject({ stage: 'm.login.recaptcha' });
  });
});

describe('the token is sent last, once everything else is done (§2.2 "When a token is spent")', () => {
  it('tuwunel-1.4: one flow of token, email and terms: the email and terms first; an abandoned email spends nothing', async () => {
    const { controller } = await serve('tuwunel-1.4', { requireToken: true, email: 'required', requireTerms: true });
    const tokenLeft = () => controller.homeserver.tokenIsValid('single-use');
    const registration = driver('ana', { token: 'single-use', hasEmail: true });
    expect(await registration.start()).toMatchObject({ stage: 'm.login.email.identity', position: 2, total: 3 });
    const email = await giveEmail(controller);
    expect(await registration.submit(email.creds)).toMatchObject({ failure: { errcode: 'M_FORBIDDEN' } });
    expect(tokenLeft()).toBe(true);
    await email.confirm();
    expect(await registration.submit(email.creds)).toMatchObject({ stage: 'm.login.terms', position: 3 });
    expect(tokenLeft()).toBe(true);
    expect(await registration.submit({ type: 'm.login.terms' })).toMatchObject({ kind: 'registered' });
    expect(tokenLeft()).toBe(false);
  });

  it('synapse: token and email (either order completes on Synapse): the email first', async () => {
    const { sent } = await serve('synapse', { requireToken: true, email: 'required' });
    expect(await driver('ana', { token: 'letmein', hasEmail: true }).start()).toMatchObject({
      stage: 'm.login.email.identity',
    });
    expect(sent).toHaveLength(1);
  });
});

describe('names and tokens asked about before anything is spent (§2.7, §2.8)', () => {
  it.each<FamilyName>(['tuwunel-1.4', 'continuwuity-26.6', 'continuwuity-0.5.6'])(
    '%s: 403 M_FORBIDDEN from /register/available is a forbidden name',
    async (family) => {
      await serve(family, { forbiddenUsernames: ['^admin'] });
      const error = await checkUsernameAvailable(server, 'admin1').catch((thrown: unknown) => thrown);
      expect(decodeError(error)).toMatchObject({ code: 'M_FORBIDDEN@username', field: 'username' });
      expect(await checkUsernameAvailable(server, 'ana')).toBe(true);
    },
  );

  it('on /register/available any 403 M_FORBIDDEN is about the name, whatever its words; on /register only these words are', async () => {
    mock.server.use(
      http.get('*/register/available', () =>
        HttpResponse.json({ errcode: 'M_FORBIDDEN', error: 'Forbidden' }, { status: 403 }),
      ),
    );
    const error = await checkUsernameAvailable(server, 'ana').catch((thrown: unknown) => thrown);
    expect(decodeError(error)).toMatchObject({ code: 'M_FORBIDDEN@username', field: 'username' });
    const onRegister = new MatrixApiError(403, 'M_FORBIDDEN', 'Forbidden', undefined, {});
    expect(decodeError(onRegister)).toMatchObject({ code: 'M_FORBIDDEN', field: 'form' });
  });

  it('synapse: 403 "Registration has been disabled" from /register/available is not about the name', async () => {
    await serve('synapse', { enableRegistration: false });
    const error = await checkUsernameAvailable(server, 'ana').catch((thrown: unknown) => thrown);
    expect(error).toMatchObject({ status: 403, errcode: 'M_FORBIDDEN' });
    expect(decodeError(error)).toMatchObject({ code: 'M_FORBIDDEN', field: 'form' });
  });

  it.each<[FamilyName, ConfigOverrides, string]>([
    ['synapse', { requireToken: true }, 'valid'],
    ['continuwuity-0.5.6', { requireToken: true }, 'valid'],
    ['continuwuity-0.5.7', { requireToken: true }, 'valid'],
    ['tuwunel-1.4', { requireToken: true }, 'valid'],
    ['tuwunel-1.4', {}, 'checked-on-submit'],
    ['tuwunel-1.3', {}, 'checked-on-submit'],
    ['conduit-0.10', { requireToken: true }, 'checked-on-submit'],
    ['dendrite', {}, 'checked-on-submit'],
  ])('%s with %j: the validity check says %s', async (family, overrides, verdict) => {
    await serve(family, overrides);
    expect(await checkRegistrationToken(server, 'letmein')).toBe(verdict);
  });

  it.each<FamilyName>(['synapse', 'continuwuity-0.5.7', 'tuwunel-1.4'])(
    '%s: a token that is not valid says so',
    async (family) => {
      await serve(family, { requireToken: true });
      expect(await checkRegistrationToken(server, 'nope')).toBe('invalid');
    },
  );
});

describe('going back to the form keeps the session (§5.1)', () => {
  it('synapse: the new form goes with auth {session} alone; the captcha done stays done, and no second session opens', async () => {
    const { controller, sent } = await serve('synapse', { requireCaptcha: true, requireTerms: true });
    const registration = driver('ana');
    expect(await registration.start()).toMatchObject({ stage: 'm.login.recaptcha' });
    const session = registration.sessionId;
    expect(await registration.submit({ type: 'm.login.recaptcha', response: MOCK_CAPTCHA_RESPONSE })).toMatchObject({
      stage: 'm.login.terms',
    });
    // Back on the form, the person changes the name: first to a taken one, then to a free one.
    await expect(registration.restart(form('bob'), { hasEmail: false })).rejects.toMatchObject({
      errcode: 'M_USER_IN_USE',
    });
    expect(await registration.restart(form('carol'), { hasEmail: false })).toMatchObject({ stage: 'm.login.terms' });
    expect(sent.at(-1)).toEqual({ ...form('carol'), auth: { session } });
    expect(await registration.submit({ type: 'm.login.terms' })).toMatchObject({
      kind: 'registered',
      account: { user_id: '@carol:localhost:8008' },
    });
    expect(sent.slice(1).map((body) => (body.auth as { session?: string }).session)).toEqual(
      Array<string | undefined>(sent.length - 1).fill(session),
    );
    expect(Object.keys(controller.homeserver.state.sessions)).toEqual([session]);
  });

  it('synapse: a token refused, then corrected on the form, goes in the same session', async () => {
    const { controller } = await serve('synapse', { requireToken: true });
    const registration = driver('ana', { token: 'wrong' });
    expect(await registration.start()).toMatchObject({ failure: { errcode: 'M_UNAUTHORIZED' } });
    const session = registration.sessionId;
    expect(await registration.restart(form('ana'), { hasEmail: false, token: 'single-use' })).toMatchObject({
      kind: 'registered',
    });
    expect(Object.keys(controller.homeserver.state.sessions)).toEqual([session]);
  });

  it('dendrite: a name taken at creation, changed on the form: the captcha is not asked again', async () => {
    const { sent } = await serve('dendrite', { requireCaptcha: true });
    const registration = driver('alice');
    expect(await registration.start()).toMatchObject({ stage: 'm.login.recaptcha' });
    await expect(
      registration.submit({ type: 'm.login.recaptcha', response: MOCK_CAPTCHA_RESPONSE }),
    ).rejects.toMatchObject({ errcode: 'M_USER_IN_USE' });
    expect(await registration.restart(form('alicia'), { hasEmail: false })).toMatchObject({ kind: 'registered' });
    expect(sent.filter(authType)).toHaveLength(1);
  });

  it('tuwunel 1.6.0–1.6.2: an errcode in the answer to auth {session} is about nothing sent, and is not shown', async () => {
    const { controller } = await serve('tuwunel-1.4', { requireTerms: true });
    // Tuwunel 1.6.0–1.6.2 added "SSO authentication not completed" to its 401 for `auth: {session}`
    // (homeservers.md §2.8, tuwunel#459, fixed in 1.7.0); the mock plays the versions without it.
    const family = createHandlers(controller);
    mock.server.use(
      http.post('*/_matrix/client/v3/register', async ({ request }) => {
        const { auth } = (await request.clone().json()) as { auth?: Record<string, unknown> };
        const answer = await getResponse(family, request);
        if (answer?.status !== 401 || auth === undefined || 'type' in auth) return answer;
        const body = (await answer.json()) as Record<string, unknown>;
        const error = 'SSO authentication not completed for this session.';
        return HttpResponse.json({ ...body, errcode: 'M_FORBIDDEN', error }, { status: 401 });
      }),
    );
    const registration = driver('ana');
    expect(await registration.start()).toMatchObject({ stage: 'm.login.terms' });
    const step = await registration.restart(form('ana2'), { hasEmail: false });
    expect(step).toMatchObject({ kind: 'stage', stage: 'm.login.terms', uia: { errcode: 'M_FORBIDDEN' } });
    expect(step).not.toHaveProperty('failure');
  });

  it('continuwuity-0.5.7: its answer to auth {session} repeats the last stage’s error, which is not shown again', async () => {
    await serve('continuwuity-0.5.7', { requireCaptcha: true });
    const registration = driver('ana');
    await registration.start();
    const refused = await registration.submit({ type: 'm.login.recaptcha', response: 'wrong' });
    expect(refused).toMatchObject({ failure: { errcode: 'M_FORBIDDEN' } });
    const step = await registration.restart(form('ana2'), { hasEmail: false });
    expect(step).toMatchObject({ kind: 'stage', stage: 'm.login.recaptcha', uia: { errcode: 'M_FORBIDDEN' } });
    expect(step).not.toHaveProperty('failure');
  });

  it.each<[FamilyName, number, string]>([
    ['synapse', 400, 'M_UNKNOWN'],
    ['conduit-0.10', 403, 'M_FORBIDDEN'],
    ['tuwunel-1.4', 403, 'M_FORBIDDEN'],
    ['continuwuity-0.5.7', 400, 'M_INVALID_PARAM'],
  ])('%s: a session the server no longer knows (%i %s) is replaced by a new one', async (family, status, errcode) => {
    const { controller } = await serve(family, { requireToken: true });
    const registration = driver('ana', { token: 'wrong' });
    expect(await registration.start()).toMatchObject({ stage: 'm.login.registration_token', failure: {} });
    const gone = registration.sessionId;
    forgetSessions(controller);
    await expect(postRegister(server, { ...form('ana'), auth: { session: gone } })).rejects.toMatchObject({
      status,
      errcode,
    });
    expect(await registration.restart(form('ana'), { hasEmail: false, token: 'letmein' })).toMatchObject({
      kind: 'registered',
    });
    expect(registration.sessionId).toEqual(expect.any(String));
    expect(registration.sessionId).not.toBe(gone);
  });

  it('continuwuity-0.5.7: a name refused after UIA loses the session; the next try starts a new one', async () => {
    await serve('continuwuity-0.5.7', { requireCaptcha: true });
    const registration = driver('alice');
    expect(await registration.start()).toMatchObject({ stage: 'm.login.recaptcha' });
    const lost = registration.sessionId;
    await expect(
      registration.submit({ type: 'm.login.recaptcha', response: MOCK_CAPTCHA_RESPONSE }),
    ).rejects.toMatchObject({ errcode: 'M_USER_IN_USE' });
    expect(await registration.restart(form('alicia'), { hasEmail: false })).toMatchObject({
      stage: 'm.login.recaptcha',
    });
    expect(registration.sessionId).toEqual(expect.any(String));
    expect(registration.sessionId).not.toBe(lost);
  });

  it('the flow is chosen again on the way back: continuwuity-26.6 without a token, then with one', async () => {
    await serve('continuwuity-26.6', EVERYTHING);
    const registration = driver('ana', { hasEmail: true });
    expect(await registration.start()).toMatchObject({ stage: 'm.login.terms', total: 4 });
    expect(await registration.restart(form('ana'), { hasEmail: false, token: 'letmein' })).toMatchObject({
      stage: 'm.login.terms',
      total: 2,
    });
  });
});

describe('the captcha’s fallback page (§4.6, §2.7)', () => {
  it('synapse: done on the server’s page, auth {session} goes on; not done, it says the step is unfinished', async () => {
    await serve('synapse', { requireCaptcha: true });
    const registration = driver('ana');
    await registration.start();
    const unfinished = await registration.checkOutOfBand();
    expect(unfinished).toMatchObject({ stage: 'm.login.recaptcha', failure: { unfinished: true } });
    if (unfinished.kind !== 'stage' || !unfinished.failure) throw new Error('no failure');
    expect(decodeStageFailure(unfinished.stage, unfinished.failure)).toMatchObject({
      code: 'stage:unfinished',
      field: 'captcha',
    });
    const page = await fetch(fallbackUrl(server, 'm.login.recaptcha', registration.sessionId ?? ''), {
      method: 'POST',
      body: new URLSearchParams({
        session: registration.sessionId ?? '',
        'g-recaptcha-response': MOCK_CAPTCHA_RESPONSE,
      }),
    });
    expect(page.ok).toBe(true);
    expect(await registration.checkOutOfBand()).toMatchObject({ kind: 'registered' });
  });

  it.each([
    ['6LeIxAcTAAAAAJcZVRqyHh71UMIEGNQ_MXjiZKhI', 'recaptcha'],
    ['10000000-ffff-ffff-ffff-000000000001', 'hcaptcha'],
    ['0x4AAAAAAADnPIDROrmt1Wwj', 'turnstile'],
    ['1x00000000000000000000AA', 'turnstile'],
    ['mock-captcha-public-key', 'unknown'],
    ['6Lshort', 'unknown'],
  ])('dendrite: the key %s is a %s key (Dendrite sends only the key, whatever the provider)', (key, provider) => {
    expect(captchaProvider(key)).toBe(provider);
  });

  it.each<[FamilyName, boolean]>([
    ['synapse', true],
    ['dendrite', true],
    ['continuwuity-0.5.7', false],
    ['continuwuity-26.6', false],
  ])('%s: the fallback page is there: %s', async (family, served) => {
    await serve(family, { requireCaptcha: true });
    const registration = driver('ana');
    expect(await registration.start()).toMatchObject({ stage: 'm.login.recaptcha' });
    expect(await fallbackServed(fallbackUrl(server, 'm.login.recaptcha', registration.sessionId ?? ''))).toBe(served);
  });
});

describe('Dendrite’s password length (§2.6)', () => {
  it('dendrite: 1–7 bytes are refused on the first request, at the password field', async () => {
    const { sent } = await serve('dendrite');
    const error = await driver('ana', {}, 'short')
      .start()
      .catch((thrown: unknown) => thrown);
    expect(decodeError(error)).toMatchObject({ code: 'M_WEAK_PASSWORD', field: 'password', status: 400 });
    expect(sent).toHaveLength(1);
  });
});

import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { familyServer, GOOD_CAPTCHA, type Family, type FamilyOptions } from '../test/family-server';
import { startMockHomeserver } from '../test/mock-homeserver';
import { decodeError, decodeStageFailure } from './decode-error';
import { MatrixApiError } from './errors';
import { homeserverAt } from './homeserver';
import { checkRegistrationToken } from './registration-token-validity';
import { describeFlows } from './requirements';
import { emailNotConfirmedYet } from './email-token';
import { captchaProvider, fallbackServed, fallbackUrl } from './fallback';
import { uiaResponseSchema } from './uia';
import { RegistrationDriver, type RegistrationInputs } from './uia-driver';
import { checkUsernameAvailable } from './username-available';

// The protocol client against each homeserver family as spec/homeservers.md describes it.

const mock = await startMockHomeserver();
const server = homeserverAt('http://localhost:8008');

function serve(family: Family, options: FamilyOptions) {
  const fake = familyServer(family, options);
  mock.server.use(...fake.handlers);
  return fake;
}

const form = (username: string, password = 'a long password') => ({ username, password, inhibit_login: true });

function driver(username: string, inputs: Partial<RegistrationInputs> = {}, password?: string) {
  return new RegistrationDriver(server, form(username, password), { hasEmail: false, ...inputs });
}

const TOKEN = [['m.login.registration_token']];
const DUMMY = [['m.login.dummy']];
/** continuwuity 26.x: a token flow and an "untrusted" flow, terms prepended to each (`account/register.rs`). */
const CONTINUWUITY_FLOWS = [
  ['m.login.terms', 'm.login.registration_token'],
  ['m.login.terms', 'm.login.recaptcha', 'm.login.email.identity'],
];

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

  it.each<Family>(['C9', 'C10', 'T1', 'T4', 'Q5'])(
    '%s: a dummy flow registers, and the requirements read',
    async (family) => {
      serve(family, { flows: DUMMY });
      expect(await driver('ana').start()).toEqual({ kind: 'registered', account: { user_id: '@ana:localhost:8008' } });
      const first = uiaResponseSchema.parse({ flows: [{ stages: ['m.login.dummy'] }], params: null });
      expect(describeFlows(first)).toMatchObject({ kind: 'stages', token: 'none', email: 'none', terms: [] });
    },
  );

  it('C9: a token flow with params null asks for the token, sends it and registers', async () => {
    const fake = serve('C9', { flows: TOKEN, tokens: { letmein: 99 } });
    expect((await driver('ana', { token: 'letmein' }).start()).kind).toBe('registered');
    expect(fake.requests.register.at(-1)?.auth).toMatchObject({ type: 'm.login.registration_token', session: 's1' });
  });
});

describe('a failed stage concerns the stage that was sent (§2.2)', () => {
  it.each<[Family, string]>([
    ['S', 'M_UNAUTHORIZED'],
    ['C9', 'M_FORBIDDEN'],
    ['C10', 'M_FORBIDDEN'],
    ['Q5', 'M_FORBIDDEN'],
    ['Q7', 'M_FORBIDDEN'],
    ['T4', 'M_FORBIDDEN'],
  ])('%s: a wrong token (%s) is a token problem', async (family, errcode) => {
    serve(family, { flows: TOKEN, tokens: { letmein: 1 } });
    const step = await driver('ana', { token: 'nope' }).start();
    expect(step).toMatchObject({ kind: 'stage', stage: 'm.login.registration_token', failure: { errcode } });
    if (step.kind !== 'stage' || !step.failure) throw new Error('no failure');
    expect(decodeStageFailure(step.stage, step.failure)).toMatchObject({ code: errcode, field: 'token' });
  });

  it.each<[Family, string]>([
    ['S', 'M_UNAUTHORIZED'],
    ['T4', 'M_FORBIDDEN'],
    ['Q7', 'M_THREEPID_AUTH_FAILED'],
  ])('%s: an email not confirmed yet (%s) means "keep waiting"', async (family, errcode) => {
    serve(family, { flows: [['m.login.email.identity']] });
    const registration = driver('ana', { hasEmail: true });
    expect(await registration.start()).toMatchObject({ stage: 'm.login.email.identity' });
    const creds = { type: 'm.login.email.identity', threepid_creds: { sid: 'sid', client_secret: 'x' } };
    const step = await registration.submit(creds);
    expect(step).toMatchObject({ stage: 'm.login.email.identity', failure: { errcode } });
    expect(step.kind === 'stage' && step.failure && emailNotConfirmedYet(step.failure)).toBe(true);
  });

  it('an email stage failure that is not "not yet" is not waited out', () => {
    expect(emailNotConfirmedYet({ errcode: 'M_THREEPID_IN_USE' })).toBe(false);
    expect(emailNotConfirmedYet({ unfinished: true })).toBe(false);
  });

  it.each<[Family, string]>([
    ['S', 'M_UNAUTHORIZED'],
    ['Q5', 'M_FORBIDDEN'],
    ['Q7', 'M_CAPTCHA_INVALID'],
  ])('%s: a refused captcha (%s) is a captcha problem', async (family, errcode) => {
    serve(family, { flows: [['m.login.recaptcha']], params: { 'm.login.recaptcha': { public_key: 'k' } } });
    const registration = driver('ana');
    await registration.start();
    const step = await registration.submit({ type: 'm.login.recaptcha', response: 'wrong' });
    expect(step).toMatchObject({ stage: 'm.login.recaptcha', failure: { errcode } });
    if (step.kind !== 'stage' || !step.failure) throw new Error('no failure');
    expect(decodeStageFailure(step.stage, step.failure).field).toBe('captcha');
  });

  it('D: a refused captcha is a 401 M_BAD_JSON without flows, a missing one a 400: both are the captcha’s', async () => {
    serve('D', { flows: [['m.login.recaptcha']], params: { 'm.login.recaptcha': { public_key: 'k' } } });
    const registration = driver('ana');
    await registration.start();
    const refused = await registration.submit({ type: 'm.login.recaptcha', response: 'wrong' });
    expect(refused).toMatchObject({ stage: 'm.login.recaptcha', failure: { errcode: 'M_BAD_JSON', status: 401 } });
    const missing = await registration.submit({ type: 'm.login.recaptcha', response: '' });
    expect(missing).toMatchObject({ stage: 'm.login.recaptcha', failure: { errcode: 'M_BAD_JSON', status: 400 } });
    if (missing.kind !== 'stage' || !missing.failure) throw new Error('no failure');
    expect(decodeStageFailure(missing.stage, missing.failure)).toMatchObject({ field: 'captcha', status: 400 });
    expect(await registration.submit({ type: 'm.login.recaptcha', response: GOOD_CAPTCHA })).toMatchObject({
      kind: 'registered',
    });
  });

  it('an M_BAD_JSON that does not answer a captcha stays the error it is', () => {
    const error = new MatrixApiError(400, 'M_BAD_JSON', 'too long', undefined, {});
    expect(decodeError(error)).toMatchObject({ code: 'M_BAD_JSON', field: 'form' });
  });

  it.each<Family>(['T1', 'T4', 'Q5'])(
    '%s: 403 "Username is forbidden" before UIA is a name problem',
    async (family) => {
      serve(family, { flows: DUMMY, forbidden: /^admin/ });
      const error = await driver('admin1')
        .start()
        .catch((thrown: unknown) => thrown);
      expect(decodeError(error)).toMatchObject({ code: 'M_FORBIDDEN@username', field: 'username', status: 403 });
    },
  );

  it('Q7: "Username is forbidden" comes after UIA, and is a name problem there too', async () => {
    serve('Q7', { flows: DUMMY, forbidden: /^admin/ });
    const error = await driver('admin1')
      .start()
      .catch((thrown: unknown) => thrown);
    expect(decodeError(error)).toMatchObject({ code: 'M_FORBIDDEN@username', field: 'username' });
  });

  it.each([
    ['S', 'Registration has been disabled'],
    ['SM', 'Registration has been disabled. Only m.login.application_service registrations are allowed.'],
    ['C, T', 'Registration has been disabled.'],
    ['D', 'Registration is disabled on "username.example"'],
    ['Q', 'This server is not accepting registrations at this time.'],
  ])('%s: 403 "%s" is sign-up closed, not a name problem', (_, words) => {
    const error = new MatrixApiError(403, 'M_FORBIDDEN', words, undefined, { errcode: 'M_FORBIDDEN', error: words });
    expect(decodeError(error)).toMatchObject({ code: 'M_FORBIDDEN', field: 'form' });
  });

  it.each<Family>(['D', 'Q7'])(
    '%s: a name taken, found only after the last stage, is a name problem',
    async (family) => {
      serve(family, { flows: DUMMY, taken: ['alice'] });
      const error = await driver('alice')
        .start()
        .catch((thrown: unknown) => thrown);
      expect(decodeError(error)).toMatchObject({ code: 'M_USER_IN_USE', field: 'username' });
    },
  );
});

describe('the flow follows what the person has (§2.7)', () => {
  const params = {
    'm.login.recaptcha': { public_key: 'k' },
    'm.login.terms': {
      policies: { rules: { en: { name: 'Rules', url: 'https://example.org/rules' } }, version: 'latest' },
    },
  };

  it('Q26: with a token, the token flow: terms, then the token; no captcha, no email', async () => {
    const fake = serve('Q26', { flows: CONTINUWUITY_FLOWS, params, tokens: { invite: 1 } });
    const registration = driver('ana', { token: 'invite' });
    expect(await registration.start()).toMatchObject({ stage: 'm.login.terms', position: 2, total: 2 });
    expect(await registration.submit({ type: 'm.login.terms' })).toMatchObject({ kind: 'registered' });
    expect(fake.requests.register.map((body) => (body.auth as { type?: string } | undefined)?.type)).toEqual([
      undefined,
      'm.login.terms',
      'm.login.registration_token',
    ]);
  });

  it('Q26: without a token but with an email, the other flow (no fallback page is involved)', async () => {
    serve('Q26', { flows: CONTINUWUITY_FLOWS, params });
    const registration = driver('ana', { hasEmail: true });
    expect(await registration.start()).toMatchObject({ stage: 'm.login.terms', total: 4 });
    expect(await registration.submit({ type: 'm.login.terms' })).toMatchObject({ stage: 'm.login.recaptcha' });
  });

  it('Q26: the form marks token and email as "one of the two", and the 26.6 `version` is no policy', () => {
    const requirements = describeFlows(
      uiaResponseSchema.parse({ flows: CONTINUWUITY_FLOWS.map((stages) => ({ stages })), params, session: 's' }),
    );
    expect(requirements).toMatchObject({ token: 'either', email: 'either' });
    expect(requirements.kind === 'stages' && requirements.terms.map((policy) => policy.id)).toEqual(['rules']);
  });

  it('Q5: token or captcha: the token is optional, and without one the captcha flow is taken', async () => {
    const flows = [['m.login.registration_token'], ['m.login.recaptcha']];
    serve('Q5', { flows, params: { 'm.login.recaptcha': { public_key: 'k' } } });
    expect(describeFlows(uiaResponseSchema.parse({ flows: flows.map((stages) => ({ stages })) }))).toMatchObject({
      token: 'optional',
      email: 'none',
    });
    expect(await driver('ana').start()).toMatchObject({ stage: 'm.login.recaptcha' });
  });
});

describe('the token is sent last, once everything else is done (§2.2 "When a token is spent")', () => {
  it('T4: one flow of token, email and terms: the email and terms first; an abandoned email spends nothing', async () => {
    const fake = serve('T4', {
      flows: [['m.login.registration_token', 'm.login.email.identity', 'm.login.terms']],
      tokens: { invite: 1 },
    });
    const registration = driver('ana', { token: 'invite', hasEmail: true });
    expect(await registration.start()).toMatchObject({ stage: 'm.login.email.identity', position: 2, total: 3 });
    const creds = { type: 'm.login.email.identity', threepid_creds: { sid: 'mail', client_secret: 'x' } };
    await registration.submit(creds);
    expect(fake.tokens.get('invite')).toBe(1);
    fake.confirmEmail('mail');
    expect(await registration.submit(creds)).toMatchObject({ stage: 'm.login.terms', position: 3 });
    expect(fake.tokens.get('invite')).toBe(1);
    expect(await registration.submit({ type: 'm.login.terms' })).toMatchObject({ kind: 'registered' });
    expect(fake.tokens.get('invite')).toBe(0);
  });

  it('S: token and email (either order completes on Synapse): the email first', async () => {
    const fake = serve('S', { flows: [['m.login.registration_token', 'm.login.email.identity']], tokens: { t: 1 } });
    expect(await driver('ana', { token: 't', hasEmail: true }).start()).toMatchObject({
      stage: 'm.login.email.identity',
    });
    expect(fake.requests.register).toHaveLength(1);
  });
});

describe('names and tokens asked about before anything is spent (§2.7, §2.8)', () => {
  it.each<Family>(['T4', 'Q26'])('%s: 403 M_FORBIDDEN from /register/available is a forbidden name', async (family) => {
    serve(family, { flows: DUMMY, forbidden: /^admin/ });
    const error = await checkUsernameAvailable(server, 'admin1').catch((thrown: unknown) => thrown);
    expect(decodeError(error)).toMatchObject({ code: 'M_FORBIDDEN@username', field: 'username' });
    expect(await checkUsernameAvailable(server, 'ana')).toBe(true);
  });

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

  it('S: 403 "Registration has been disabled" from /register/available is not about the name', async () => {
    mock.server.use(
      http.get('*/register/available', () =>
        HttpResponse.json({ errcode: 'M_FORBIDDEN', error: 'Registration has been disabled' }, { status: 403 }),
      ),
    );
    const error = await checkUsernameAvailable(server, 'ana').catch((thrown: unknown) => thrown);
    expect(decodeError(error)).toMatchObject({ code: 'M_FORBIDDEN', field: 'form' });
  });

  it.each<[Family, Record<string, number>, string]>([
    ['S', { good: 1 }, 'valid'],
    ['Q7', { good: 1 }, 'valid'],
    ['T4', { good: 1 }, 'valid'],
    ['T4', {}, 'checked-on-submit'],
    ['C10', { good: 1 }, 'checked-on-submit'],
    ['D', {}, 'checked-on-submit'],
  ])('%s with tokens %j: the validity check says %s', async (family, tokens, verdict) => {
    serve(family, { flows: TOKEN, tokens });
    expect(await checkRegistrationToken(server, 'good')).toBe(verdict);
  });

  it('S: a token that is not valid says so', async () => {
    serve('S', { flows: TOKEN, tokens: { good: 1 } });
    expect(await checkRegistrationToken(server, 'bad')).toBe('invalid');
  });
});

describe('going back to the form keeps the session (§5.1)', () => {
  it('S: the new form goes with auth {session} alone; the captcha done stays done, and no second session opens', async () => {
    const fake = serve('S', {
      flows: [['m.login.recaptcha', 'm.login.terms']],
      params: { 'm.login.recaptcha': { public_key: 'k' }, 'm.login.terms': { policies: {} } },
      taken: ['bob'],
    });
    const registration = driver('ana');
    await registration.start();
    expect(await registration.submit({ type: 'm.login.recaptcha', response: GOOD_CAPTCHA })).toMatchObject({
      stage: 'm.login.terms',
    });
    // Back on the form, the person changes the name: first to a taken one, then to a free one.
    await expect(registration.restart(form('bob'), { hasEmail: false })).rejects.toMatchObject({
      errcode: 'M_USER_IN_USE',
    });
    expect(await registration.restart(form('carol'), { hasEmail: false })).toMatchObject({ stage: 'm.login.terms' });
    expect(fake.requests.register.at(-1)).toEqual({ ...form('carol'), auth: { session: 's1' } });
    expect(await registration.submit({ type: 'm.login.terms' })).toMatchObject({
      kind: 'registered',
      account: { user_id: '@carol:localhost:8008' },
    });
    expect(fake.sessionIds()).toEqual(['s1']);
  });

  it('S: a token refused, then corrected on the form, goes in the same session', async () => {
    const fake = serve('S', { flows: TOKEN, tokens: { right: 1 } });
    const registration = driver('ana', { token: 'wrong' });
    expect(await registration.start()).toMatchObject({ failure: { errcode: 'M_UNAUTHORIZED' } });
    expect(await registration.restart(form('ana'), { hasEmail: false, token: 'right' })).toMatchObject({
      kind: 'registered',
    });
    expect(fake.sessionIds()).toEqual(['s1']);
  });

  it('D: a name taken at creation, changed on the form: the captcha is not asked again', async () => {
    const fake = serve('D', {
      flows: [['m.login.recaptcha']],
      params: { 'm.login.recaptcha': { public_key: 'k' } },
      taken: ['alice'],
    });
    const registration = driver('alice');
    await registration.start();
    await expect(registration.submit({ type: 'm.login.recaptcha', response: GOOD_CAPTCHA })).rejects.toMatchObject({
      errcode: 'M_USER_IN_USE',
    });
    expect(await registration.restart(form('alicia'), { hasEmail: false })).toMatchObject({ kind: 'registered' });
    expect(fake.requests.register.filter((body) => (body.auth as { type?: string } | undefined)?.type)).toHaveLength(1);
  });

  it('T4 1.6.0–1.6.2: an errcode in the answer to auth {session} is about nothing sent, and is not shown', async () => {
    serve('T4', {
      flows: [['m.login.terms', 'm.login.dummy']],
      params: { 'm.login.terms': { policies: {} } },
      profile: {
        sessionOnlyError: { errcode: 'M_FORBIDDEN', error: 'SSO authentication not completed for this session.' },
      },
    });
    const registration = driver('ana');
    await registration.start();
    const step = await registration.restart(form('ana2'), { hasEmail: false });
    expect(step).toMatchObject({ kind: 'stage', stage: 'm.login.terms' });
    expect(step).not.toHaveProperty('failure');
  });

  it.each<[Family, string]>([
    ['S', 'M_UNKNOWN'],
    ['C10', 'M_FORBIDDEN'],
    ['T4', 'M_FORBIDDEN'],
    ['Q7', 'M_INVALID_PARAM'],
  ])('%s: a session the server no longer knows (%s) is replaced by a new one', async (family) => {
    const fake = serve(family, { flows: [['m.login.terms', 'm.login.dummy']], params: { 'm.login.terms': {} } });
    const registration = driver('ana');
    await registration.start();
    fake.forgetSessions();
    expect(await registration.restart(form('ana'), { hasEmail: false })).toMatchObject({ stage: 'm.login.terms' });
    expect(registration.sessionId).toBe('s2');
    expect(await registration.submit({ type: 'm.login.terms' })).toMatchObject({ kind: 'registered' });
  });

  it('Q7: a name refused after UIA loses the session; the next try starts a new one', async () => {
    serve('Q7', { flows: [['m.login.terms']], params: { 'm.login.terms': {} }, taken: ['alice'] });
    const registration = driver('alice');
    await registration.start();
    await expect(registration.submit({ type: 'm.login.terms' })).rejects.toMatchObject({ errcode: 'M_USER_IN_USE' });
    expect(await registration.restart(form('alicia'), { hasEmail: false })).toMatchObject({ stage: 'm.login.terms' });
    expect(registration.sessionId).toBe('s2');
  });

  it('the flow is chosen again on the way back: Q26 without a token, then with one', async () => {
    serve('Q26', { flows: CONTINUWUITY_FLOWS, params: { 'm.login.recaptcha': { public_key: 'k' } }, tokens: { t: 1 } });
    const registration = driver('ana', { hasEmail: true });
    expect(await registration.start()).toMatchObject({ stage: 'm.login.terms', total: 4 });
    expect(await registration.restart(form('ana'), { hasEmail: false, token: 't' })).toMatchObject({
      stage: 'm.login.terms',
      total: 2,
    });
  });
});

describe('the captcha’s fallback page (§4.6, §2.7)', () => {
  it('S: done on the server’s page, auth {session} goes on; not done, it says the step is unfinished', async () => {
    serve('S', { flows: [['m.login.recaptcha']], params: { 'm.login.recaptcha': { public_key: 'k' } } });
    const registration = driver('ana');
    await registration.start();
    const unfinished = await registration.checkOutOfBand();
    expect(unfinished).toMatchObject({ stage: 'm.login.recaptcha', failure: { unfinished: true } });
    if (unfinished.kind !== 'stage' || !unfinished.failure) throw new Error('no failure');
    expect(decodeStageFailure(unfinished.stage, unfinished.failure)).toMatchObject({
      code: 'stage:unfinished',
      field: 'captcha',
    });
    await fetch(fallbackUrl(server, 'm.login.recaptcha', registration.sessionId ?? ''), {
      method: 'POST',
      body: new URLSearchParams({ session: registration.sessionId ?? '', 'g-recaptcha-response': GOOD_CAPTCHA }),
    });
    expect(await registration.checkOutOfBand()).toMatchObject({ kind: 'registered' });
  });

  it.each([
    ['6LeIxAcTAAAAAJcZVRqyHh71UMIEGNQ_MXjiZKhI', 'recaptcha'],
    ['10000000-ffff-ffff-ffff-000000000001', 'hcaptcha'],
    ['0x4AAAAAAADnPIDROrmt1Wwj', 'turnstile'],
    ['1x00000000000000000000AA', 'turnstile'],
    ['mock-captcha-public-key', 'unknown'],
    ['6Lshort', 'unknown'],
  ])('D: the key %s is a %s key (Dendrite sends only the key, whatever the provider)', (key, provider) => {
    expect(captchaProvider(key)).toBe(provider);
  });

  it.each<[Family, boolean]>([
    ['S', true],
    ['D', true],
    ['Q7', false],
  ])('%s: the fallback page is there: %s', async (family, served) => {
    serve(family, { flows: [['m.login.recaptcha']] });
    expect(await fallbackServed(fallbackUrl(server, 'm.login.recaptcha', 's1'))).toBe(served);
  });
});

describe('Dendrite’s password length (§2.6)', () => {
  it('D: 1–7 bytes are refused on the first request, at the password field', async () => {
    serve('D', { flows: DUMMY });
    const error = await driver('ana', {}, 'short')
      .start()
      .catch((thrown: unknown) => thrown);
    expect(decodeError(error)).toMatchObject({ code: 'M_WEAK_PASSWORD', field: 'password', status: 400 });
  });
});

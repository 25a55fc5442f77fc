import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { MOCK_CAPTCHA_RESPONSE } from 'matrix-mock-homeserver';
import { discoverHomeserver } from './discovery';
import { requestEmailToken } from './email-token';
import { MatrixApiError } from './errors';
import { startMockHomeserver } from '../test/mock-homeserver';
import { FlowProblemError, RegistrationDriver } from './uia-driver';

const mock = await startMockHomeserver();

async function driver(body: Record<string, unknown>, inputs: { token?: string; hasEmail?: boolean } = {}) {
  const server = await discoverHomeserver('localhost:8008');
  return new RegistrationDriver(
    server,
    { password: 'pw', inhibit_login: true, ...body },
    { hasEmail: false, ...inputs },
  );
}

describe('RegistrationDriver', () => {
  it('answers the dummy stage itself: one start() registers on an open server', async () => {
    const step = await (await driver({ username: 'ana' })).start();
    expect(step).toEqual({
      kind: 'registered',
      account: { user_id: '@ana:localhost:8008', home_server: 'localhost:8008' },
    });
  });

  it("sends the form's token itself, and reports a bad one as a failed token stage", async () => {
    await mock.reset('token');
    expect((await (await driver({ username: 'ana' }, { token: 'letmein' })).start()).kind).toBe('registered');
    const bad = await (await driver({ username: 'bea' }, { token: 'nope' })).start();
    expect(bad).toMatchObject({
      kind: 'stage',
      stage: 'm.login.registration_token',
      failure: { errcode: 'M_UNAUTHORIZED' },
    });
  });

  it('stops at terms as step 2 of 2, and registers once they are accepted', async () => {
    await mock.reset('terms');
    const registration = await driver({ username: 'ana' });
    const step = await registration.start();
    expect(step).toMatchObject({ kind: 'stage', stage: 'm.login.terms', position: 2, total: 2 });
    expect((await registration.submit({ type: 'm.login.terms' })).kind).toBe('registered');
  });

  it('walks captcha, terms and email in order when an email is given (everything)', async () => {
    await mock.reset('everything');
    const registration = await driver({ username: 'ana', password: 'abcdefg1' }, { hasEmail: true });
    expect(await registration.start()).toMatchObject({ stage: 'm.login.recaptcha', position: 2, total: 4 });
    const wrong = await registration.submit({ type: 'm.login.recaptcha', response: 'guess' });
    expect(wrong).toMatchObject({ stage: 'm.login.recaptcha', failure: { errcode: 'M_UNAUTHORIZED' } });
    expect(await registration.submit({ type: 'm.login.recaptcha', response: MOCK_CAPTCHA_RESPONSE })).toMatchObject({
      stage: 'm.login.terms',
      position: 3,
    });
    expect(await registration.submit({ type: 'm.login.terms' })).toMatchObject({
      stage: 'm.login.email.identity',
      position: 4,
    });

    const server = await discoverHomeserver('localhost:8008');
    const validation = await requestEmailToken(server, 'ana@example.org', 'secret', 1);
    const creds = { type: 'm.login.email.identity', threepid_creds: { sid: validation.sid, client_secret: 'secret' } };
    expect(await registration.submit(creds)).toMatchObject({
      stage: 'm.login.email.identity',
      failure: { errcode: 'M_UNAUTHORIZED' },
    });
    const link = mock.homeserver.state.inbox[0]?.link ?? '';
    await fetch(link);
    expect(await registration.submit(creds)).toMatchObject({
      kind: 'registered',
      account: { user_id: '@ana:localhost:8008' },
    });
  });

  it('takes the no-email flow when no email is given (everything)', async () => {
    await mock.reset('everything');
    expect(await (await driver({ username: 'ana', password: 'abcdefg1' })).start()).toMatchObject({
      stage: 'm.login.recaptcha',
      total: 3,
    });
  });

  it('refuses to start a flow that would drop or lack an email', async () => {
    await mock.reset('email');
    await expect((await driver({ username: 'ana' })).start()).rejects.toEqual(new FlowProblemError('email-required'));
    await mock.reset('open');
    await expect((await driver({ username: 'ana' }, { hasEmail: true })).start()).rejects.toEqual(
      new FlowProblemError('email-unsupported'),
    );
  });

  it('reads a 401 without flows as the Matrix error it is, not as UIA', async () => {
    mock.server.use(
      http.post('*/_matrix/client/v3/register', () =>
        HttpResponse.json({ errcode: 'M_UNKNOWN_TOKEN', error: 'no' }, { status: 401 }),
      ),
    );
    await expect((await driver({ username: 'ana' })).start()).rejects.toMatchObject({
      errcode: 'M_UNKNOWN_TOKEN',
      status: 401,
    });
  });

  it('throws errors that are not about a stage (a taken name) as MatrixApiError', async () => {
    await expect((await driver({ username: 'alice' })).start()).rejects.toBeInstanceOf(MatrixApiError);
  });

  it('resumes with the session alone after an out-of-band stage (the fallback page)', async () => {
    await mock.reset('captcha');
    const registration = await driver({ username: 'ana' });
    await registration.start();
    const page = `http://localhost:8008/_matrix/client/v3/auth/m.login.recaptcha/fallback/web`;
    await fetch(page, {
      method: 'POST',
      body: new URLSearchParams({
        session: registration.sessionId ?? '',
        'g-recaptcha-response': MOCK_CAPTCHA_RESPONSE,
      }),
    });
    expect((await registration.resume()).kind).toBe('registered');
  });

  it('gives up on a server that asks for the same automatic stage forever', async () => {
    let rounds = 0;
    mock.server.use(
      http.post('*/_matrix/client/v3/register', () => {
        rounds += 1;
        return HttpResponse.json(
          { session: 's', flows: [{ stages: ['m.login.dummy'] }], params: {}, completed: [] },
          { status: 401 },
        );
      }),
    );
    const step = await (await driver({ username: 'ana' })).start();
    expect(step).toMatchObject({ kind: 'stage', stage: 'm.login.dummy' });
    expect(rounds).toBeLessThanOrEqual(8);
  });

  it("re-sends the whole body each round, so the seed's v2_alpha (password on every request) works", async () => {
    await mock.reset('seed');
    const server = await discoverHomeserver('localhost:8008');
    const step = await new RegistrationDriver(
      server,
      { username: 'cheeky_monkey', password: 'ilovebananas', bind_email: false },
      { hasEmail: false },
    ).start();
    expect(step).toMatchObject({ kind: 'registered', account: { user_id: '@cheeky_monkey:localhost:8008' } });
  });

  describe('MSC3866: an account that waits for the admins', () => {
    const approval = (medium?: string) =>
      HttpResponse.json(
        {
          ...(medium ? { approval_notice_medium: medium } : {}),
          errcode: 'ORG.MATRIX.MSC3866_USER_AWAITING_APPROVAL',
          error: 'This account needs to be approved by an administrator before it can be used.',
        },
        { status: 403 },
      );
    const dummyFlow = () =>
      HttpResponse.json({ session: 'ap', flows: [{ stages: ['m.login.dummy'] }], params: {} }, { status: 401 });

    it('is an end, with the name sent and how the person will hear of it (ap.register_dummy)', async () => {
      mock.server.use(
        http.post('*/_matrix/client/v3/register', async ({ request }) =>
          ((await request.json()) as { auth?: unknown }).auth ? approval('org.matrix.msc3866.none') : dummyFlow(),
        ),
      );
      expect(await (await driver({ username: 'abby' })).start()).toEqual({
        kind: 'awaiting-approval',
        username: 'abby',
        notice: 'none',
      });
    });

    it('reads the stable and unstable email medium as email, anything else as none', async () => {
      for (const [medium, notice] of [
        ['org.matrix.msc3866.email', 'email'],
        ['m.email', 'email'],
        ['org.example.pigeon', 'none'],
        [undefined, 'none'],
      ] as const) {
        mock.server.use(http.post('*/_matrix/client/v3/register', () => approval(medium)));
        expect(await (await driver({ username: 'abby' })).start()).toMatchObject({ notice });
      }
    });

    it('is an end when it answers a request sent again, not an error', async () => {
      let calls = 0;
      mock.server.use(
        http.post('*/_matrix/client/v3/register', () => {
          calls += 1;
          if (calls === 1) return dummyFlow();
          if (calls === 2) return HttpResponse.json({ errcode: 'M_UNKNOWN', error: 'boom' }, { status: 500 });
          return approval('org.matrix.msc3866.none');
        }),
      );
      const registration = await driver({ username: 'abby' });
      await expect(registration.start()).rejects.toBeInstanceOf(MatrixApiError);
      expect(await registration.resume()).toMatchObject({ kind: 'awaiting-approval', username: 'abby' });
    });

    it('leaves other 403s alone', async () => {
      mock.server.use(
        http.post('*/_matrix/client/v3/register', () =>
          HttpResponse.json({ errcode: 'M_FORBIDDEN', error: 'Registration has been disabled' }, { status: 403 }),
        ),
      );
      await expect((await driver({ username: 'abby' })).start()).rejects.toMatchObject({ errcode: 'M_FORBIDDEN' });
    });
  });
});

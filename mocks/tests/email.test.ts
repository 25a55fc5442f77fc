import { describe, expect, it } from 'vitest';
import { startMock, type Mock } from './harness';

const requestToken = (mock: Mock, body: Record<string, unknown>) =>
  mock.call('POST', '/_matrix/client/v3/register/email/requestToken', { json: body });
const ask = (mock: Mock, email = 'ana@example.org', sendAttempt = 1, clientSecret = 'secret-1') =>
  requestToken(mock, { client_secret: clientSecret, email, send_attempt: sendAttempt });

const emailAuth = (sid: string, clientSecret: string, session: string) => ({
  type: 'm.login.email.identity',
  threepid_creds: { sid, client_secret: clientSecret },
  session,
});

function linkOf(mock: Mock): string {
  const message = mock.state.inbox.at(-1);
  if (!message) throw new Error('no mail');
  return message.link.replace('http://localhost:8008', '');
}

async function registerWithEmail(mock: Mock, username: string, email: string) {
  const first = await mock.register({ username, password: 'pw' });
  const { body } = await ask(mock, email);
  await mock.call('GET', linkOf(mock));
  return mock.register({
    auth: emailAuth(body.sid, 'secret-1', first.body.session),
  });
}

describe('§7 POST /register/email/requestToken', () => {
  it('answers a sid only and mails a link with nothing to type, as Synapse (recorded: er.requestToken_valid)', async () => {
    const mock = await startMock({ scenario: 'email' });
    const reply = await ask(mock);
    expect(reply.status).toBe(200);
    expect(Object.keys(reply.body)).toEqual(['sid']);
    expect(reply.body.sid).toMatch(/^[A-Za-z]{16}$/);
    expect(mock.state.inbox).toHaveLength(1);
    expect(mock.state.inbox[0]?.to).toBe('ana@example.org');
    expect(mock.state.inbox[0]?.code).toBeUndefined();
    const link = new URL(mock.state.inbox[0]?.link ?? '');
    expect(link.pathname).toBe('/_matrix/client/unstable/registration/email/submit_token');
    expect(link.searchParams.get('token')).toMatch(/^[A-Za-z]{32}$/);
    expect(link.searchParams.get('sid')).toBe(reply.body.sid);
  });

  it('in the code variant, answers a submit_url and mails a 6-digit code beside the link', async () => {
    const mock = await startMock({ scenario: 'email-code' });
    const reply = await ask(mock);
    expect(reply.body.submit_url).toBe('http://localhost:8008/_matrix/client/unstable/registration/email/submit_token');
    expect(mock.state.inbox[0]).toMatchObject({
      to: 'ana@example.org',
      code: expect.stringMatching(/^\d{6}$/) as unknown,
    });
  });

  it('sends again only for a higher send_attempt, keeping the sid', async () => {
    const mock = await startMock({ scenario: 'email' });
    const first = await ask(mock, 'ana@example.org', 1);
    const same = await ask(mock, 'ana@example.org', 1);
    expect(same.body.sid).toBe(first.body.sid);
    expect(mock.state.inbox).toHaveLength(1);
    await ask(mock, 'ana@example.org', 2);
    expect(mock.state.inbox).toHaveLength(2);
  });

  it('case-folds the local part and lower-cases the domain (recorded: er.requestToken_taken_email_other_case)', async () => {
    const mock = await startMock({ scenario: 'email' });
    await ask(mock, ' Straße@EXAMPLE.org ');
    expect(mock.state.inbox[0]?.to).toBe('strasse@example.org');
  });

  it.each([
    ['no email stage configured', 'open', {}, 400, 'M_UNKNOWN'],
    // Synapse's requestToken does not look at enable_registration (register.py:89-153 at v1.94.0).
    ['registration disabled: mails all the same', 'email', { enableRegistration: false }, 200, undefined],
  ] as const)('%s', async (_, scenario, overrides, status, errcode) => {
    const reply = await ask(await startMock({ scenario, overrides }));
    expect([reply.status, reply.body.errcode]).toEqual([status, errcode]);
  });

  it.each([
    [{ email: 'a@b.org', send_attempt: 1 }, 400, 'M_MISSING_PARAM'],
    [{ client_secret: 'bad secret!', email: 'a@b.org', send_attempt: 1 }, 400, 'M_INVALID_PARAM'],
    [{ client_secret: 's', email: 'a@b.org', send_attempt: 'one' }, 400, 'M_INVALID_PARAM'],
    [{ client_secret: 's', email: 'not-an-address', send_attempt: 1 }, 400, 'M_UNKNOWN'],
    [{ client_secret: 's', email: 'a@b@c', send_attempt: 1 }, 400, 'M_UNKNOWN'],
    [{ client_secret: 's', email: 'ana@blocked.example', send_attempt: 1 }, 403, 'M_THREEPID_DENIED'],
  ])('%j -> %i %s', async (body, status, errcode) => {
    const mock = await startMock({ scenario: 'email' });
    const reply = await requestToken(mock, body);
    expect([reply.status, reply.body.errcode]).toEqual([status, errcode]);
    expect(mock.state.inbox).toHaveLength(0);
  });

  it('refuses an address an account already has (400 M_THREEPID_IN_USE)', async () => {
    const mock = await startMock({ scenario: 'email' });
    expect((await registerWithEmail(mock, 'ana', 'ana@example.org')).status).toBe(200);
    const again = await ask(mock, 'ana@example.org', 1, 'secret-2');
    expect([again.status, again.body.errcode]).toEqual([400, 'M_THREEPID_IN_USE']);
  });

  it('throttles per client and address (429)', async () => {
    const mock = await startMock({
      scenario: 'email',
      overrides: {
        rateLimits: {
          registration: null,
          registrationTokenValidity: null,
          threepidValidation: { perSecond: 0.01, burst: 1 },
          availability: null,
        },
      },
    });
    expect((await ask(mock, 'a@example.org')).status).toBe(200);
    expect((await ask(mock, 'a@example.org', 2)).status).toBe(429);
    expect((await ask(mock, 'b@example.org')).status).toBe(200);
  });
});

describe('m.login.email.identity stage', () => {
  it('is 401 M_UNAUTHORIZED until the link is followed, then registers and binds the address', async () => {
    const mock = await startMock({ scenario: 'email' });
    const first = await mock.register({ username: 'ana', password: 'pw' });
    const { body } = await ask(mock);
    const auth = emailAuth(body.sid, 'secret-1', first.body.session);
    const early = await mock.register({ auth });
    expect([early.status, early.body.errcode]).toEqual([401, 'M_UNAUTHORIZED']);
    const page = await mock.call('GET', linkOf(mock));
    expect(page.text).toContain('confirmed');
    const done = await mock.register({ auth: { session: first.body.session } }); // polling: completed out of band?
    expect(done.status).toBe(401); // the stage is only recorded when submitted with its creds
    const registered = await mock.register({ auth });
    expect(registered.status).toBe(200);
    expect(mock.homeserver.findAccount('ana')?.emails).toEqual(['ana@example.org']);
    expect(mock.state.threepids['ana@example.org']).toBe('@ana:localhost:8008');
  });

  it('accepts the emailed code posted to submit_url instead of the link', async () => {
    const mock = await startMock({ scenario: 'email-code' });
    const { body } = await ask(mock);
    const code = mock.state.inbox[0]?.code;
    const wrong = await mock.call('POST', '/_matrix/client/unstable/registration/email/submit_token', {
      json: { sid: body.sid, client_secret: 'secret-1', token: '000000x' },
    });
    expect(wrong.status).toBe(400);
    const right = await mock.call('POST', '/_matrix/client/unstable/registration/email/submit_token', {
      json: { sid: body.sid, client_secret: 'secret-1', token: code },
    });
    expect(right.body).toEqual({ success: true });
    expect(mock.state.emailValidations[body.sid]?.validatedAt).toBeDefined();
  });

  it('a wrong link gets a page that says so, and validates nothing', async () => {
    const mock = await startMock({ scenario: 'email' });
    await ask(mock);
    const page = await mock.call('GET', linkOf(mock).replace(/token=[A-Za-z]+/, 'token=wrongtoken'));
    expect(page.status).toBe(400);
    expect(Object.values(mock.state.emailValidations)[0]?.validatedAt).toBeUndefined();
  });

  it('without threepid_creds is 401 M_MISSING_PARAM', async () => {
    const mock = await startMock({ scenario: 'email' });
    const first = await mock.register({ username: 'ana', password: 'pw' });
    const reply = await mock.register({ auth: { type: 'm.login.email.identity', session: first.body.session } });
    expect([reply.status, reply.body.errcode]).toEqual([401, 'M_MISSING_PARAM']);
  });

  it('a validated address from a denied domain is 403 M_THREEPID_DENIED after UIA', async () => {
    const mock = await startMock({ scenario: 'email' });
    const first = await mock.register({ username: 'ana', password: 'pw' });
    const { body } = await ask(mock, 'ana@late.example');
    await mock.call('GET', linkOf(mock));
    mock.controller.homeserver.config = { ...mock.homeserver.config, deniedEmailDomains: ['late.example'] };
    const reply = await mock.register({
      auth: emailAuth(body.sid, 'secret-1', first.body.session),
    });
    expect([reply.status, reply.body.errcode]).toEqual([403, 'M_THREEPID_DENIED']);
  });

  it('an address bound meanwhile is 400 M_THREEPID_IN_USE after UIA', async () => {
    const mock = await startMock({ scenario: 'email' });
    const first = await mock.register({ username: 'bea', password: 'pw' });
    const { body } = await ask(mock, 'shared@example.org', 1, 'secret-b');
    await mock.call('GET', linkOf(mock));
    expect((await registerWithEmail(mock, 'ana', 'shared@example.org')).status).toBe(200);
    const reply = await mock.register({
      auth: emailAuth(body.sid, 'secret-b', first.body.session),
    });
    expect([reply.status, reply.body.errcode]).toEqual([400, 'M_THREEPID_IN_USE']);
  });
});

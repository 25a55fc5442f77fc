import { describe, expect, it } from 'vitest';
import { EMAIL_TOKEN_LIFETIME_MS } from '../model/email';
import { startMock, type Mock } from './harness';

/**
 * Synapse 1.94's email validation where the recording does not reach (synapse-1.94-email has the
 * rest, replayed in synapse-replay.test.ts).
 */
const ask = (mock: Mock, body: Record<string, unknown>) =>
  mock.call('POST', '/_matrix/client/v3/register/email/requestToken', {
    json: { client_secret: 'secret-1', email: 'ana@example.org', send_attempt: 1, ...body },
  });
const path = (link: string) => link.replace('http://localhost:8008', '');

describe("Synapse's email validation", () => {
  it('a token expires after an hour unless its session is already validated (registration.py validate_threepid_session)', async () => {
    const mock = await startMock({ scenario: 'email' });
    await ask(mock, {});
    const link = path(mock.state.inbox[0]?.link ?? '');
    mock.env.advance(EMAIL_TOKEN_LIFETIME_MS);
    expect((await mock.call('GET', link)).status).toBe(400);
    await ask(mock, { send_attempt: 2 });
    const fresh = path(mock.state.inbox[1]?.link ?? '');
    expect((await mock.call('GET', fresh)).status).toBe(200);
    mock.env.advance(EMAIL_TOKEN_LIFETIME_MS);
    expect((await mock.call('GET', fresh)).status).toBe(200);
  });

  it('next_link: 302 there with the sid appended; a link that is not http(s) is not followed', async () => {
    const mock = await startMock({ scenario: 'email' });
    const reply = await ask(mock, { next_link: 'https://app.example/done' });
    const followed = await mock.call('GET', path(mock.state.inbox[0]?.link ?? ''));
    expect(followed.status).toBe(302);
    expect(followed.headers.get('location')).toBe(`https://app.example/done?sid=${reply.body.sid}`);
    await ask(mock, { client_secret: 'secret-2', next_link: 'javascript:alert(1)' });
    const page = await mock.call('GET', path(mock.state.inbox[1]?.link ?? ''));
    expect(page.status).toBe(200);
  });

  it('the link: only GET (405 to POST without submit_url), each parameter required, as JSON errors', async () => {
    const mock = await startMock({ scenario: 'email' });
    await ask(mock, {});
    const link = path(mock.state.inbox[0]?.link ?? '');
    expect((await mock.call('POST', link, { json: {} })).status).toBe(405);
    const noToken = await mock.call('GET', link.replace(/token=[A-Za-z]+&?/, ''));
    expect([noToken.status, noToken.body.errcode]).toEqual([400, 'M_MISSING_PARAM']);
    const badSecret = await mock.call('GET', link.replace('client_secret=secret-1', 'client_secret=bad%20secret'));
    expect([badSecret.status, badSecret.body.errcode]).toEqual([400, 'M_INVALID_PARAM']);
  });

  it('allowedLocal3pids matches from the start of the canonical address, as re.match', async () => {
    const mock = await startMock({
      scenario: 'email',
      overrides: { allowedLocal3pids: [{ medium: 'email', pattern: '[^@]+@allowed\\.example' }] },
    });
    expect((await ask(mock, { email: 'Zoe@ALLOWED.example' })).status).toBe(200);
    // Not anchored at the end: a longer domain passes, as it would in Synapse.
    expect((await ask(mock, { email: 'zoe@allowed.example.org', client_secret: 's2' })).status).toBe(200);
    const other = await ask(mock, { email: 'zoe@other.example', client_secret: 's3' });
    expect([other.status, other.body.errcode]).toEqual([403, 'M_THREEPID_DENIED']);
    const msisdnOnly = await startMock({
      scenario: 'email',
      overrides: { allowedLocal3pids: [{ medium: 'msisdn', pattern: '.*' }] },
    });
    expect((await ask(msisdnOnly, {})).status).toBe(403);
  });

  it('the captcha verifier: the mock widget by default; a list of refused responses like the recording', async () => {
    const widget = await startMock({ scenario: 'captcha' });
    const first = await widget.register({ username: 'cora', password: 'pw' });
    const refused = await widget.register({
      auth: { type: 'm.login.recaptcha', response: 'anything', session: first.body.session },
    });
    expect(refused.body.errcode).toBe('M_UNAUTHORIZED');
    const recorded = await startMock({
      scenario: 'captcha',
      overrides: { captchaVerifier: { refuse: ['bad-captcha'] } },
    });
    const again = await recorded.register({ username: 'cora', password: 'pw' });
    const solved = await recorded.register({
      auth: { type: 'm.login.recaptcha', response: 'anything', session: again.body.session },
    });
    expect(solved.body.completed).toEqual(['m.login.recaptcha']);
  });

  it('signs in by a bound email address, case-folded (recorded: er.login_by_email)', async () => {
    const mock = await startMock({ scenario: 'email' });
    const first = await mock.register({ username: 'gina', password: 'Gina-pw-1234' });
    const reply = await ask(mock, { email: 'gina@example.org' });
    await mock.call('GET', path(mock.state.inbox[0]?.link ?? ''));
    await mock.register({
      auth: {
        type: 'm.login.email.identity',
        threepid_creds: { sid: reply.body.sid, client_secret: 'secret-1' },
        session: first.body.session,
      },
    });
    const signedIn = await mock.call('POST', '/_matrix/client/v3/login', {
      json: {
        type: 'm.login.password',
        identifier: { type: 'm.id.thirdparty', medium: 'email', address: 'GINA@example.ORG' },
        password: 'Gina-pw-1234',
      },
    });
    expect([signedIn.status, signedIn.body.user_id]).toEqual([200, '@gina:localhost:8008']);
    const threepids = await mock.call('GET', '/_matrix/client/v3/account/3pid', {
      headers: { authorization: `Bearer ${signedIn.body.access_token}` },
    });
    expect(threepids.body.threepids).toMatchObject([{ medium: 'email', address: 'gina@example.org' }]);
  });
});

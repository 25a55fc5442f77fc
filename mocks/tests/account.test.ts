import { describe, expect, it } from 'vitest';
import { startMock } from './harness';

const whoami = (mock: Awaited<ReturnType<typeof startMock>>, token?: string) =>
  mock.call('GET', '/_matrix/client/v3/account/whoami', {
    headers: token === undefined ? {} : { authorization: `Bearer ${token}` },
  });

describe('an access token at work: whoami and capabilities', () => {
  it('whoami names the account and device a sign-up just made', async () => {
    const mock = await startMock();
    const made = await mock.registerWithDummy('ana', 'pw', { device_id: 'ANAPHONE' });
    const reply = await whoami(mock, made.body.access_token);
    expect(reply.body).toEqual({ user_id: '@ana:localhost:8008', is_guest: false, device_id: 'ANAPHONE' });
  });

  it('answers 401 M_MISSING_TOKEN without a token and M_UNKNOWN_TOKEN (soft_logout false) for a wrong one', async () => {
    const mock = await startMock();
    const missing = await whoami(mock);
    expect([missing.status, missing.body.errcode]).toEqual([401, 'M_MISSING_TOKEN']);
    const wrong = await whoami(mock, 'nope');
    expect([wrong.status, wrong.body.errcode, wrong.body.soft_logout]).toEqual([401, 'M_UNKNOWN_TOKEN', false]);
  });

  it('an expired refreshable token is M_UNKNOWN_TOKEN with soft_logout true', async () => {
    const mock = await startMock();
    const made = await mock.registerWithDummy('ana', 'pw', { refresh_token: true });
    mock.env.advance(made.body.expires_in_ms);
    const reply = await whoami(mock, made.body.access_token);
    expect([reply.status, reply.body.errcode, reply.body.soft_logout]).toEqual([401, 'M_UNKNOWN_TOKEN', true]);
  });

  it('knows guests, and lists capabilities only with a token', async () => {
    const mock = await startMock({ scenario: 'guest' });
    const guest = await mock.register({}, '?kind=guest');
    expect((await whoami(mock, guest.body.access_token)).body.is_guest).toBe(true);
    const capabilities = await mock.call('GET', '/_matrix/client/v3/capabilities', {
      headers: { authorization: `Bearer ${guest.body.access_token}` },
    });
    expect(capabilities.body.capabilities).toMatchObject({ 'm.change_password': { enabled: false } });
    expect((await mock.call('GET', '/_matrix/client/v3/capabilities')).body.errcode).toBe('M_MISSING_TOKEN');
  });
});

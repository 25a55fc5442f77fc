import { describe, expect, it } from 'vitest';
import { MOCK_CAPTCHA_RESPONSE } from '../model/config';
import { startMock, type Mock } from './harness';

const seedRegister = (mock: Mock, json: unknown) =>
  mock.call('POST', '/_matrix/client/api/v2_alpha/register', { json });

describe('§13 the seed contract: /_matrix/client/api/v2_alpha/register', () => {
  it('registers with the 2015 answer: user_id, access_token, home_server and refresh_token', async () => {
    const mock = await startMock();
    const first = await seedRegister(mock, { username: 'cheeky_monkey', password: 'ilovebananas', bind_email: false });
    expect(first.status).toBe(401);
    // The seed's body requires `password`, so a 2015 client sent it on every round.
    const done = await seedRegister(mock, {
      password: 'ilovebananas',
      auth: { type: 'm.login.dummy', session: first.body.session },
    });
    expect(done.status).toBe(200);
    expect(Object.keys(done.body).sort()).toEqual(['access_token', 'home_server', 'refresh_token', 'user_id']);
    expect(done.body.user_id).toBe('@cheeky_monkey:localhost:8008');
  });

  it('requires the password on every request (400 M_MISSING_PARAM before UIA)', async () => {
    const mock = await startMock();
    const reply = await seedRegister(mock, { username: 'ana' });
    expect([reply.status, reply.body.errcode]).toEqual([400, 'M_MISSING_PARAM']);
    const first = await seedRegister(mock, { username: 'ana', password: 'pw' });
    const round = await seedRegister(mock, { auth: { type: 'm.login.dummy', session: first.body.session } });
    expect([round.status, round.body.errcode]).toEqual([400, 'M_MISSING_PARAM']);
  });

  it('honours bind_email by keeping it on the account, and wants it boolean', async () => {
    const mock = await startMock();
    const first = await seedRegister(mock, { username: 'ana', password: 'pw', bind_email: true });
    await seedRegister(mock, { password: 'pw', auth: { type: 'm.login.dummy', session: first.body.session } });
    expect(mock.homeserver.findAccount('ana')?.bindEmail).toBe(true);
    expect((await seedRegister(mock, { username: 'bea', password: 'pw', bind_email: 'yes' })).body.errcode).toBe(
      'M_BAD_JSON',
    );
  });

  it('answers M_USER_IN_USE and M_EXCLUSIVE with 400 before UIA, as the seed lists them', async () => {
    const mock = await startMock();
    expect((await seedRegister(mock, { username: 'alice', password: 'pw' })).body.errcode).toBe('M_USER_IN_USE');
    expect((await seedRegister(mock, { username: 'bridge-x', password: 'pw' })).body.errcode).toBe('M_EXCLUSIVE');
  });

  it('answers a failed stage with a plain error, as before r0.3.0', async () => {
    const mock = await startMock({ scenario: 'captcha' });
    const first = await seedRegister(mock, { username: 'ana', password: 'pw' });
    const wrong = await seedRegister(mock, {
      password: 'pw',
      auth: { type: 'm.login.recaptcha', response: 'guess', session: first.body.session },
    });
    expect(wrong.status).toBe(401);
    expect(wrong.body).toEqual({ errcode: 'M_UNAUTHORIZED', error: 'Captcha authentication failed' });
    const right = await seedRegister(mock, {
      password: 'pw',
      auth: { type: 'm.login.recaptcha', response: MOCK_CAPTCHA_RESPONSE, session: first.body.session },
    });
    expect(right.body.completed).toEqual(['m.login.recaptcha']);
  });

  it('the seed scenario serves only this path: v3, r0 and /versions are 404', async () => {
    const mock = await startMock({ scenario: 'seed' });
    expect((await mock.register({ username: 'ana', password: 'pw' })).status).toBe(404);
    expect((await mock.call('POST', '/_matrix/client/r0/register', { json: {} })).status).toBe(404);
    expect((await mock.call('GET', '/_matrix/client/versions')).status).toBe(404);
    expect((await seedRegister(mock, { username: 'ana', password: 'pw' })).status).toBe(401);
  });
});

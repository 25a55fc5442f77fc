import { describe, expect, it } from 'vitest';
import { startMock, type Mock } from './harness';

const WHOAMI = '/_matrix/client/v3/account/whoami';

async function loginAs(mock: Mock, device: string): Promise<string> {
  const reply = await mock.call('POST', '/_matrix/client/v3/login', {
    json: { type: 'm.login.password', user: 'alice', password: 'alice-password', device_id: device },
  });
  expect(reply.status).toBe(200);
  return reply.body.access_token;
}

const bearer = (token: string) => ({ headers: { authorization: `Bearer ${token}` } });

describe('POST /logout (Synapse v1.94.0 synapse/rest/client/logout.py)', () => {
  it('ends the token and its device only; the same token then gets 401 M_UNKNOWN_TOKEN', async () => {
    const mock = await startMock();
    const [phone, laptop] = [await loginAs(mock, 'PHONE'), await loginAs(mock, 'LAPTOP')];
    const reply = await mock.call('POST', '/_matrix/client/v3/logout', { json: {}, ...bearer(phone) });
    expect([reply.status, reply.body]).toEqual([200, {}]);
    const after = await mock.call('GET', WHOAMI, bearer(phone));
    expect([after.status, after.body.errcode]).toEqual([401, 'M_UNKNOWN_TOKEN']);
    expect((await mock.call('GET', WHOAMI, bearer(laptop))).status).toBe(200);
    expect(mock.state.devices.filter((device) => device.userId.startsWith('@alice:')).map((d) => d.deviceId)).toEqual([
      'LAPTOP',
    ]);
  });

  it('/logout/all ends every token and device of the user', async () => {
    const mock = await startMock();
    const [phone, laptop] = [await loginAs(mock, 'PHONE'), await loginAs(mock, 'LAPTOP')];
    expect((await mock.call('POST', '/_matrix/client/v3/logout/all', { json: {}, ...bearer(phone) })).status).toBe(200);
    for (const token of [phone, laptop]) expect((await mock.call('GET', WHOAMI, bearer(token))).status).toBe(401);
    expect(mock.state.devices.filter((device) => device.userId.startsWith('@alice:'))).toEqual([]);
  });

  it('wants a token (401 M_MISSING_TOKEN) and a known one (401 M_UNKNOWN_TOKEN)', async () => {
    const mock = await startMock();
    const missing = await mock.call('POST', '/_matrix/client/v3/logout', { json: {} });
    expect([missing.status, missing.body.errcode]).toEqual([401, 'M_MISSING_TOKEN']);
    const unknown = await mock.call('POST', '/_matrix/client/v3/logout', { json: {}, ...bearer('nope') });
    expect([unknown.status, unknown.body.errcode]).toEqual([401, 'M_UNKNOWN_TOKEN']);
  });

  it('logs out an expired token too (allow_expired=True, logout.py:43-45)', async () => {
    const mock = await startMock();
    const token = await loginAs(mock, 'PHONE');
    const record = mock.state.accessTokens[token];
    if (!record) throw new Error('no token record');
    record.expiresAt = 0;
    expect((await mock.call('GET', WHOAMI, bearer(token))).status).toBe(401);
    expect((await mock.call('POST', '/_matrix/client/v3/logout', { json: {}, ...bearer(token) })).status).toBe(200);
    expect(mock.state.accessTokens[token]).toBeUndefined();
  });

  it('is not routed when the accounts are delegated to MAS (logout.py:87-88)', async () => {
    const mock = await startMock({ scenario: 'oidc' });
    const reply = await mock.call('POST', '/_matrix/client/v3/logout', { json: {}, ...bearer('anything') });
    expect([reply.status, reply.body.errcode]).toEqual([404, 'M_UNRECOGNIZED']);
  });
});

import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../model/config';
import { scenarios } from '../model/scenarios';
import { startMock } from './harness';

describe('scenarios', () => {
  it.each(Object.keys(scenarios) as (keyof typeof scenarios)[])(
    '%s is a valid config with alice, bob, the admin and the bridge namespace',
    async (scenario) => {
      const mock = await startMock({ scenario });
      const { config } = mock.homeserver;
      expect(config.existingUsers.map(([name]) => name)).toEqual(['alice', 'bob', 'admin']);
      expect(config.admins).toEqual(['admin']);
      expect(mock.homeserver.findAccount('alice')).toBeDefined();
      expect(mock.homeserver.isExclusive('@bridge-x:localhost:8008')).toBe(true);
    },
  );

  it('disabled: 403 M_FORBIDDEN', async () => {
    const reply = await (await startMock({ scenario: 'disabled' })).register({});
    expect([reply.status, reply.body.errcode]).toEqual([403, 'M_FORBIDDEN']);
  });

  it('slow: every answer waits responseDelayMs', async () => {
    expect(resolveConfig(scenarios.slow.config).responseDelayMs).toBe(1500);
    const mock = await startMock({ overrides: { responseDelayMs: 60 } });
    const started = performance.now();
    await mock.call('GET', '/_matrix/client/versions');
    expect(performance.now() - started).toBeGreaterThanOrEqual(55);
  });

  it('broken: 502 with HTML for sign-up, non-JSON for availability, 500 JSON for the validity check', async () => {
    const mock = await startMock({ scenario: 'broken' });
    const register = await mock.register({});
    expect(register.status).toBe(502);
    expect(register.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const available = await mock.call('GET', '/_matrix/client/v3/register/available?username=ana');
    expect([available.status, available.text]).toEqual([200, 'OK']);
    const validity = await mock.call('GET', '/_matrix/client/v1/register/m.login.registration_token/validity?token=x');
    expect([validity.status, validity.body.errcode]).toEqual([500, 'M_UNKNOWN']);
    expect((await mock.call('GET', '/_matrix/client/versions')).status).toBe(200);
  });

  it('rejects a config with an unknown knob or a wrong type, readably', () => {
    expect(() => resolveConfig({ enableRegistrations: true })).toThrow(/enableRegistrations/);
    expect(() => resolveConfig({ serverName: 42 })).toThrow(/serverName/);
  });
});

describe('/_mock endpoints', () => {
  it('lists the scenarios and switches between them, keeping the accounts', async () => {
    const mock = await startMock();
    expect((await mock.call('GET', '/_mock')).body.scenario).toBe('open');
    await mock.registerWithDummy('ana');
    const switched = await mock.call('POST', '/_mock/scenario', { json: { name: 'token' } });
    expect(switched.body.scenario).toBe('token');
    expect((await mock.register({})).body.flows).toEqual([{ stages: ['m.login.registration_token', 'm.login.dummy'] }]);
    expect(mock.homeserver.findAccount('ana')).toBeDefined();
    expect((await mock.call('POST', '/_mock/scenario', { json: { name: 'nope' } })).status).toBe(400);
  });

  it('shows the accounts without any secret, and the inbox newest first', async () => {
    const mock = await startMock({ scenario: 'email' });
    await mock.call('POST', '/_matrix/client/v3/register/email/requestToken', {
      json: { client_secret: 's', email: 'a@example.org', send_attempt: 1 },
    });
    await mock.call('POST', '/_matrix/client/v3/register/email/requestToken', {
      json: { client_secret: 's', email: 'b@example.org', send_attempt: 1 },
    });
    const inbox = await mock.call('GET', '/_mock/inbox');
    expect(inbox.body.messages.map((message: { to: string }) => message.to)).toEqual([
      'b@example.org',
      'a@example.org',
    ]);
    const accounts = await mock.call('GET', '/_mock/accounts');
    expect(accounts.body.accounts.map((account: { user_id: string }) => account.user_id)).toEqual([
      '@alice:localhost:8008',
      '@bob:localhost:8008',
      '@admin:localhost:8008',
    ]);
    expect(accounts.text).not.toMatch(/password|hash/i);
  });

  it('resets to a fresh server: accounts, mail and an unused forced error are gone', async () => {
    const mock = await startMock();
    await mock.registerWithDummy('ana');
    await mock.call('POST', '/_mock/next-error', { json: { errcode: 'M_FORBIDDEN', status: 403 } });
    expect((await mock.call('POST', '/_mock/reset', { json: {} })).status).toBe(200);
    expect(mock.homeserver.findAccount('ana')).toBeUndefined();
    expect((await mock.register({ username: 'ana', password: 'pw' })).status).toBe(401);
  });

  it('forces the next answer of an endpoint to any errcode, once', async () => {
    const mock = await startMock();
    await mock.call('POST', '/_mock/next-error', {
      json: { errcode: 'M_RESOURCE_LIMIT_EXCEEDED', status: 403, extra: { admin_contact: 'mailto:a@example.org' } },
    });
    const forced = await mock.register({ username: 'ana', password: 'pw' });
    expect(forced.status).toBe(403);
    expect(forced.body).toMatchObject({ errcode: 'M_RESOURCE_LIMIT_EXCEEDED', admin_contact: 'mailto:a@example.org' });
    expect((await mock.register({ username: 'ana', password: 'pw' })).status).toBe(401);
    await mock.call('POST', '/_mock/next-error', {
      json: { endpoint: 'available', errcode: 'M_LIMIT_EXCEEDED', status: 429, extra: { retry_after_ms: 3000 } },
    });
    const limited = await mock.call('GET', '/_matrix/client/v3/register/available?username=x');
    expect([limited.status, limited.headers.get('retry-after')]).toEqual([429, '3']);
    expect((await mock.call('POST', '/_mock/next-error', { json: { status: 'x' } })).status).toBe(400);
    const misspelt = await mock.call('POST', '/_mock/next-error', {
      json: { endpoint: 'regsiter', errcode: 'M_FORBIDDEN', status: 403 },
    });
    expect([misspelt.status, misspelt.body.errcode]).toEqual([400, 'M_INVALID_PARAM']);
    expect(misspelt.body.error).toContain('register');
    expect((await mock.register({ username: 'ana', password: 'pw' })).status).toBe(401);
  });

  it('resets to a fresh homeserver, optionally in another scenario', async () => {
    const mock = await startMock();
    await mock.registerWithDummy('ana');
    const reset = await mock.call('POST', '/_mock/reset', { json: { name: 'captcha' } });
    expect(reset.body.scenario).toBe('captcha');
    expect(mock.homeserver.findAccount('ana')).toBeUndefined();
    expect(mock.homeserver.findAccount('alice')).toBeDefined();
  });
});

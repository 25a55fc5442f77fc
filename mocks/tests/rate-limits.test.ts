import { describe, expect, it } from 'vitest';
import { startMock } from './harness';

describe('§5.6 registration rate limit (rate-limited scenario: burst 2, then one per 10 s)', () => {
  it('counts only accounts created: 401s and errors are free', async () => {
    const mock = await startMock({ scenario: 'rate-limited' });
    for (let i = 0; i < 5; i++)
      expect((await mock.register({ username: `free${i}`, password: 'pw' })).status).toBe(401);
    expect((await mock.register({ username: 'alice', password: 'pw' })).status).toBe(400);
    expect((await mock.registerWithDummy('ana')).status).toBe(200);
    expect((await mock.registerWithDummy('bea')).status).toBe(200);
  });

  it('§10 then answers 429 M_LIMIT_EXCEEDED with retry_after_ms and Retry-After, and lets one through after the wait', async () => {
    const mock = await startMock({ scenario: 'rate-limited' });
    await mock.registerWithDummy('ana');
    await mock.registerWithDummy('bea');
    const limited = await mock.register({ username: 'cai', password: 'pw' });
    expect(limited.status).toBe(429);
    expect(limited.body).toEqual({ errcode: 'M_LIMIT_EXCEEDED', error: 'Too Many Requests', retry_after_ms: 10_000 });
    expect(limited.headers.get('retry-after')).toBe('10');
    mock.env.advance(4_000);
    expect((await mock.register({ username: 'cai', password: 'pw' })).body.retry_after_ms).toBe(6_000);
    // Whole milliseconds, cut down as Synapse's int() does (5999.5 is 5999), with the header rounded up.
    mock.env.advance(0.5);
    const part = await mock.register({ username: 'cai', password: 'pw' });
    expect([part.body.retry_after_ms, part.headers.get('retry-after')]).toEqual([5_999, '6']);
    mock.env.advance(5_999.5);
    expect((await mock.registerWithDummy('cai')).status).toBe(200);
    expect((await mock.register({ username: 'dee', password: 'pw' })).status).toBe(429);
  });

  it('keeps a bucket per client address', async () => {
    const mock = await startMock({ scenario: 'rate-limited' });
    await mock.registerWithDummy('ana');
    await mock.registerWithDummy('bea');
    expect((await mock.register({ username: 'cai' })).status).toBe(429);
    expect((await mock.register({ username: 'cai' }, '', { 'x-forwarded-for': '10.1.2.3' })).status).toBe(401);
  });

  it('refuses a pending session at the start check while the bucket is full; the same round works after the wait', async () => {
    const mock = await startMock({ scenario: 'rate-limited' });
    const first = await mock.register({ username: 'cai', password: 'pw' });
    await mock.registerWithDummy('ana');
    await mock.registerWithDummy('bea');
    const dummy = { type: 'm.login.dummy', session: first.body.session };
    expect((await mock.register({ auth: dummy })).status).toBe(429);
    mock.env.advance(10_000);
    expect((await mock.register({ auth: dummy })).body.user_id).toBe('@cai:localhost:8008');
  });

  it('counts guests too', async () => {
    const mock = await startMock({ scenario: 'rate-limited', overrides: { allowGuests: true } });
    await mock.register({}, '?kind=guest');
    await mock.register({}, '?kind=guest');
    expect((await mock.register({}, '?kind=guest')).status).toBe(429);
  });

  it('never lets a bucket count go negative', async () => {
    const mock = await startMock({ scenario: 'rate-limited' });
    await mock.registerWithDummy('ana');
    mock.env.advance(3_600_000);
    await mock.registerWithDummy('bea');
    for (const buckets of Object.values(mock.state.rateLimits)) {
      for (const bucket of Object.values(buckets)) expect(bucket.count).toBeGreaterThanOrEqual(0);
    }
  });
});

import { describe, expect, it } from 'vitest';
import { startMock } from './harness';

const available = (mock: Awaited<ReturnType<typeof startMock>>, username: string) =>
  mock.call('GET', `/_matrix/client/v3/register/available?username=${encodeURIComponent(username)}`);

describe('§5.2 check_username, in order', () => {
  it.each([
    ['ana!', 'M_INVALID_USERNAME'],
    ['ana ana', 'M_INVALID_USERNAME'],
    ['anä', 'M_INVALID_USERNAME'],
    ['', 'M_INVALID_USERNAME'],
    ['_ana', 'M_INVALID_USERNAME'],
    ['bridge-ana', 'M_EXCLUSIVE'],
    ['alice', 'M_USER_IN_USE'],
    ['ALICE', 'M_USER_IN_USE'],
    ['12345', 'M_INVALID_USERNAME'],
  ])('POST /register with %j answers 400 %s before any 401', async (username, errcode) => {
    const mock = await startMock();
    const reply = await mock.register({ username, password: 'pw' });
    expect([reply.status, reply.body.errcode]).toEqual([400, errcode]);
  });

  it('finds existing accounts case-insensitively: a legacy @Legacy blocks legacy', async () => {
    const mock = await startMock({ overrides: { existingUsers: [['Legacy', 'pw']] } });
    expect(mock.homeserver.findAccount('legacy')?.userId).toBe('@Legacy:localhost:8008');
    expect((await mock.register({ username: 'legacy', password: 'pw' })).body.errcode).toBe('M_USER_IN_USE');
    expect((await available(mock, 'legacy')).body.errcode).toBe('M_USER_IN_USE');
  });

  it('allows `+` (Matrix 1.8) and the rest of the grammar', async () => {
    const mock = await startMock();
    expect((await mock.registerWithDummy('ana+work=1_./-x')).body.user_id).toBe('@ana+work=1_./-x:localhost:8008');
  });

  it('allows a leading underscore when the server allows it', async () => {
    const mock = await startMock({ overrides: { allowUnderscorePrefix: true } });
    expect((await mock.registerWithDummy('_ana')).status).toBe(200);
  });

  it('limits the whole user ID to 255 bytes: 239 characters fit beside ":localhost:8008", 240 do not', async () => {
    const mock = await startMock();
    expect((await mock.registerWithDummy('a'.repeat(239))).status).toBe(200);
    expect((await mock.register({ username: 'b'.repeat(240) })).body.errcode).toBe('M_INVALID_USERNAME');
  });

  it('reports a taken all-digit name as M_USER_IN_USE, not as reserved for guests', async () => {
    const mock = await startMock({ scenario: 'guest' });
    await mock.register({}, '?kind=guest');
    expect((await mock.register({ username: '1' })).body.errcode).toBe('M_USER_IN_USE');
  });

  it('checks the exclusive namespace before the length', async () => {
    const mock = await startMock();
    expect((await mock.register({ username: `bridge-${'x'.repeat(300)}` })).body.errcode).toBe('M_EXCLUSIVE');
  });
});

describe('§6 GET /register/available', () => {
  it('answers {available: true} for a free name, and does not reserve it', async () => {
    const mock = await startMock();
    expect((await available(mock, 'ana')).body).toEqual({ available: true });
    expect(mock.homeserver.findAccount('ana')).toBeUndefined();
  });

  it('does not lower-case: Alice is invalid here though POST /register would take it as alice', async () => {
    const mock = await startMock();
    expect((await available(mock, 'Ana')).body.errcode).toBe('M_INVALID_USERNAME');
  });

  it.each([
    ['alice', 400, 'M_USER_IN_USE'],
    ['bridge-x', 400, 'M_EXCLUSIVE'],
    ['a!', 400, 'M_INVALID_USERNAME'],
  ])('answers %s with %i %s', async (username, status, errcode) => {
    const reply = await available(await startMock(), username);
    expect([reply.status, reply.body.errcode]).toEqual([status, errcode]);
  });

  it('is throttled per client (429)', async () => {
    const mock = await startMock({ scenario: 'rate-limited' });
    for (let i = 0; i < 10; i++) expect((await available(mock, `name${i}`)).status).toBe(200);
    const limited = await available(mock, 'one-more');
    expect([limited.status, limited.body.errcode]).toEqual([429, 'M_LIMIT_EXCEEDED']);
  });

  it('counts the 255-byte limit on the whole user ID, as POST /register does', async () => {
    // `@` + 245 + `:localhost:8008` (15) = 261; 239 makes exactly 255.
    const mock = await startMock();
    expect((await available(mock, 'x'.repeat(239))).body).toEqual({ available: true });
    expect((await available(mock, 'x'.repeat(240))).body.errcode).toBe('M_INVALID_USERNAME');
  });

  it('refuses a name that is not ASCII before judging it: 400 M_UNKNOWN (Synapse parses the parameter as ASCII)', async () => {
    const reply = await available(await startMock(), 'josé');
    expect([reply.status, reply.body.errcode]).toEqual([400, 'M_UNKNOWN']);
  });

  it('wants a username (400 M_MISSING_PARAM), and is 403 when registration is disabled', async () => {
    const missing = await (await startMock()).call('GET', '/_matrix/client/v3/register/available');
    expect([missing.status, missing.body.errcode]).toEqual([400, 'M_MISSING_PARAM']);
    const disabled = await available(await startMock({ scenario: 'disabled' }), 'ana');
    expect([disabled.status, disabled.body.errcode]).toEqual([403, 'M_FORBIDDEN']);
  });
});

describe('§3 malformed bodies (M_NOT_JSON, M_BAD_JSON), and nothing changes', () => {
  it.each([
    ['invalid JSON', '{"username": '],
    ['an empty body', ''],
    ['NaN', '{"username": NaN}'],
    ['Infinity', '{"n": Infinity}'],
    ['a trailing comma', '{"a": 1,}'],
  ])('%s is 400 M_NOT_JSON', async (_, raw) => {
    const mock = await startMock();
    const before = JSON.stringify(mock.state);
    const reply = await mock.call('POST', '/_matrix/client/v3/register', { raw });
    expect([reply.status, reply.body.errcode]).toEqual([400, 'M_NOT_JSON']);
    expect(JSON.stringify(mock.state)).toBe(before);
  });

  it('invalid UTF-8 is 400 M_NOT_JSON (decoded strictly)', async () => {
    const mock = await startMock();
    const bytes = new Uint8Array([0x7b, 0x22, 0x75, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]); // {"u":"\xff\xfe"}
    const reply = await mock.call('POST', '/_matrix/client/v3/register', { raw: bytes });
    expect(reply.body.errcode).toBe('M_NOT_JSON');
  });

  it.each([['[]'], ['"x"'], ['1'], ['null'], ['true']])('%s is 400 M_BAD_JSON', async (raw) => {
    const reply = await (await startMock()).call('POST', '/_matrix/client/v3/register', { raw });
    expect([reply.status, reply.body.errcode, reply.body.error]).toEqual([
      400,
      'M_BAD_JSON',
      'Content must be a JSON object.',
    ]);
  });

  it('a body over 64 KiB is 413 M_TOO_LARGE', async () => {
    const reply = await (await startMock()).register({ username: 'ana', filler: 'x'.repeat(70_000) });
    expect([reply.status, reply.body.errcode]).toEqual([413, 'M_TOO_LARGE']);
  });
});

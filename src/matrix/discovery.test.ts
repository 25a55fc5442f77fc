import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { discoverHomeserver, DiscoveryError, ownNameFits, type DiscoveryProblem } from './discovery';
import { startMockHomeserver } from '../test/mock-homeserver';
import { choosePrefix } from './versions';
import { decodeError } from './decode-error';
import { TransportError } from './errors';

const mock = await startMockHomeserver();

async function problemOf(input: string): Promise<DiscoveryProblem> {
  try {
    await discoverHomeserver(input);
  } catch (error) {
    if (error instanceof DiscoveryError) return error.problem;
    throw error;
  }
  throw new Error('discovery succeeded');
}

describe('discoverHomeserver', () => {
  it('follows well-known from a server name to its base URL, and picks v3', async () => {
    const server = await discoverHomeserver('example.org');
    expect(server).toMatchObject({
      serverName: 'example.org',
      baseUrl: 'http://localhost:8008',
      prefix: '/_matrix/client/v3',
    });
  });

  it('knows the user-ID domain of a typed name, and asks an address for its own name', async () => {
    expect((await discoverHomeserver('example.org')).userIdDomain).toBe('example.org');
    mock.controller.homeserver.config = { ...mock.controller.homeserver.config, serverName: 'real.example' };
    expect((await discoverHomeserver('http://localhost:8008')).userIdDomain).toBe('real.example');
  });

  it('does not guess the user-ID domain of an address that will not say', async () => {
    mock.server.use(
      http.get('http://localhost:8008/_matrix/key/v2/server', () => new HttpResponse('nope', { status: 404 })),
    );
    const server = await discoverHomeserver('http://localhost:8008');
    expect(server.serverName).toBe('localhost:8008');
    expect(server.userIdDomain).toBeUndefined();
  });

  it('uses plain http only for loopback names', async () => {
    mock.server.use(
      http.get('http://localhost:8008/.well-known/matrix/client', () =>
        HttpResponse.json({ 'm.homeserver': { base_url: 'http://localhost:8008/' } }),
      ),
    );
    expect((await discoverHomeserver('localhost:8008')).baseUrl).toBe('http://localhost:8008');
  });

  it('IGNORE: a 404 well-known means the name itself is the server', async () => {
    mock.server.use(
      http.get('https://example.org/.well-known/matrix/client', () => new HttpResponse('no', { status: 404 })),
    );
    expect((await discoverHomeserver('example.org')).baseUrl).toBe('https://example.org');
  });

  it('IGNORE: the name typed may be only the host, so what the server says of its name wins', async () => {
    mock.server.use(
      http.get('http://127.0.0.1:18448/.well-known/matrix/client', () => new HttpResponse('no', { status: 404 })),
      http.get('http://127.0.0.1:18448/_matrix/client/versions', () => HttpResponse.json({ versions: ['v1.11'] })),
      http.get('http://127.0.0.1:18448/_matrix/key/v2/server', () => HttpResponse.json({ server_name: 'localhost' })),
    );
    const server = await discoverHomeserver('127.0.0.1:18448');
    expect(server).toMatchObject({ baseUrl: 'http://127.0.0.1:18448', serverName: '127.0.0.1:18448' });
    expect(server.userIdDomain).toBe('localhost');
  });

  it('IGNORE: a name the server claims that does not fit what was typed is not shown', async () => {
    mock.server.use(
      http.get('https://example.org/.well-known/matrix/client', () => new HttpResponse('no', { status: 404 })),
      http.get('https://example.org/_matrix/key/v2/server', () => HttpResponse.json({ server_name: 'matrix.org' })),
    );
    expect((await discoverHomeserver('example.org')).userIdDomain).toBe('example.org');
  });

  it('an address whose server claims a name that does not fit gets no preview domain at all', async () => {
    mock.server.use(
      http.get('https://chat.example/_matrix/client/versions', () => HttpResponse.json({ versions: ['v1.11'] })),
      http.get('https://chat.example/_matrix/key/v2/server', () => HttpResponse.json({ server_name: 'matrix.org' })),
    );
    expect((await discoverHomeserver('https://chat.example')).userIdDomain).toBeUndefined();
  });

  it.each([
    ['example.org', 'example.org', true],
    ['matrix.example.org', 'example.org', true],
    ['matrix.example.org:8448', 'Example.org:443', true],
    ['127.0.0.1:18448', 'localhost', true],
    ['localhost:8008', 'anything.test', true],
    ['chat.example', 'matrix.org', false],
    ['example.org', 'matrix.example.org', false],
    ['badexample.org', 'example.org', false],
    ['matrix.example.org', 'org', false],
  ])('ownNameFits(%s, %s) is %s', (typed, said, fits) => {
    expect(ownNameFits(typed, said)).toBe(fits);
  });

  it('IGNORE: a server that will not say its name keeps the name typed', async () => {
    mock.server.use(
      http.get('https://example.org/.well-known/matrix/client', () => new HttpResponse('no', { status: 404 })),
      http.get('https://example.org/_matrix/key/v2/server', () => new HttpResponse('no', { status: 404 })),
    );
    expect((await discoverHomeserver('example.org')).userIdDomain).toBe('example.org');
  });

  it('IGNORE: an unreachable well-known also falls back to the name', async () => {
    mock.server.use(http.get('https://example.org/.well-known/matrix/client', () => HttpResponse.error()));
    expect((await discoverHomeserver('example.org')).baseUrl).toBe('https://example.org');
  });

  it('takes a URL as given, without well-known, and drops trailing slashes', async () => {
    mock.server.use(
      http.get('*/.well-known/matrix/client', () =>
        HttpResponse.json({ 'm.homeserver': { base_url: 'https://elsewhere.example' } }),
      ),
    );
    const server = await discoverHomeserver('https://matrix.example.org/');
    expect(server).toMatchObject({ baseUrl: 'https://matrix.example.org', serverName: 'matrix.example.org' });
  });

  it.each([
    ['a 403', () => HttpResponse.json({ errcode: 'M_FORBIDDEN', error: 'x' }, { status: 403 }), 'well-known-status'],
    ['a body that is not JSON', () => new HttpResponse('<html>', { status: 200 }), 'well-known-invalid'],
    ['no m.homeserver', () => HttpResponse.json({ 'm.identity_server': {} }), 'well-known-invalid'],
    [
      'a base_url that is not a string',
      () => HttpResponse.json({ 'm.homeserver': { base_url: 42 } }),
      'well-known-invalid',
    ],
  ])('FAIL_PROMPT: well-known with %s', async (_, answer, reason) => {
    mock.server.use(http.get('https://example.org/.well-known/matrix/client', answer));
    expect(await problemOf('example.org')).toMatchObject({ state: 'FAIL_PROMPT', reason });
  });

  it.each([['javascript:alert(1)'], ['data:text/html,hi'], ['not a url']])(
    'FAIL_ERROR: base_url %j',
    async (baseUrl) => {
      mock.server.use(
        http.get('https://example.org/.well-known/matrix/client', () =>
          HttpResponse.json({ 'm.homeserver': { base_url: baseUrl } }),
        ),
      );
      expect(await problemOf('example.org')).toEqual({ state: 'FAIL_ERROR', reason: 'invalid-base-url' });
    },
  );

  it('FAIL_ERROR: plain http to another machine, typed or from well-known, without asking it anything', async () => {
    let asked = false;
    mock.server.use(
      http.get('http://insecure.example/*', () => {
        asked = true;
        return HttpResponse.json({ versions: ['v1.16'] });
      }),
      http.get('https://example.org/.well-known/matrix/client', () =>
        HttpResponse.json({ 'm.homeserver': { base_url: 'http://insecure.example' } }),
      ),
    );
    expect(await problemOf('http://insecure.example')).toEqual({ state: 'FAIL_ERROR', reason: 'insecure' });
    expect(await problemOf('example.org')).toEqual({ state: 'FAIL_ERROR', reason: 'insecure' });
    expect(asked).toBe(false);
  });

  it('FAIL_ERROR: a base URL whose /versions is not a versions object, or does not answer', async () => {
    mock.server.use(http.get('*/_matrix/client/versions', () => HttpResponse.json({ hello: 'world' })));
    expect(await problemOf('example.org')).toMatchObject({ state: 'FAIL_ERROR', reason: 'not-a-matrix-server' });
    mock.server.use(http.get('*/_matrix/client/versions', () => HttpResponse.error()));
    expect(await problemOf('example.org')).toMatchObject({ state: 'FAIL_ERROR', reason: 'unreachable' });
  });

  it('refuses input that is neither a server name nor an http(s) URL', async () => {
    expect(await problemOf('not a server!')).toEqual({ state: 'INVALID_INPUT' });
    expect(await problemOf('ftp://example.org')).toEqual({ state: 'INVALID_INPUT' });
  });

  it('notes an OAuth issuer announced in well-known', async () => {
    await mock.reset('oidc');
    expect(await discoverHomeserver('example.org')).toMatchObject({ oauthIssuer: 'http://localhost:8008/oauth2/' });
  });

  it("falls back to the seed's v2_alpha when /versions is a Matrix 404 (the seed scenario)", async () => {
    await mock.reset('seed');
    expect((await discoverHomeserver('example.org')).prefix).toBe('/_matrix/client/api/v2_alpha');
  });

  it('stops when the caller aborts', async () => {
    const controller = new AbortController();
    const pending = discoverHomeserver('example.org', controller.signal);
    controller.abort(new Error('typed on'));
    await expect(pending).rejects.toThrow('typed on');
  });
});

describe('a server having trouble right now (5xx)', () => {
  const proxyPage = (status: number) => () =>
    new HttpResponse(`<html><body><h1>${status} Bad Gateway</h1><hr>nginx</body></html>`, {
      status,
      headers: { 'Content-Type': 'text/html' },
    });
  // Synapse's own 500 (`M_UNKNOWN`), a proxy's HTML page, and a proxy's JSON that is no Matrix error.
  const answers = [
    [
      'a Matrix 500',
      () => HttpResponse.json({ errcode: 'M_UNKNOWN', error: 'Internal server error' }, { status: 500 }),
    ],
    ['an HTML 502', proxyPage(502)],
    ['an HTML 503', proxyPage(503)],
    ['a JSON 504 from a proxy', () => HttpResponse.json({ message: 'Gateway Timeout' }, { status: 504 })],
  ] as const;

  async function failureOf(input: string): Promise<unknown> {
    try {
      await discoverHomeserver(input);
    } catch (error) {
      return error;
    }
    throw new Error('discovery succeeded');
  }

  it.each(answers)('%s at /versions: the server is having trouble, try again', async (_, answer) => {
    mock.server.use(http.get('https://matrix.example/_matrix/client/versions', answer));
    const failure = await failureOf('https://matrix.example');
    expect(failure).toBeInstanceOf(TransportError);
    expect(decodeError(failure)).toMatchObject({ code: 'transport:server', retryable: true });
  });

  it.each(answers)('%s at the well-known: the same, not "broken discovery file"', async (_, answer) => {
    mock.server.use(http.get('https://example.org/.well-known/matrix/client', answer));
    const failure = await failureOf('example.org');
    expect(decodeError(failure)).toMatchObject({ code: 'transport:server', retryable: true });
  });

  it('a server name whose own host fails with a 5xx (no well-known) is having trouble too', async () => {
    mock.server.use(
      http.get('https://example.org/.well-known/matrix/client', () => new HttpResponse('no', { status: 404 })),
      http.get('https://example.org/_matrix/client/versions', proxyPage(502)),
    );
    expect(decodeError(await failureOf('example.org'))).toMatchObject({ code: 'transport:server', status: 502 });
  });

  it('a readable 404 page at /versions is still no Matrix server', async () => {
    mock.server.use(
      http.get('https://matrix.example/_matrix/client/versions', () => new HttpResponse('<html>', { status: 404 })),
    );
    expect(await problemOf('https://matrix.example')).toMatchObject({ reason: 'not-a-matrix-server' });
  });
});

describe('choosePrefix', () => {
  it.each([
    [['r0.6.1', 'v1.1', 'v1.16'], '/_matrix/client/v3'],
    [['r0.0.1', 'r0.6.1'], '/_matrix/client/r0'],
    [[], '/_matrix/client/api/v2_alpha'],
    [['v2_alpha'], '/_matrix/client/api/v2_alpha'],
  ])('%j -> %s', (versions, prefix) => {
    expect(choosePrefix(versions)).toBe(prefix);
  });
});

describe('requestJson limits', () => {
  it('gives up after the timeout with a timeout error', async () => {
    const { requestJson } = await import('./http');
    mock.server.use(http.get('https://slow.example/x', () => new Promise<never>(() => undefined)));
    await expect(requestJson('https://slow.example/x', { timeoutMs: 50 })).rejects.toMatchObject({
      failure: 'timeout',
    });
  });

  it('refuses an answer over 1 MiB as too large instead of reading it all', async () => {
    const { requestJson } = await import('./http');
    mock.server.use(http.get('https://huge.example/x', () => new HttpResponse(`"${'x'.repeat(2 * 1024 * 1024)}"`)));
    await expect(requestJson('https://huge.example/x')).rejects.toMatchObject({ failure: 'too-large' });
  });
});

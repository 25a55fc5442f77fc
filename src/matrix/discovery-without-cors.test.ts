import { beforeEach, describe, expect, it, vi } from 'vitest';
import { decodeError } from './decode-error';
import { discoverHomeserver } from './discovery';
import { TransportError } from './errors';
import { requestJson, type MatrixResponse } from './http';
import { probeWithoutCors, verdictOf, type NoCorsEvidence } from './no-cors-probe';

// A browser's CORS refusal cannot happen in Node (MSW answers every request), so the transport is
// played here: addresses under `nocors` answer "cors" as `explainFetchFailure` reports it in a page,
// and the probe's evidence is what a test gives (e2e/server-kinds.production.spec.ts runs the real one).
vi.mock('./http', () => ({ requestJson: vi.fn() }));
vi.mock('./no-cors-probe', async (importOriginal) => ({
  ...(await importOriginal<typeof import('./no-cors-probe')>()),
  probeWithoutCors: vi.fn(),
}));

const transport = vi.mocked(requestJson);
const probe = vi.mocked(probeWithoutCors);

/** The page's code for a failed discovery: what decides the sentence it shows. */
async function codeOf(input: string): Promise<string> {
  try {
    await discoverHomeserver(input);
  } catch (error) {
    return decodeError(error).code;
  }
  throw new Error('discovery succeeded');
}

const json = (body: unknown, status = 200): MatrixResponse => ({ status, headers: new Headers(), body });

/** `example.org`'s well-known, answered as given; every other address at `nocors.example` is CORS-less. */
function serve(wellKnown: 'none' | 'cors' | { base: string }) {
  transport.mockImplementation((url) => {
    if (url === 'https://example.org/.well-known/matrix/client') {
      if (wellKnown === 'cors') return Promise.reject(new TransportError('cors'));
      return Promise.resolve(
        wellKnown === 'none' ? json({}, 404) : json({ 'm.homeserver': { base_url: wellKnown.base } }),
      );
    }
    const cors = url.includes('nocors') || url.startsWith('https://example.org/');
    return Promise.reject(new TransportError(cors ? 'cors' : 'network'));
  });
}

const evidence = (versions: string, unknownPath: string, root: string, wellKnown?: string) =>
  ({ versions, unknownPath, root, ...(wellKnown ? { wellKnown } : {}) }) as NoCorsEvidence;

beforeEach(() => {
  probe.mockReset();
  transport.mockReset();
});

describe('a server that answers without CORS headers', () => {
  it('a Matrix server (its /versions succeeds, an unknown Matrix path fails) is named as the CORS case', async () => {
    serve('none');
    probe.mockResolvedValue(evidence('load', 'error', 'error'));
    expect(await codeOf('https://nocors.example')).toBe('transport:cors');
    expect(probe).toHaveBeenCalledWith('https://nocors.example', undefined, undefined);
  });

  it('a web site whose root answers and whose /versions fails is not a Matrix server', async () => {
    serve('none');
    probe.mockResolvedValue(evidence('error', 'error', 'load'));
    expect(await codeOf('https://nocors.example')).toBe('discovery:not-a-matrix-server');
  });

  it.each([
    ['a site that answers every path alike', evidence('load', 'load', 'load')],
    ['a browser that reports nothing', evidence('silent', 'silent', 'silent')],
    ['a browser that reports an error for everything', evidence('error', 'error', 'error')],
  ])('%s cannot be told apart: the likelier case (not Matrix) leads', async (_, found) => {
    serve('none');
    probe.mockResolvedValue(found);
    expect(await codeOf('https://nocors.example')).toBe('discovery:probably-not-matrix');
  });

  it('a readable well-known naming the server is evidence of Matrix: that case leads when probes say no more', async () => {
    serve({ base: 'https://matrix.nocors.example' });
    probe.mockResolvedValue(evidence('error', 'error', 'load'));
    expect(await codeOf('example.org')).toBe('discovery:matrix-unreadable');
    probe.mockResolvedValue(evidence('silent', 'silent', 'silent'));
    expect(await codeOf('example.org')).toBe('discovery:matrix-unreadable');
    probe.mockResolvedValue(evidence('load', 'error', 'error'));
    expect(await codeOf('example.org')).toBe('transport:cors');
  });

  it('a well-known that exists but answers without CORS headers is named, with the file probed too', async () => {
    serve('cors');
    probe.mockResolvedValue(evidence('error', 'error', 'load', 'load'));
    expect(await codeOf('example.org')).toBe('discovery:well-known-no-cors');
    expect(probe).toHaveBeenCalledWith(
      'https://example.org',
      'https://example.org/.well-known/matrix/client',
      undefined,
    );
    probe.mockResolvedValue(evidence('error', 'error', 'load', 'error'));
    expect(await codeOf('example.org')).toBe('discovery:not-a-matrix-server');
  });

  it('asks nothing more of a server that is merely unreachable', async () => {
    transport.mockRejectedValue(new TransportError('network'));
    expect(await codeOf('https://down.example')).toBe('discovery:unreachable');
    expect(probe).not.toHaveBeenCalled();
  });
});

describe('verdictOf', () => {
  it.each([
    [evidence('load', 'error', 'silent'), 'matrix'],
    [evidence('load', 'error', 'load', 'error'), 'matrix'],
    [evidence('error', 'error', 'load', 'load'), 'well-known'],
    [evidence('error', 'load', 'load', 'load'), 'unknown'],
    [evidence('error', 'error', 'load'), 'not-matrix'],
    [evidence('error', 'silent', 'load'), 'not-matrix'],
    [evidence('error', 'error', 'error'), 'unknown'],
    [evidence('error', 'error', 'silent'), 'unknown'],
    [evidence('load', 'load', 'load'), 'unknown'],
    [evidence('load', 'silent', 'load'), 'unknown'],
    [evidence('silent', 'silent', 'silent'), 'unknown'],
  ])('%j -> %s', (found, verdict) => {
    expect(verdictOf(found)).toBe(verdict);
  });
});

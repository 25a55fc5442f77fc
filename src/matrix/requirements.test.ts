import { http, HttpResponse } from 'msw';
import { afterEach, describe, expect, it } from 'vitest';
import { discoverHomeserver } from './discovery';
import { parsePolicies, fetchRequirements, fetchPasswordPolicy } from './requirements';
import { startMockHomeserver } from '../test/mock-homeserver';

const mock = await startMockHomeserver();
const requirementsOf = async () => fetchRequirements(await discoverHomeserver('localhost:8008'));

/** An OAuth server's metadata at `auth_metadata`, in place of the scenario's. */
function serveAuthMetadata(extra: Record<string, unknown>) {
  mock.server.use(
    http.get('*/_matrix/client/v1/auth_metadata', () =>
      HttpResponse.json({
        issuer: 'https://auth.example.org/',
        authorization_endpoint: 'https://auth.example.org/authorize',
        token_endpoint: 'https://auth.example.org/token',
        registration_endpoint: 'https://auth.example.org/register',
        ...extra,
      }),
    ),
  );
}

describe('fetchRequirements', () => {
  it('open: one dummy flow, nothing to ask', async () => {
    expect(await requirementsOf()).toMatchObject({
      kind: 'stages',
      flows: [['m.login.dummy']],
      token: 'none',
      email: 'none',
      terms: [],
      otherStages: [],
    });
  });

  it('everything: captcha key, terms policies, optional email', async () => {
    await mock.reset('everything');
    const requirements = await requirementsOf();
    expect(requirements).toMatchObject({
      kind: 'stages',
      email: 'optional',
      token: 'none',
      captchaKey: 'mock-captcha-public-key',
    });
    expect(requirements.kind === 'stages' && requirements.terms.map((policy) => policy.id)).toEqual([
      'privacy_policy',
      'terms_of_service',
    ]);
  });

  it('token and email scenarios: required', async () => {
    await mock.reset('token');
    expect(await requirementsOf()).toMatchObject({ token: 'required', email: 'none' });
    await mock.reset('email');
    expect(await requirementsOf()).toMatchObject({ token: 'none', email: 'required' });
  });

  it('disabled: says so, and whether single sign-on is offered', async () => {
    await mock.reset('disabled');
    expect(await requirementsOf()).toEqual({ kind: 'disabled', singleSignOn: false });
    mock.server.use(
      http.get('*/_matrix/client/v3/login', () => HttpResponse.json({ flows: [{ type: 'm.login.sso' }] })),
    );
    expect(await requirementsOf()).toEqual({ kind: 'disabled', singleSignOn: true });
  });

  it('oidc: where accounts are made, and that the OAuth server can create them', async () => {
    await mock.reset('oidc');
    expect(await requirementsOf()).toMatchObject({
      kind: 'oauth',
      oauth: {
        issuer: 'http://localhost:8008/oauth2/',
        accountUrl: 'http://localhost:8008/oauth2/account',
        canCreate: true,
        responseMode: 'fragment',
        endpoints: {
          registration: 'http://localhost:8008/oauth2/register',
          token: 'http://localhost:8008/oauth2/token',
        },
      },
    });
  });

  it('oidc without prompt=create: says where accounts are managed, and that the page cannot create one', async () => {
    await mock.reset('oidc');
    // The issuer the oidc scenario's well-known names: metadata naming another would not be used.
    const issuer = 'http://localhost:8008/oauth2/';
    serveAuthMetadata({
      issuer,
      authorization_endpoint: `${issuer}authorize`,
      token_endpoint: `${issuer}token`,
      registration_endpoint: `${issuer}register`,
      account_management_uri: 'javascript:alert(1)',
    });
    expect(await requirementsOf()).toMatchObject({ kind: 'oauth', oauth: { canCreate: false } });
    expect(await requirementsOf()).not.toHaveProperty('oauth.accountUrl');
  });

  it('a server with a form and OAuth sign-up keeps the form and offers both', async () => {
    serveAuthMetadata({ prompt_values_supported: ['create'] });
    expect(await requirementsOf()).toMatchObject({ kind: 'stages', oauth: { canCreate: true } });
  });

  it('seed: cannot ask without a password, so it is found out on submit', async () => {
    await mock.reset('seed');
    expect(await requirementsOf()).toEqual({ kind: 'unknown' });
  });

  it('lists stages only the fallback page can do', async () => {
    mock.server.use(
      http.post('*/_matrix/client/v3/register', () =>
        HttpResponse.json({ session: 's', flows: [{ stages: ['org.example.custom'] }], params: {} }, { status: 401 }),
      ),
    );
    expect(await requirementsOf()).toMatchObject({ otherStages: ['org.example.custom'] });
  });

  it('throws a rate limit for the page to count down', async () => {
    mock.server.use(
      http.post('*/_matrix/client/v3/register', () =>
        HttpResponse.json({ errcode: 'M_LIMIT_EXCEEDED', error: 'slow down', retry_after_ms: 2000 }, { status: 429 }),
      ),
    );
    await expect(requirementsOf()).rejects.toMatchObject({ errcode: 'M_LIMIT_EXCEEDED', retryAfterMs: 2000 });
  });
});

describe('parsePolicies', () => {
  it('keeps only http(s) links, and every policy, so that none is accepted unseen', () => {
    const policies = parsePolicies({
      policies: {
        good: { version: '1', en: { name: 'Good', url: 'https://example.org/p' } },
        evil: {
          version: '1',
          en: { name: 'Evil', url: 'javascript:alert(1)' },
          fr: { name: 'Data', url: 'data:text/html,x' },
        },
        broken: {},
      },
    });
    expect(policies).toEqual([
      { id: 'good', version: '1', translations: { en: { name: 'Good', url: 'https://example.org/p' } } },
      { id: 'evil', version: '1', translations: { en: { name: 'Evil' }, fr: { name: 'Data' } } },
      { id: 'broken', version: '', translations: { en: { name: 'broken' } } },
    ]);
  });

  it('continuwuity 26.6+: a string `version` beside the policies is not a policy, and policies need no version', () => {
    const policies = parsePolicies({
      policies: { rules: { en: { name: 'Server rules', url: 'https://example.org/rules' } }, version: 'latest' },
    });
    expect(policies).toEqual([
      { id: 'rules', version: '', translations: { en: { name: 'Server rules', url: 'https://example.org/rules' } } },
    ]);
  });

  it('reads nothing that is not an object as a policy, and a language called __proto__ stays a language', () => {
    expect(parsePolicies({ policies: { a: 'x', b: 42, c: null, d: ['x'] } })).toEqual([]);
    expect(parsePolicies(null)).toEqual([]);
    const [policy] = parsePolicies(JSON.parse('{"policies": {"p": {"__proto__": {"name": "Odd"}}}}'));
    expect(Object.getPrototypeOf(policy?.translations)).toBe(Object.prototype);
    expect(Object.keys(policy?.translations ?? {})).toEqual(['__proto__']);
  });
});

describe('fetchPasswordPolicy', () => {
  it('reads the published policy, and is empty when there is none or it fails', async () => {
    await mock.reset('everything');
    expect(await fetchPasswordPolicy(await discoverHomeserver('localhost:8008'))).toMatchObject({
      'm.minimum_length': 8,
      'm.require_digit': true,
    });
    mock.server.use(http.get('*/password_policy', () => HttpResponse.error()));
    expect(await fetchPasswordPolicy(await discoverHomeserver('localhost:8008'))).toEqual({});
  });
});

describe('OAuth sign-up, whatever /register answers (homeservers.md §2.1, §2.4, §5.3)', () => {
  const ISSUER = 'https://auth.example.org/';
  const MAS_METADATA = {
    issuer: ISSUER,
    authorization_endpoint: `${ISSUER}authorize`,
    token_endpoint: `${ISSUER}oauth2/token`,
    registration_endpoint: `${ISSUER}oauth2/registration`,
    account_management_uri: `${ISSUER}account/`,
    code_challenge_methods_supported: ['plain', 'S256'],
    // MAS with `password_registration_enabled` (its crates/handlers/src/oauth2/discovery.rs).
    prompt_values_supported: ['login', 'create'],
  };
  const V1 = '/_matrix/client/v1/auth_metadata';
  const UNSTABLE = '/_matrix/client/unstable/org.matrix.msc2965/auth_metadata';
  const AUTH_ISSUER = '/_matrix/client/unstable/org.matrix.msc2965/auth_issuer';
  const OPENID = 'https://auth.example.org/.well-known/openid-configuration';
  const unrecognized = () =>
    HttpResponse.json({ errcode: 'M_UNRECOGNIZED', error: 'Unrecognized request' }, { status: 404 });

  /** Every address the page asked, in order. */
  function recordAsked(): string[] {
    const asked: string[] = [];
    mock.server.events.on('request:start', ({ request }) => {
      const url = new URL(request.url);
      asked.push(url.origin === 'http://localhost:8008' ? url.pathname : url.href);
    });
    return asked;
  }
  afterEach(() => mock.server.events.removeAllListeners('request:start'));

  function registerAnswers(status: number, body: Record<string, unknown>) {
    mock.server.use(http.post('*/_matrix/client/v3/register', () => HttpResponse.json(body, { status })));
  }
  /** What the server answers at its OAuth discovery addresses; anything left out is 404 `M_UNRECOGNIZED`. */
  function delegation(answers: { v1?: unknown; unstable?: unknown; issuer?: string; openid?: unknown }) {
    const at = (body: unknown) => (body === undefined ? unrecognized : () => HttpResponse.json(body));
    mock.server.use(
      http.get(`*${V1}`, at(answers.v1)),
      http.get(`*${UNSTABLE}`, at(answers.unstable)),
      http.get(`*${AUTH_ISSUER}`, at(answers.issuer === undefined ? undefined : { issuer: answers.issuer })),
      http.get(OPENID, () =>
        answers.openid === undefined
          ? new HttpResponse('not found', { status: 404 })
          : HttpResponse.json(answers.openid),
      ),
    );
  }

  // Synapse ≥1.126 with MAS, exactly (synapse/rest/client/register.py, RegisterAppServiceOnlyRestServlet).
  const SM_403 = {
    errcode: 'M_FORBIDDEN',
    error: 'Registration has been disabled. Only m.login.application_service registrations are allowed.',
  };
  // Synapse 1.86–1.125 with MSC3861: `{}` has no username, checked first.
  const S3_400 = { errcode: 'M_UNKNOWN', error: 'Invalid username' };

  it('Synapse ≥1.138 with MAS: 403, and v1 metadata offering create, is OAuth sign-up', async () => {
    registerAnswers(403, SM_403);
    delegation({ v1: MAS_METADATA });
    expect(await requirementsOf()).toMatchObject({
      kind: 'oauth',
      oauth: { issuer: ISSUER, canCreate: true, accountUrl: `${ISSUER}account/` },
    });
  });

  it('Synapse 1.123–1.137 with MAS: 403, v1 not served, the unstable metadata offers create', async () => {
    registerAnswers(403, SM_403);
    delegation({ unstable: MAS_METADATA });
    const asked = recordAsked();
    expect(await requirementsOf()).toMatchObject({ kind: 'oauth', oauth: { canCreate: true } });
    expect(asked).toContain(V1);
    expect(asked).toContain(UNSTABLE);
  });

  it('MAS without password registration: the no-create view with the account link, not "closed"', async () => {
    registerAnswers(403, SM_403);
    delegation({ v1: { ...MAS_METADATA, prompt_values_supported: ['login'] } });
    expect(await requirementsOf()).toEqual({
      kind: 'oauth',
      oauth: expect.objectContaining({ canCreate: false, accountUrl: `${ISSUER}account/` }) as unknown,
    });
  });

  it('Synapse 1.99–1.122 with MSC3861: 400, no auth_metadata; auth_issuer, then the issuer’s OpenID document', async () => {
    registerAnswers(400, S3_400);
    delegation({ issuer: ISSUER, openid: MAS_METADATA });
    const asked = recordAsked();
    expect(await requirementsOf()).toMatchObject({
      kind: 'oauth',
      oauth: { issuer: ISSUER, canCreate: true, endpoints: { registration: `${ISSUER}oauth2/registration` } },
    });
    const discovery = [V1, UNSTABLE, AUTH_ISSUER, OPENID];
    expect(asked.filter((path) => discovery.includes(path))).toEqual(discovery);
  });

  it('an OpenID document naming another issuer is refused: no sign-up is started with its endpoints', async () => {
    registerAnswers(400, S3_400);
    delegation({ issuer: ISSUER, openid: { ...MAS_METADATA, issuer: 'https://evil.example/' } });
    const requirements = await requirementsOf();
    expect(requirements).toEqual({
      kind: 'oauth',
      oauth: { issuer: ISSUER, canCreate: false, responseMode: 'query', issInAnswer: false },
    });
  });

  it('the well-known’s issuer stands for auth_issuer (not asked then), its account link kept when the document fails', async () => {
    await mock.reset('oidc');
    registerAnswers(400, S3_400);
    delegation({});
    // The mock's OAuth server publishes its OpenID document; here it fails, as a misconfigured one's would.
    mock.server.use(
      http.get('*/oauth2/.well-known/openid-configuration', () => new HttpResponse('bad gateway', { status: 502 })),
    );
    const asked = recordAsked();
    expect(await requirementsOf()).toMatchObject({
      kind: 'oauth',
      oauth: {
        issuer: 'http://localhost:8008/oauth2/',
        accountUrl: 'http://localhost:8008/oauth2/account',
        canCreate: false,
      },
    });
    expect(asked).not.toContain(AUTH_ISSUER);
    expect(asked).toContain('/oauth2/.well-known/openid-configuration');
  });

  it('continuwuity 26.6 in exclusive mode: /register 404 M_UNRECOGNIZED, v1 offers create', async () => {
    mock.server.use(http.post('*/_matrix/client/v3/register', unrecognized));
    delegation({ v1: { ...MAS_METADATA, prompt_values_supported: ['create'] } });
    expect(await requirementsOf()).toMatchObject({ kind: 'oauth', oauth: { canCreate: true } });
  });

  it('Tuwunel without an OIDC server (v1 404 M_UNRECOGNIZED): the form, and nothing more asked', async () => {
    mock.server.use(
      http.get(`*${V1}`, () =>
        HttpResponse.json({ errcode: 'M_UNRECOGNIZED', error: 'OIDC server not configured' }, { status: 404 }),
      ),
    );
    const asked = recordAsked();
    const requirements = await requirementsOf();
    expect(requirements).toMatchObject({ kind: 'stages' });
    expect(requirements).not.toHaveProperty('oauth');
    expect(asked).not.toContain(UNSTABLE);
    expect(asked).not.toContain(AUTH_ISSUER);
  });

  it('a form server whose metadata lacks create keeps only the form', async () => {
    delegation({ v1: { ...MAS_METADATA, prompt_values_supported: ['login'] } });
    const requirements = await requirementsOf();
    expect(requirements).toMatchObject({ kind: 'stages' });
    expect(requirements).not.toHaveProperty('oauth');
  });

  it('a closed server with no OAuth server anywhere is closed, without asking auth_issuer', async () => {
    registerAnswers(403, { errcode: 'M_FORBIDDEN', error: 'Registration has been disabled' });
    delegation({ issuer: ISSUER, openid: MAS_METADATA });
    const asked = recordAsked();
    expect(await requirementsOf()).toEqual({ kind: 'disabled', singleSignOn: false });
    expect(asked).not.toContain(AUTH_ISSUER);
    expect(asked).not.toContain(OPENID);
  });

  it('a 400 with no OAuth server anywhere is the error it was', async () => {
    registerAnswers(400, S3_400);
    delegation({});
    await expect(requirementsOf()).rejects.toMatchObject({ status: 400, errcode: 'M_UNKNOWN' });
  });
});

describe('against the mock playing each family that makes accounts through OAuth (mocks/model/families.ts)', () => {
  it('Synapse with MAS (403 on /register): OAuth sign-up through v1 auth_metadata', async () => {
    await mock.reset('oidc', 'synapse-mas');
    expect(await requirementsOf()).toMatchObject({ kind: 'oauth', oauth: { canCreate: true } });
  });

  it('Synapse 1.86–1.125 with MSC3861 (400, no auth_metadata): the issuer’s OpenID document', async () => {
    await mock.reset('oidc', 'synapse-msc3861');
    expect(await requirementsOf()).toMatchObject({
      kind: 'oauth',
      oauth: { issuer: 'http://localhost:8008/oauth2/', canCreate: true },
    });
  });

  it('MAS without password registration: no create, the account link', async () => {
    await mock.reset('oidc-no-create');
    expect(await requirementsOf()).toMatchObject({
      kind: 'oauth',
      oauth: { canCreate: false, accountUrl: 'http://localhost:8008/oauth2/account' },
    });
  });

  it('continuwuity 26.6 in hybrid mode: the form, with OAuth beside it; in exclusive mode OAuth only', async () => {
    await mock.reset('oidc-hybrid');
    expect(await requirementsOf()).toMatchObject({ kind: 'stages', oauth: { canCreate: true } });
    await mock.reset('oidc', 'continuwuity-26.6');
    expect(await requirementsOf()).toMatchObject({ kind: 'oauth', oauth: { canCreate: true } });
  });
});

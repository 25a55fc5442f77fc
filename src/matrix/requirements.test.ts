import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
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
    serveAuthMetadata({ account_management_uri: 'javascript:alert(1)' });
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
